"""A quick probe of one Roundtrip-prior change, outside the 06 table: train a `roundtrip-prior` preset with model
changes for a few epochs (no sigma selection), then print FD (1,000 samples), class consistency and label effect.

    python bench/roundtrip_probe.py w10 cpu-spatial 4 '{"class_weight": 10.0}' [runs/cpu]

06_priors quotes two such probes (class weight 10, cycle weight 1); FD on 1,000 samples is higher than on 10,000."""
import sys, json, time, torch, torch.nn.functional as F
from dataclasses import asdict
from vqrt.presets import get_preset
from vqrt.priors import RoundtripPrior, RoundtripPriorConfig
from vqrt.experiments import load_latents, stratified_split, load_vqvae, load_classifier
from vqrt.evaluation import sample_images, score_images
from vqrt.metrics import predict, class_consistency
from vqrt.data import load_cifar10, save_grid
from vqrt.vqvae import to_uint8
from vqrt.train import fit
name, preset, epochs, changes = sys.argv[1], sys.argv[2], float(sys.argv[3]), json.loads(sys.argv[4])
runs = sys.argv[5] if len(sys.argv) > 5 else "nbs/runs/cpu"
p = get_preset('roundtrip-prior', preset); p['model'].update(changes); p['train']['epochs'] = epochs
run = runs + '/vqvae'; vq, _ = load_vqvae(run)
lat = load_latents(run); kept, _ = stratified_split(lat['train_labels'], 100, 0)
tl, ty = lat['train_latents'][kept], lat['train_labels'][kept]
cfg = RoundtripPriorConfig(embedding_dim=64, codebook_size=512, **p['model'])
torch.manual_seed(0); prior = RoundtripPrior(cfg, vq.quantizer.codebook.detach().float()); prior.fit_standardization(tl)
t = time.time()
fit(prior, (prior.standardize(tl), ty), f'{runs}/probe-{name}', **p['train'], record=dict(model_config=asdict(cfg)), progress=False, device='cpu')
train_s = time.time() - t
prior.eval()
clf, _ = load_classifier(runs + '/classifier'); test = load_cifar10('test', progress=False)
ref = dict(test_features=predict(clf, test.images)[1]); labels = torch.arange(10).repeat_interleave(100)
torch.manual_seed(0); images, _, _ = sample_images(prior, vq, labels)
save_grid(images.view(10, 100, 3, 32, 32)[:, :10].flatten(0, 1), f'{runs}/probe-{name}.png', nrow=10)
row = dict(name=name, train_min=train_s / 60, **score_images(clf, images, labels, ref))
G, c = prior.roundtrip.density_networks()[0], prior.config
z, z2, y, y2 = torch.randn(500, c.z_dim), torch.randn(500, c.z_dim), torch.randint(10, (500,)), torch.randint(10, (500,))
out = lambda z, y: G(torch.cat([z, F.one_hot(y, 10).float()], 1))
with torch.no_grad(): row['label_effect'] = ((out(z, y) - out(z, y2)).norm(dim=1).mean() / (out(z, y) - out(z2, y)).norm(dim=1).mean()).item()
print(json.dumps(row), flush=True)
