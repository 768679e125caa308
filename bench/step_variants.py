"""The cpu VQ-VAE training step, eager against channels_last and torch.compile (encoder and decoder), one thread.

    python bench/step_variants.py [BATCH] [eager,channels_last,compile,compile+cl]

Prints the first three losses of each variant (they must agree) and images/s, interleaved, median of 3 rounds.
"""
import time, statistics, torch, sys
torch.set_num_threads(1)
from vqrt.vqvae import VQVAE, VQVAEConfig
from vqrt.presets import get_preset
cfg = get_preset('vqvae', 'cpu')['model']
B = int(sys.argv[1]) if len(sys.argv) > 1 else 32
x = torch.rand(B, 3, 32, 32) * 2 - 1
def make(variant):
    torch.manual_seed(0)
    m = VQVAE(VQVAEConfig(**cfg), 0.063).train()
    xi = x
    if variant in ('channels_last', 'compile+cl'):
        m = m.to(memory_format=torch.channels_last); xi = x.contiguous(memory_format=torch.channels_last)
    if variant.startswith('compile'):
        m.encoder = torch.compile(m.encoder); m.decoder = torch.compile(m.decoder)
    opt = torch.optim.Adam(m.parameters(), 3e-4)
    def step():
        l, _ = m.loss(xi); opt.zero_grad(set_to_none=True); l.backward(); opt.step()
        return l.item()
    t = time.perf_counter(); first = [step() for _ in range(3)]; warm = time.perf_counter() - t
    return step, first, warm
variants = sys.argv[2].split(',') if len(sys.argv) > 2 else ['eager', 'channels_last', 'compile']
steps = {}
for v in variants:
    steps[v], first, warm = make(v)
    print(v, 'first losses', [round(f, 6) for f in first], f'warm-up {warm:.1f} s', flush=True)
res = {v: [] for v in variants}
for r in range(3):
    for v, s in steps.items():
        t = time.perf_counter()
        for _ in range(10): s()
        res[v].append(B * 10 / (time.perf_counter() - t))
med = {v: statistics.median(r) for v, r in res.items()}
print(f'batch {B}, 1 thread: ' + ', '.join(f'{v} {m:.0f} img/s ({m / med[variants[0]]:.2f}x)' for v, m in med.items()))
