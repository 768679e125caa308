"""The training step of small networks against Adam's three implementations on a CPU: the for-loop over
parameters (torch's CPU default), `foreach` (one kernel per operation over all parameters) and `fused` (one
kernel for the whole update), one thread, interleaved rounds in one process.

    python bench/adam_variants.py [ROUNDS]

The step: 03's Roundtrip on indep_gmm at the `cpu` preset (G and H of 4 x 256, batches of 64; two Adams a step).
Each variant starts from the same weights and draws; prints the losses after 20 steps (they agree to float32
rounding) and the median ms a step over ROUNDS rounds of 200 steps (default 3).
"""
import statistics, sys, time, torch

torch.set_num_threads(1)
from vqrt.devices import describe_machine
from vqrt.presets import get_preset, SIMULATION_SHAPES
from vqrt.roundtrip import Roundtrip, RoundtripConfig
from vqrt.simulations import splits

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
print(describe_machine(), '; one thread here')
p = get_preset('roundtrip-sim', 'cpu')
x = splits('indep_gmm')[0]
config = RoundtripConfig(**{**p['model'], **SIMULATION_SHAPES['indep_gmm']})


def make(variant):
    torch.manual_seed(0)
    model = Roundtrip(config).train()
    optimizers = model.configure_optimizers(p['train']['lr'])
    for opt in optimizers.values():  # the same parameters and state, another implementation of the update
        for group in opt.param_groups:
            group['foreach'], group['fused'] = variant == 'foreach', (True if variant == 'fused' else None)
    return model, optimizers


def steps(model, optimizers, n, seed=0):
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    start = time.perf_counter()
    for _ in range(n):
        logs = model.training_step((x[torch.randint(len(x), (64,), generator=g)],), optimizers)
    return (time.perf_counter() - start) / n * 1000, logs


variants = ['for-loop', 'foreach', 'fused']
made = {v: make(v) for v in variants}
losses = {v: steps(*made[v], 20)[1] for v in variants}
times = {v: [] for v in variants}
for r in range(rounds):
    for v in variants:
        times[v].append(steps(*made[v], 200, seed=r + 1)[0])
print('| Adam | ms a step | ratio | g_loss after 20 steps | d_loss |')
print('|---|---|---|---|---|')
base = statistics.median(times['for-loop'])
for v in variants:
    t = statistics.median(times[v])
    print(f"| {v} | {t:.1f} | {base / t:.2f}x | {losses[v]['g_loss']:.5f} | {losses[v]['d_loss']:.5f} |")
