"""The VQ-VAE's strided layers rewritten as stride-1 convolutions, against PyTorch's own, forward + backward.

    python bench/conv_forms.py [BATCH] [THREADS]

An attempt at the float32 training step (issue 12): a 4x4 stride-2 convolution is a 2x2 convolution of the
space-to-depth input, and a 4x4 stride-2 transposed convolution is one 2x2 convolution with four output phases
interleaved (sub-pixel); same multiply-adds, same result up to summation order. Prints the largest relative
difference to PyTorch's layer and milliseconds per forward + backward (best of 5), contiguous and channels-last.
"""
import sys, time, torch, torch.nn.functional as F

B = int(sys.argv[1]) if len(sys.argv) > 1 else 32
torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
TAPS = torch.tensor([[3, 1], [2, 0]])  # output phase p reads input rows (i - 1 + p, i + p) through these taps


def transposed_reference(x, w, b):
    return F.conv_transpose2d(x, w, b, 2, 1)


def transposed_subpixel(x, w, b):
    "ConvTranspose2d(4, stride 2, padding 1) as one 2x2 convolution with 4 phases, interleaved."
    (cin, cout), (H, W) = w.shape[:2], x.shape[2:]
    k = w[:, :, TAPS][:, :, :, :, TAPS]  # (Cin, Cout, p, s, q, t)
    k = k.permute(2, 4, 1, 0, 3, 5).reshape(4 * cout, cin, 2, 2)  # output channel (p, q, c)
    z = F.conv2d(F.pad(x, (1, 1, 1, 1)), k).unflatten(1, (2, 2, cout))  # (B, p, q, C, H + 1, W + 1)
    rows = [torch.stack([z[:, p, q, :, p : p + H, q : q + W] for q in (0, 1)], -1) for p in (0, 1)]
    return torch.stack(rows, 3).reshape(len(x), cout, 2 * H, 2 * W) + b[:, None, None]


def strided_reference(x, w, b):
    return F.conv2d(x, w, b, 2, 1)


def strided_space_to_depth(x, w, b):
    "Conv2d(4, stride 2, padding 1) as a 2x2 convolution of the padded input's 2x2 space-to-depth."
    cout, cin = w.shape[:2]
    k = w.view(cout, cin, 2, 2, 2, 2).permute(0, 1, 3, 5, 2, 4).reshape(cout, 4 * cin, 2, 2)
    return F.conv2d(F.pixel_unshuffle(F.pad(x, (1, 1, 1, 1)), 2), k, b)


def milliseconds(f, x, w, b, n=10):
    def step():
        y = f(x, w, b)
        y.backward(torch.ones_like(y))

    for _ in range(3):
        step()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            step()
        times.append((time.perf_counter() - start) / n)
    return min(times) * 1e3


LAYERS = [  # the cpu VQ-VAE's strided layers: name, reference, rewrite, in, out, input size, input needs grad
    ('decoder ConvT 128->64', transposed_reference, transposed_subpixel, 128, 64, 8, True),
    ('decoder ConvT 64->3', transposed_reference, transposed_subpixel, 64, 3, 16, True),
    ('encoder conv 64->128', strided_reference, strided_space_to_depth, 64, 128, 16, True),
    ('encoder conv 3->64', strided_reference, strided_space_to_depth, 3, 64, 32, False),
]
print(f'batch {B}, {torch.get_num_threads()} thread(s), ms per forward + backward:')
for name, reference, rewrite, cin, cout, size, input_grad in LAYERS:
    torch.manual_seed(0)
    transposed = reference is transposed_reference
    w = torch.randn(*((cin, cout) if transposed else (cout, cin)), 4, 4).mul(0.05).requires_grad_()
    b = torch.randn(cout, requires_grad=True)
    x = torch.randn(B, cin, size, size)
    y = reference(x, w, b)
    difference = ((y - rewrite(x, w, b)).abs().max() / y.abs().max()).item()
    for channels_last in (False, True):
        xi = x.contiguous(memory_format=torch.channels_last) if channels_last else x.clone()
        xi.requires_grad_(input_grad)
        ref, new = milliseconds(reference, xi, w, b), milliseconds(rewrite, xi, w, b)
        layout = 'channels-last' if channels_last else 'contiguous'
        print(f'  {name:22s} {layout:13s} rel. difference {difference:.1e}: PyTorch {ref:6.2f}, rewrite {new:6.2f} '
              f'({ref / new:.2f}x)')
