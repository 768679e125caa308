"""Training-step throughput of each VQ-VAE preset's model, and the GFLOP/s it achieves against a large fp32 matmul
timed in the same run. A benchmark, not a test: it prints figures.

    python bench/throughput.py                       # every preset, on the default device
    python bench/throughput.py --presets cpu smoke --steps 20
"""
import argparse, time, torch
from torch.utils.flop_counter import FlopCounterMode
from vqrt.presets import PRESETS, get_preset
from vqrt.vqvae import VQVAE, VQVAEConfig
from vqrt.devices import default_device, matmul_gflops
from vqrt.train import configure_optimizers, train_step

def train_step_throughput(name, device, steps, warmup=2):
    p = get_preset('vqvae', name)
    batch_size = p['train']['batch_size']
    torch.manual_seed(0)
    model = VQVAE(VQVAEConfig(**p['model']), 0.25).to(device).train()
    optimizers = configure_optimizers(model, p['train']['lr'])
    x = torch.randint(0, 256, (batch_size, 3, 32, 32), dtype=torch.uint8, device=device)
    with FlopCounterMode(display=False) as counter: train_step(model, [x], optimizers)
    flops = counter.get_total_flops()
    for _ in range(warmup): train_step(model, [x], optimizers)
    if device.type == 'cuda': torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(steps): train_step(model, [x], optimizers)
    if device.type == 'cuda': torch.cuda.synchronize()
    seconds = (time.perf_counter() - t) / steps
    params = sum(q.numel() for q in model.parameters())
    return dict(preset=name, params=params, batch=batch_size, images_per_s=batch_size / seconds,
                gflop_per_image=flops / batch_size / 1e9, gflops=flops / seconds / 1e9)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--presets', nargs='+', default=list(PRESETS['vqvae']), help='presets to time (default: all)')
    ap.add_argument('--steps', type=int, default=5, help='timed training steps per preset')
    ap.add_argument('--device', default=None, help='cpu or cuda (default: cuda when available)')
    args = ap.parse_args()
    device = torch.device(args.device or default_device())
    peak = matmul_gflops(device)
    print(f'device {device}, {torch.get_num_threads()} threads, torch {torch.__version__}')
    print(f'fp32 matmul 2048^3: {peak:.1f} GFLOP/s\n')
    print(f'{"preset":8s} {"params":>10s} {"batch":>6s} {"images/s":>9s} {"GFLOP/img":>10s} {"GFLOP/s":>8s} {"of matmul":>9s}')
    for name in args.presets:
        r = train_step_throughput(name, device, args.steps)
        print(f'{r["preset"]:8s} {r["params"]:>10,d} {r["batch"]:>6d} {r["images_per_s"]:>9.1f} {r["gflop_per_image"]:>10.3f} '
              f'{r["gflops"]:>8.1f} {r["gflops"] / peak:>9.0%}')
