"""The Roundtrip study's per-run costs besides training, and the code prior's training step: each against the
straightforward way it used to be done, one thread (the study trains one single-threaded run per core).

    python bench/roundtrip_density.py [N_HELD_OUT]

On latents of the `cpu` VQ-VAE's shape (K = 512 codes of 64 numbers, an 8x8 grid; synthetic, so no VQ-VAE run is
needed; the networks briefly trained, so the scores are not those of a finished run):
  1. the code prior's (`cpu-rt`) training step: the x-cycle as the log-softmax of the squared distances written
     out, against the fused logits and cross-entropy of `code_logits`; the losses must agree;
  2. its density choice (`select_code_density`): every proposal scale and then every sigma a pass of G, against a
     climb over the scales and one pass for all sigmas;
  3. a latent prior's sigma choice (`cpu-pca16`, `select_latent_sigma`): every candidate, against the climb.
Prints seconds, the ratios, and the choices each way made.
"""
import math, sys, time, torch
import torch.nn.functional as F

torch.set_num_threads(1)
from vqrt.devices import describe_machine
from vqrt.presets import get_preset
from vqrt.priors import RoundtripPriorConfig, roundtrip_prior
from vqrt.roundtrip import gaussian_log_prob
from vqrt.experiments import select_code_density, select_latent_sigma, SIGMAS, CODE_SIGMAS, PROPOSAL_SCALES

n_held_out = int(sys.argv[1]) if len(sys.argv) > 1 else 50
print(describe_machine(), '; one thread here')
torch.manual_seed(0)
K, D, N = 512, 64, 3000
codebook = torch.randn(K, D) * torch.linspace(2, 0.05, D)
codes, labels = torch.randint(K, (N, 8, 8)), torch.randint(10, (N,))
latents = codebook[codes].permute(0, 3, 1, 2) + 0.3 * torch.randn(N, D, 8, 8)


def written_out(prior, x, sigma):
    "(B, P, K): the log-softmax of -|x_p - c_pk|^2 / 2 sigma^2, the squared distances written out."
    vectors = prior.code_vectors()
    points = x.view(len(x), vectors.shape[2], -1).permute(2, 0, 1)
    squared = points.pow(2).sum(-1, keepdim=True) - 2 * points @ vectors.transpose(1, 2)
    squared = squared + vectors.pow(2).sum(-1)[:, None, :]
    return torch.log_softmax(-squared / (2 * sigma**2), -1).transpose(0, 1)


def make(preset, seed=0):
    p = get_preset('roundtrip-prior', preset)
    config = RoundtripPriorConfig.from_dict(dict(embedding_dim=D, codebook_size=K, height=8, width=8, **p['model']))
    torch.manual_seed(seed)
    prior = roundtrip_prior(config, codebook)
    prior.fit_standardization(latents)
    data = (prior.standardize(latents), labels) + ((prior.snap(latents),) if config.code_likelihood else ())
    return prior, data, prior.configure_optimizers(p['train']['lr']), p['train']['batch_size']


def train(prior, data, optimizers, batch, steps, cycle=None):
    "Seconds per step over `steps` (after 2 warm-up steps) and the last losses."
    g, prior = torch.Generator().manual_seed(1), prior.train()
    for i in range(steps + 2):
        if i == 2:
            start = time.time()
        batch_data = tuple(t[torch.randint(N, (batch,), generator=g)] for t in data)
        if cycle:  # the straightforward x-cycle, through Roundtrip's own step
            x, y, k = batch_data
            sigma = prior.log_sigma.exp() if prior.config.learn_sigma else prior.config.roundtrip.sigma
            target = k.flatten(1)[..., None]
            term = lambda x_again: -written_out(prior, x_again, sigma).gather(-1, target).mean()
            losses = prior.roundtrip.training_step((x, y), optimizers, x_cycle=term)
        else:
            losses = prior.training_step(batch_data, optimizers)
    return (time.time() - start) / steps, {k: round(float(v), 3) for k, v in losses.items()}


