"""One whole `cpu` simulation run of 03 (training, the sigma choice, the test score), and how the importance-
sampled Spearman figure moves with the draws per test point. One thread, as 03 trains each run.

    python bench/simulation_draws.py [NAME] [OUT]

NAME: indep_gmm (default), eight_octagon or involute; OUT: the run folder (default /tmp/vqrt-bench-NAME; a
finished run there is loaded, not trained again). Prints the run's minutes of training and of scoring, its
results, its validation Spearman (Laplace) at each evaluation, and for N in 40,000 (the paper's), 10,000, 4,000
and 1,000 draws the Spearman and mean log-likelihood of the 400 test points with two sampling seeds each.
"""

import json, sys, time, torch

torch.set_num_threads(1)
from vqrt.checkpoint import history, read_checkpoint
from vqrt.devices import describe_machine
from vqrt.roundtrip import log_prob
from vqrt.simulations import spearman, splits, train_simulation

name = sys.argv[1] if len(sys.argv) > 1 else 'indep_gmm'
out = sys.argv[2] if len(sys.argv) > 2 else f'/tmp/vqrt-bench-{name}'
print(describe_machine(), '; one thread here', flush=True)
start = time.time()
model, results = train_simulation(name, 'cpu', out=out, progress=False, resume=True)
total = time.time() - start
print(json.dumps({k: v for k, v in results.items() if k != 'sigma_scores'}, indent=1))
print(
    f"{name}: {total / 60:.1f} min here, of which training {results['train_seconds'] / 60:.1f} (as recorded)"
)
curve = history(read_checkpoint(out)[1])
print(
    'validation Spearman (Laplace) by step:',
    list(zip(curve['step'], [round(s, 3) for s in curve['val_spearman']])),
)
_, _, test, true_log_density = splits(name)
test = test[:400]
truth = true_log_density(test)
for n in (40_000, 10_000, 4_000, 1_000):
    for seed in (1, 2):
        torch.manual_seed(seed)
        t = time.time()
        lp = log_prob(model, test, results['sigma'], 'importance', n_samples=n)
        print(
            f'{n:,} draws, seed {seed}: Spearman {spearman(lp, truth):.4f}, mean log-likelihood {lp.mean():.3f}, '
            f'{time.time() - t:.1f} s',
            flush=True,
        )
