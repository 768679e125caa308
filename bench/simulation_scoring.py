"""What 03 spends scoring a simulation run, and how the importance sampler's pass size sets it: one thread (03
trains one single-threaded run per core), one process, the same model and points each way.

    python bench/simulation_scoring.py [CHUNK ...]

On indep_gmm (d = 10) with the `cpu` preset's networks (G and H of 4 x 256), trained for one epoch (speed does not
depend on the weights): the sigma choice (`select_sigma`, 500 validation points x 2,000 draws per sigma) and the
test score (400 test points, Laplace and 40,000 draws each, as `train_simulation` scores them), first with the points x draws of one
pass at 2,000,000 (the old default), then at each CHUNK (default: 16,384). Prints
seconds, the ratio to the first, the sigma chosen and the Spearman correlations: they differ only by the
importance sampler's Monte Carlo noise (other draws).
"""
import functools, sys, tempfile, time, torch

torch.set_num_threads(1)
import vqrt.roundtrip as rt
from vqrt.devices import describe_machine
from vqrt.presets import get_preset, SIMULATION_SHAPES
from vqrt.simulations import splits, spearman
from vqrt.train import fit

importance = rt.importance_log_prob
chunks = [int(c) for c in sys.argv[1:]] or [2_000_000, 16_384]
print(describe_machine(), '; one thread here')
fit_x, val_x, test, truth = splits('indep_gmm')
p = get_preset('roundtrip-sim', 'cpu')
torch.manual_seed(0)
model = rt.Roundtrip(rt.RoundtripConfig(**{**p['model'], **SIMULATION_SHAPES['indep_gmm']}))
train = {**p['train'], 'epochs': 1}
fit(model, (fit_x,), tempfile.mkdtemp(), **train, progress=False)
model = model.eval()
test = test[:400]
truth = truth(test)
rows = []
for chunk in chunks:
    rt.importance_log_prob = functools.partial(importance, chunk=chunk)  # what `log_prob` calls
    torch.manual_seed(0)
    start = time.time()
    sigma, _ = rt.select_sigma(model, val_x[:500])
    chosen = time.time() - start
    torch.manual_seed(0)  # the test score, as `train_simulation` computes it
    scores = dict(spearman_laplace=spearman(rt.log_prob(model, test, sigma), truth))
    scores['spearman_importance'] = spearman(rt.log_prob(model, test, sigma, 'importance', n_samples=40_000), truth)
    rows.append((chunk, chosen, time.time() - start - chosen, sigma, scores))
rt.importance_log_prob = importance
print('| points x draws per pass | sigma choice (s) | test score (s) | ratio | sigma | Spearman IS | Spearman Laplace |')
print('|---|---|---|---|---|---|---|')
base = rows[0][1] + rows[0][2]
for chunk, chosen, scored, sigma, s in rows:
    print(f"| {chunk:,} | {chosen:.1f} | {scored:.1f} | {base / (chosen + scored):.2f}x | {sigma} | "
          f"{s['spearman_importance']:.4f} | {s['spearman_laplace']:.4f} |")
