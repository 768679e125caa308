"""Speed figures of issues 12 and 15, measured in one run on this machine (a noisy 2-core box: compare ratios).

    python bench/speed.py [--samples 500] [--threads 1] [--peer ../shared/bench/peer_vqvae.py] [--only sharing]

1. PixelCNN sampling at the `cpu` preset's size (dim 32, 10 layers, K = 512, 8x8 codes): the fast sampler against
   the straightforward one (64 full passes per grid), interleaved, images per second, and that both draw the
   same codes from the same random numbers.
2. The same for the transformer prior at its `cpu` size (128 wide, 4 blocks): the key/value cache against the
   whole sequence at every step.
3. The training step of every `cpu` stage (two of the Roundtrip priors, and a Roundtrip simulation): float32 (as
   before), as `fit` runs it now (channels-last; bf16 autocast where the CPU has it and the model allows it), and
   in bf16 for all; then the PixelCNN's step compiled, as its `cpu` preset trains it, against eager.
4. vqrt's `cpu` VQ-VAE training step against the zalando-research peer of the same size at batch 32 and 128: the
   peer script run as it is (both models' `loss` in float32, in its own process), then, in this process, vqrt's
   step as `fit` runs it (and in bf16) against the peer's step as its code runs it (and under the same autocast).
5. The `cpu` VQ-VAE training step alone, and with two other single-thread torch processes competing for the cores:
   torch's threads, OMP_WAIT_POLICY=PASSIVE, one thread, and vqrt's default (a thread per idle core).
"""
import argparse, os, statistics, subprocess, sys, time
import torch

parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
parser.add_argument('--samples', type=int, default=500, help='PixelCNN samples per timing (a multiple of 10)')
parser.add_argument('--rounds', type=int, default=3, help='interleaved timing rounds')
parser.add_argument('--threads', type=int, default=None, help='torch threads (default: torch\'s)')
parser.add_argument('--only', default='sampling,steps,peer,sharing',
                    help='comma-separated parts to run: sampling, steps, peer, sharing (default: all)')
parser.add_argument('--peer', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'bench', 'peer_vqvae.py'),
                    help='the peer benchmark script (skipped where it does not exist)')
args = parser.parse_args()
want = lambda part: part in args.only.split(',')
if args.threads:
    torch.set_num_threads(args.threads)

from vqrt.pixelcnn import GatedPixelCNN, PixelCNNConfig
from vqrt.transformer import TransformerPrior, TransformerConfig
from vqrt.presets import get_preset
from vqrt.devices import precision

precision_here = precision('cpu')

