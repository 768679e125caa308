"""Speed figures of issues 12 and 15, measured in one run on this machine (a noisy 2-core box: compare ratios).

    python bench/speed.py [--samples 500] [--threads 1] [--peer ../shared/bench/peer_vqvae.py]

1. PixelCNN sampling at the `cpu` preset's size (dim 32, 10 layers, K = 512, 8x8 codes): the fast sampler against
   the straightforward one (64 full passes per grid), interleaved, images per second, and that both draw the
   same codes from the same random numbers.
2. The same for the transformer prior at its `cpu` size (128 wide, 4 blocks): the key/value cache against the
   whole sequence at every step.
3. vqrt's `cpu` VQ-VAE training step against the zalando-research peer of the same size at batch 32 and 128, by
   the peer script (run as it is, in its own process), where it exists.
4. The `cpu` VQ-VAE training step alone, and with two other single-thread torch processes competing for the cores.
"""
import argparse, os, statistics, subprocess, sys, time
import torch

parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
parser.add_argument('--samples', type=int, default=500, help='PixelCNN samples per timing (a multiple of 10)')
parser.add_argument('--rounds', type=int, default=3, help='interleaved timing rounds')
parser.add_argument('--threads', type=int, default=None, help='torch threads (default: torch\'s)')
parser.add_argument('--skip-sharing', action='store_true', help='only the sampling figures (no peer, no sharing)')
parser.add_argument('--peer', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'bench', 'peer_vqvae.py'),
                    help='the peer benchmark script (skipped where it does not exist)')
args = parser.parse_args()
if args.threads:
    torch.set_num_threads(args.threads)

from vqrt.pixelcnn import GatedPixelCNN, PixelCNNConfig
from vqrt.presets import get_preset

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


compare('PixelCNN', {'fast': net.sample, 'straightforward': net.sample_reference}, labels)
# the cached and the whole-sequence sampler agree draw for draw in float64; in float32 a rounding difference can
# (rarely) move one draw, so the equality printed here is informative, the chapter's test is the proof
from vqrt.transformer import TransformerPrior, TransformerConfig

transformer = TransformerPrior(TransformerConfig(codebook_size=512, **get_preset('transformer', 'cpu')['model'])).eval()
compare('transformer', {'cached': transformer.sample, 'whole sequence': transformer.sample_reference}, labels)
if args.skip_sharing:
    sys.exit()
if os.path.exists(args.peer):
    print(f'vqrt vs peer ({os.path.normpath(args.peer)}, --preset cpu --batches 32,128):')
    peer = subprocess.run([sys.executable, args.peer, '--preset', 'cpu', '--batches', '32,128'], capture_output=True, text=True)
    print('  ' + (peer.stdout or peer.stderr).strip().replace('\n', '\n  '))
else:
    print(f'vqrt vs peer: skipped, no {args.peer}')

STEP = '''
import sys, time, torch
threads = int(sys.argv[1])
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


alone, alone_passive = steps_per_second(), steps_per_second(passive=True)
busy = [subprocess.Popen([sys.executable, '-c', BUSY]) for _ in range(2)]
try:
    time.sleep(2)
    shared, shared_passive, shared_one = steps_per_second(), steps_per_second(passive=True), steps_per_second(threads=1)
finally:
    for p in busy:
        p.kill()
print(f'cpu VQ-VAE training step, batch 32, {os.cpu_count()} cores, steps/s:')
print(f'  alone: {alone:.2f} (torch\'s threads), {alone_passive:.2f} (OMP_WAIT_POLICY=PASSIVE)')
print(f'  beside two busy single-thread processes: {shared:.2f} ({alone / shared:.1f}x slower), '
      f'{shared_passive:.2f} with PASSIVE ({alone / shared_passive:.1f}x slower), {shared_one:.2f} with 1 thread '
      f'({alone / shared_one:.1f}x slower)')
