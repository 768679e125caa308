"""Quick figures for Roundtrip priors (or a baseline): class consistency and FD of 2,000 samples against 5,000
training images (no test image), latent Bayes accuracy on 100 test images and the NLL on 100 test grids for priors
with a density over codes. For choosing settings between full runs of 06_priors: with --samples-only, only the
figures that use no test image.

    python bench/roundtrip_quick.py --vqvae runs/cpu/vqvae --classifier runs/cpu/classifier RUN [RUN ...]

RUN is a prior's run folder, or per-position / uniform.
"""
import argparse, time
from pathlib import Path
import torch
from vqrt.data import load_cifar10, first_per_class
from vqrt.evaluation import sample_images, latent_bayes_accuracy
from vqrt.experiments import load_prior, load_vqvae, load_codes, train_classifier
from vqrt.metrics import predict, frechet_distance, class_consistency
from vqrt.pixelcnn import bits_per_code

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument('runs', nargs='+')
parser.add_argument('--vqvae', default='runs/cpu/vqvae')
parser.add_argument('--classifier', default='runs/cpu/classifier')
parser.add_argument('--data', default=None)
parser.add_argument('--threads', type=int, default=None)
parser.add_argument('--samples-only', action='store_true', help='no latent Bayes and NLL (they use test images)')
args = parser.parse_args()
if args.threads:
    torch.set_num_threads(args.threads)
vqvae = load_vqvae(args.vqvae)[0].eval()
classifier, _ = train_classifier('cpu', args.classifier, args.data, resume=True, progress=False)
reference = predict(classifier, load_cifar10('train', args.data, 5000, progress=False).images)[1]
codes = load_codes(args.vqvae)
bayes = first_per_class(codes['test_labels'], 10)
labels = torch.arange(10).repeat_interleave(200)
for spec in args.runs:
    prior = load_prior(spec if spec in ('per-position', 'uniform') else Path(spec), args.vqvae)
    torch.manual_seed(0)
    start = time.time()
    images, sampled, _ = sample_images(prior, vqvae, labels)
    logits, features = predict(classifier, images)
    line = (
        f'{spec}: class consistency {class_consistency(logits, labels):.3f}, '
        f'FD to training images {frechet_distance(features, reference):.2f}, codes used {len(sampled.unique())}'
    )
    if hasattr(prior, 'log_prob') and not args.samples_only:
        test_codes, test_labels = codes['test_codes'][bayes], codes['test_labels'][bayes]
        accuracy = latent_bayes_accuracy(prior, test_labels, test_codes)
        nll = bits_per_code(prior.log_prob(test_codes, test_labels), test_codes)
        line += f', latent Bayes {accuracy}, NLL {nll:.3f} bits/code'
    print(line + f' ({time.time() - start:.0f} s)', flush=True)