# 1. the training step, from the same weights and batches
rows = {}
for way in ('written out', 'fused'):
    prior, data, optimizers, batch = make('cpu-rt')
    rows[way] = train(prior, data, optimizers, batch, 12, cycle=way == 'written out')
    print(f'cpu-rt step, x-cycle {way}: {rows[way][0] * 1000:.0f} ms; last losses {rows[way][1]}', flush=True)
print(f'  step: {rows["written out"][0] / rows["fused"][0]:.2f}x')

# 2. the code prior's density choice, on the briefly trained prior
held = slice(0, n_held_out)
prior.eval()
held_codes, held_labels = prior.snap(latents[held]), labels[held]


def every_candidate():
    "Every scale, then every sigma, a pass each, with the x-cycle's softmax written out."
    def score(sigma):
        G, H = prior.roundtrip.density_networks()
        generator, out, n, s = torch.Generator().manual_seed(0), [], prior.n_samples, prior.proposal_scale
        sigma = sigma or prior.config.roundtrip.sigma
        with torch.no_grad():
            for k, y in zip(held_codes.split(50), held_labels.split(50)):
                centre = H(prior.code_points(k), F.one_hot(y, 10).float())
                z = centre + s * torch.randn(n, len(k), centre.shape[1], generator=generator)
                x = G(prior.roundtrip.generator_input(z.flatten(0, 1), y.repeat(n)))
                target = k.repeat(n, 1, 1).flatten(1)[..., None]
                likelihood = written_out(prior, x, sigma).gather(-1, target).sum((1, 2)).view(n, len(k))
                log_w = likelihood + gaussian_log_prob(z, prior.roundtrip.base(torch.zeros_like(centre), y), 1.0)
                out.append(torch.logsumexp(log_w - gaussian_log_prob(z, centre, s), 0) - math.log(n))
        return torch.cat(out).mean().item()

    by_scale = {}
    for s in PROPOSAL_SCALES:
        prior.proposal_scale = s
        by_scale[s] = score(None)
    prior.proposal_scale = max(by_scale, key=by_scale.get)
    by_sigma = {s: score(s) for s in CODE_SIGMAS}
    return dict(sigma=max(by_sigma, key=by_sigma.get), proposal_scale=prior.proposal_scale, scored=17)


prior.config.roundtrip.sigma = 0.3
seconds = {}
for way, choose in (('every candidate', every_candidate), ('climb, one pass for the sigmas', None)):
    prior.proposal_scale = 0.5
    start = time.time()
    chosen = choose() if choose else select_code_density(prior, held_codes, held_labels)
    seconds[way] = time.time() - start
    scored = chosen.get('scored') or len(chosen['validation_log_likelihood_by_scale']) + 1
    print(f'cpu-rt density choice, {way}: {seconds[way]:.1f} s ({scored} passes of G); '
          f'sigma {chosen["sigma"]}, proposal scale {chosen["proposal_scale"]}', flush=True)
print(f'  code density choice: {seconds["every candidate"] / seconds["climb, one pass for the sigmas"]:.2f}x')

# 3. a latent prior's sigma choice
prior, data, optimizers, batch = make('cpu-pca16')
train(prior, data, optimizers, batch, 30)
prior.eval()
seconds = {}
for way, sigmas in (('every candidate', None), ('climb', SIGMAS)):
    start = time.time()
    if sigmas is None:
        score = lambda s: prior.latent_log_prob(latents[held], labels[held], s, 'importance', n_samples=500,
                                                batch_size=25, chunk=25_000).mean().item()  # fmt: skip
        scores = {s: score(s) for s in SIGMAS}
        sigma = max(scores, key=scores.get)
    else:
        sigma, scores = select_latent_sigma(prior, latents[held], labels[held])
    seconds[way] = time.time() - start
    print(f'cpu-pca16 sigma choice, {way}: {seconds[way]:.1f} s ({len(scores)} of {len(SIGMAS)} scored); '
          f'sigma {sigma}; scores {", ".join(f"{s}: {v:.0f}" for s, v in sorted(scores.items()))}', flush=True)
print(f'  latent sigma choice: {seconds["every candidate"] / seconds["climb"]:.2f}x')
