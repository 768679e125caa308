"""Sampling speed of every prior of a runs folder: codes drawn and decoded to images, in images/s, and each as a
ratio to the slowest, all measured in one run. A benchmark, not a test: it prints figures.

    python bench/sampling.py --runs nbs/runs/cpu --n 1000
"""
import argparse, time, torch
from pathlib import Path
from vqrt.experiments import load_prior, load_vqvae
from vqrt.evaluation import sample_images

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--runs', default='runs/cpu', help='a preset folder of a runs folder (holding vqvae/, pixelcnn/, roundtrip-*/)')
    parser.add_argument('--n', type=int, default=1000, help='images per prior (100 per class)')
    parser.add_argument('--batch-size', type=int, default=500)
    args = parser.parse_args()
    runs = Path(args.runs)
    vqvae, _ = load_vqvae(runs/'vqvae')
    specs = ['uniform', 'per-position'] + [str(p) for p in sorted(runs.iterdir()) if p.name == 'pixelcnn' or p.name.startswith('roundtrip-')]
    labels = torch.arange(10).repeat_interleave(args.n // 10)
    print(f'{len(labels)} images per prior, batches of {args.batch_size}, {torch.get_num_threads()} threads, device cpu')
    rates = {}
    for spec in specs:
        prior = load_prior(spec, runs/'vqvae')
        torch.manual_seed(0)
        _, _, seconds = sample_images(prior, vqvae, labels, args.batch_size)
        rates[Path(spec).name] = len(labels) / seconds
    slowest = min(rates.values())
    print(f"{'prior':22s} {'images/s':>10s} {'x slowest':>10s} {'10,000 images':>14s}")
    for name, rate in rates.items():
        print(f'{name:22s} {rate:10.1f} {rate / slowest:10.1f} {10_000 / rate / 60:11.1f} min')

if __name__ == '__main__': main()
