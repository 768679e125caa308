"""Two single-threaded runs side by side against one run on every core: the training steps per second of the small
models 03 trains (a Roundtrip simulation at the `cpu` preset, a MAF at the `flow` preset), measured in one run,
interleaved. It is what `vqrt.devices.in_parallel` rests on. A benchmark, not a test: it prints figures.

    python bench/side_by_side.py [--steps 1500] [--rounds 3]

Each timing runs in its own process (so that its thread count is its own): 'alone' is one process with torch's
threads on all cores, 'side by side' is one single-threaded process per core at once, their steps per second summed.
"""
import argparse, json, os, statistics, subprocess, sys, time

parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
parser.add_argument('--steps', type=int, default=1500, help='timed steps per process')
parser.add_argument('--rounds', type=int, default=3, help='interleaved rounds')
parser.add_argument('--worker', choices=['roundtrip', 'maf'], help=argparse.SUPPRESS)
parser.add_argument('--threads', type=int, default=None, help=argparse.SUPPRESS)
args = parser.parse_args()


def worker(model_kind: str, steps: int) -> float:
    "Steps per second of `model_kind`'s training step at its cpu preset's batch, after 100 steps of warm-up."
    import torch
    from vqrt.presets import get_preset, SIMULATION_SHAPES
    from vqrt.train import configure_optimizers, train_step

    torch.manual_seed(0)
    if model_kind == 'roundtrip':
        from vqrt.roundtrip import Roundtrip, RoundtripConfig

        p = get_preset('roundtrip-sim', 'cpu')
        model = Roundtrip(RoundtripConfig(**{**p['model'], **SIMULATION_SHAPES['indep_gmm']}))
        batch = (torch.randn(p['train']['batch_size'], 10),)
    else:
        from vqrt.baselines import Flow, FlowConfig

        p = get_preset('flow', 'cpu')
        model = Flow(FlowConfig(kind='maf', features=10, **p['model']))
        batch = (torch.randn(p['train']['batch_size'], 10),)
    optimizers = configure_optimizers(model, p['train']['lr'])
    for _ in range(100):
        train_step(model, batch, optimizers)
    t = time.perf_counter()
    for _ in range(steps):
        train_step(model, batch, optimizers)
    return steps / (time.perf_counter() - t)


if args.worker:
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    print(json.dumps(worker(args.worker, args.steps)))
    sys.exit()


def launch(kind: str, threads: int | None, copies: int) -> float:
    "Summed steps per second of `copies` processes of `kind` started together."
    cmd = [sys.executable, __file__, '--worker', kind, '--steps', str(args.steps)]
    cmd += ['--threads', str(threads)] if threads else []
    env = dict(os.environ, OMP_NUM_THREADS=str(threads)) if threads else os.environ
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env) for _ in range(copies)]
    return sum(json.loads(p.communicate()[0]) for p in procs)


from vqrt.devices import describe_machine, usable_cores

cores = usable_cores()
print(f'{describe_machine("cpu")}; every step in float32')
for kind in ('roundtrip', 'maf'):
    alone, side = [], []
    for _ in range(args.rounds):
        alone.append(launch(kind, None, 1))
        side.append(launch(kind, 1, cores))
    a, s = statistics.median(alone), statistics.median(side)
    print(f'{kind:9s}: alone {a:6.0f} steps/s, {cores} side by side {s:6.0f} steps/s in all: {s / a:.2f}x '
          f'(medians of {args.rounds} interleaved rounds)')  # fmt: skip