config = PixelCNNConfig(codebook_size=512, **get_preset('pixelcnn', 'cpu')['model'])
torch.manual_seed(0)
net = GatedPixelCNN(config).eval()
labels = torch.arange(10).repeat_interleave(args.samples // 10)


def compare(name, samplers, labels):
    "Interleaved timings of two samplers that must draw the same codes from the same random numbers."
    times, codes = {k: [] for k in samplers}, {}
    for _ in range(args.rounds):
        for key, sampler in samplers.items():
            torch.manual_seed(1)
            start = time.perf_counter()
            codes[key] = sampler(labels)
            times[key].append(time.perf_counter() - start)
    rate = {k: len(labels) / statistics.median(v) for k, v in times.items()}
    (fast, slow), same = rate, torch.equal(*codes.values())
    print(f'{name} sampling ({len(labels)} grids in one batch, {torch.get_num_threads()} threads, median of '
          f'{args.rounds}): {fast} {rate[fast]:.0f} images/s, {slow} {rate[slow]:.0f} images/s, ratio '
          f'{rate[fast] / rate[slow]:.2f}x; same codes from the same random numbers: {same}')
    print(f'  10,000 samples: {fast} {10_000 / rate[fast]:.0f} s, {slow} {10_000 / rate[slow]:.0f} s')


if want('sampling'):
    compare('PixelCNN', {'fast': net.sample, 'straightforward': net.sample_reference}, labels)
    # the cached and the whole-sequence sampler agree draw for draw in float64; in float32 a rounding difference can
    # (rarely) move one draw, so the equality printed here is informative, the chapter's test is the proof
    transformer = TransformerPrior(TransformerConfig(codebook_size=512, **get_preset('transformer', 'cpu')['model'])).eval()
    compare('transformer', {'cached': transformer.sample, 'whole sequence': transformer.sample_reference}, labels)
from vqrt.train import train_step, configure_optimizers, compiled_loss
from vqrt.roundtrip import Roundtrip, RoundtripConfig
from vqrt.priors import RoundtripPrior, RoundtripPriorConfig
from vqrt.presets import SIMULATION_SHAPES
from vqrt.vqvae import VQVAE, VQVAEConfig
from vqrt.vae import VAE, VAEConfig
from vqrt.metrics import Classifier, ClassifierConfig

CPU = torch.device('cpu')


def rates(steps: dict, batch_size: int) -> dict:
    "Images/s of each step function, interleaved rounds of about 2 s each, median."
    for step in steps.values():
        step(), step()  # warm-up (oneDNN picks its kernels)
    times = {k: [] for k in steps}
    for _ in range(args.rounds):
        for key, step in steps.items():
            start, n = time.perf_counter(), 0
            while time.perf_counter() - start < 2:
                step()
                n += 1
            times[key].append(batch_size * n / (time.perf_counter() - start))
    return {k: statistics.median(v) for k, v in times.items()}


def fit_step(model, batch, precision, lr=3e-4, compile=False):
    "`fit`'s step (`train_step`) at `precision`, compiled with `compile`; channels-last as `fit` places it, unless float32."
    if precision != 'float32':
        model.to(memory_format=torch.channels_last)
    optimizers = configure_optimizers(model, lr)
    compiled = compiled_loss(model) if compile else None

    def step():
        train_step(model, batch, optimizers, precision, compiled)

    return step


def images(n):
    return [torch.randint(0, 256, (n, 3, 32, 32), dtype=torch.uint8), torch.randint(0, 10, (n,))]


def codes(n):
    return [torch.randint(0, 512, (n, 8, 8)), torch.randint(0, 10, (n,))]


# the `cpu` training stages: how to build the model, a batch (the model's loss takes all of it)
STAGES = {
    'vqvae': (lambda c: VQVAE(VQVAEConfig(**c), 0.25), lambda n: images(n)[:1]),
    'vae': (lambda c: VAE(VAEConfig(**c), 0.25), lambda n: images(n)[:1]),
    'classifier': (lambda c: Classifier(ClassifierConfig(**c)), images),
    'pixelcnn': (lambda c: GatedPixelCNN(PixelCNNConfig(codebook_size=512, **c)), codes),
    'transformer': (lambda c: TransformerPrior(TransformerConfig(codebook_size=512, **c)), codes),
}
GRID = dict(embedding_dim=64, codebook_size=512, height=8, width=8)  # the `cpu` VQ-VAE's latents
for name in ('cpu', 'cpu-spatial-ac'):  # the Roundtrip priors of 06: an MLP pair, and the convolutional one
    STAGES[f'roundtrip-prior {name}'] = (
        lambda c: RoundtripPrior(RoundtripPriorConfig.from_dict(dict(GRID, **c)), torch.randn(512, 64)),
        lambda n: [torch.randn(n, 64 * 8 * 8), torch.randint(0, 10, (n,))],
    )


STAGES['roundtrip-sim cpu (involute)'] = (
    lambda c: Roundtrip(RoundtripConfig(**c, **SIMULATION_SHAPES['involute'])),
    lambda n: [torch.randn(n, 2)],
)
if want('steps'):
    print(f'training steps of the cpu presets, {torch.get_num_threads()} threads, images/s (median of {args.rounds}): '
          f'float32 as before; as `fit` runs them now (channels-last, and bf16 autocast where the model allows it on '
          f'this CPU: {precision_here}); and with --precision bfloat16 for all')
    for kind, (make, batch) in STAGES.items():
        preset = get_preset(*kind.split(' ')[:2]) if kind.startswith('roundtrip') else get_preset(kind, 'cpu')
        size = preset['train']['batch_size']
        data = batch(size)
        steps = {}
        for choice in ('float32', 'auto', 'bfloat16'):  # auto: the preset's precision, as `fit` resolves it
            torch.manual_seed(0)
            resolved = precision(CPU, preset['train']['precision'] if choice == 'auto' else choice)
            steps[choice] = fit_step(make(preset['model']).train(), data, resolved, preset['train']['lr'])
        rate = rates(steps, size)
        print(f'  {kind:29s} batch {size:3d}: float32 {rate["float32"]:5.0f}, now {rate["auto"]:5.0f} '
              f'({rate["auto"] / rate["float32"]:.2f}x), bfloat16 {rate["bfloat16"]:5.0f} ({rate["bfloat16"] / rate["float32"]:.2f}x)')
    print('  (the PixelCNN\'s step is also compiled in its cpu preset: see the next line)')
    torch.manual_seed(0)
    preset = get_preset('pixelcnn', 'cpu')
    data = codes(preset['train']['batch_size'])
    make_pixelcnn = lambda: GatedPixelCNN(PixelCNNConfig(codebook_size=512, **preset['model'])).train()
    eager_step, compiled_step = (
        fit_step(make_pixelcnn(), data, precision_here, preset['train']['lr'], compile) for compile in (False, True)
    )
    start = time.perf_counter()
    compiled_step()
    warm = time.perf_counter() - start
    rate = rates({'eager': eager_step, 'compiled': compiled_step}, preset['train']['batch_size'])
    print(f'  pixelcnn, as fit runs it now, compiled: {rate["compiled"]:.0f} vs {rate["eager"]:.0f} eager '
          f'({rate["compiled"] / rate["eager"]:.2f}x; compilation {warm:.0f} s, once per run)')

if want('peer') and os.path.exists(args.peer):
    print(f'vqrt vs peer: {os.path.normpath(args.peer)} run as it is (both models\' `loss` in float32, in its process):')
    peer = subprocess.run([sys.executable, args.peer, '--preset', 'cpu', '--batches', '32,128'], capture_output=True, text=True)
    print('  ' + (peer.stdout or peer.stderr).strip().replace('\n', '\n  '))
    import importlib.util

    spec = importlib.util.spec_from_file_location('peer_vqvae', args.peer)
    peer_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(peer_module)

    def peer_step(model, x, bf16=False):
        "The peer's step as its code runs it (float32); `bf16`: under the same autocast and layout as vqrt's."
        if bf16:
            model.to(memory_format=torch.channels_last)
        opt = torch.optim.Adam(model.parameters(), lr=3e-4)

        def step():
            with torch.autocast('cpu', torch.bfloat16, enabled=bf16):
                loss = model.loss(x)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()

        return step

    print(f'vqrt\'s training step as `fit` runs it (float32, channels-last; and with --precision bfloat16) vs the '
          f'peer\'s step as its code runs it (float32), interleaved in this process, images/s:')
    for size in (32, 128):
        x = torch.rand(size, 3, 32, 32) * 2 - 1
        torch.manual_seed(0)
        vqvae = lambda: VQVAE(VQVAEConfig(**get_preset('vqvae', 'cpu')['model']), 0.063).train()
        steps = {
            'vqrt': fit_step(vqvae(), [x], 'auto'),
            'vqrt, bf16': fit_step(vqvae(), [x], 'bfloat16'),
            'peer': peer_step(peer_module.Peer().train(), x),
            'peer, bf16': peer_step(peer_module.Peer().train(), x, bf16=True),
        }
        rate = rates(steps, size)
        print(f'  batch {size}: vqrt {rate["vqrt"]:.0f}, peer {rate["peer"]:.0f}: ratio {rate["vqrt"] / rate["peer"]:.2f}x; '
              f'in bf16 (vqrt --precision bfloat16, the peer under the same autocast and layout): vqrt '
              f'{rate["vqrt, bf16"]:.0f}, {rate["vqrt, bf16"] / rate["peer"]:.2f}x the float32 peer, '
              f'{rate["vqrt, bf16"] / rate["peer, bf16"]:.2f}x the bf16 peer')
elif want('peer'):
    print(f'vqrt vs peer: skipped, no {args.peer}')

STEP = '''
import sys, time, torch
threads = int(sys.argv[1])
if threads < 0:  # as a training command without --threads chooses: a thread per idle core
    from vqrt.cli import threads_for_idle_cores
    threads = threads_for_idle_cores()
if threads: torch.set_num_threads(threads)
from vqrt.vqvae import VQVAE, VQVAEConfig
from vqrt.presets import get_preset
torch.manual_seed(0)
model = VQVAE(VQVAEConfig(**get_preset('vqvae', 'cpu')['model']))
opt = torch.optim.Adam(model.parameters(), lr=3e-4)
x = torch.randint(0, 256, (32, 3, 32, 32), dtype=torch.uint8)
seconds = float(sys.argv[2])
steps, start = 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    loss, _ = model.loss(x)
    opt.zero_grad(); loss.backward(); opt.step(); steps += 1
print(steps / (time.perf_counter() - start))
'''
BUSY = 'import torch\ntorch.set_num_threads(1)\na = torch.randn(512, 512)\nwhile True: a @ a'


def steps_per_second(threads=0, seconds=20.0, passive=False):
    env = dict(os.environ, OMP_WAIT_POLICY='PASSIVE') if passive else None
    out = subprocess.run([sys.executable, '-c', STEP, str(threads), str(seconds)], capture_output=True, text=True, env=env)
    return float(out.stdout.strip().split('\n')[-1])


if want('sharing'):
    alone, alone_passive, alone_idle = steps_per_second(), steps_per_second(passive=True), steps_per_second(threads=-1)
    busy = [subprocess.Popen([sys.executable, '-c', BUSY]) for _ in range(2)]
    try:
        time.sleep(2)
        shared, shared_passive, shared_one = steps_per_second(), steps_per_second(passive=True), steps_per_second(threads=1)
        shared_idle = steps_per_second(threads=-1)
    finally:
        for p in busy:
            p.kill()
    print(f'cpu VQ-VAE training step, batch 32, {os.cpu_count()} cores, steps/s:')
    print(f'  alone: {alone:.2f} (torch\'s threads), {alone_passive:.2f} (OMP_WAIT_POLICY=PASSIVE), {alone_idle:.2f} '
          f'(a thread per idle core, as vqrt\'s training commands choose by default)')
    print(f'  beside two busy single-thread processes: {shared:.2f} ({alone / shared:.1f}x slower), '
          f'{shared_passive:.2f} with PASSIVE ({alone / shared_passive:.1f}x slower), {shared_one:.2f} with 1 thread '
          f'({alone / shared_one:.1f}x slower), {shared_idle:.2f} with a thread per idle core, vqrt\'s default '
          f'({alone / shared_idle:.1f}x slower)')
