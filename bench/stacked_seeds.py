"""Would 03 gain by training its three RNG seeds of a simulation as one stacked model? One thread, one process.

    python bench/stacked_seeds.py

03's simulation steps are small (G and H of 4 x 256 on batches of 64), so one might expect their time to be fixed
costs per operation, and three seeds stacked along a leading dimension (every layer a batched product, one Adam over
the stacked weights: exact, as Adam is element-wise) to cost about one step. This times a stand-in for the step
(G, H, Dx and Dz of the `cpu` sizes, the cycle and least-squares terms, fused Adam) at one seed and at three
stacked, twice. Measured on the 2-core AVX2 machine (float32 matmul 66 GFLOP/s on one thread): 1.07-1.27x the
steps, because at these sizes the products are about half the step; `torch.func.vmap` over three copies was
slower than three separate steps (31 against 3 x 9.5 ms). So 03 trains its seeds as separate runs.
"""

import time, torch, math

torch.set_num_threads(1)
import torch.nn as nn


class StackedLinear(nn.Module):
    def __init__(s, S, i, o):  # S stacked layers of i -> o
        super().__init__()
        b = 1 / math.sqrt(i)
        s.w = nn.Parameter(torch.empty(S, i, o).uniform_(-b, b))
        s.b = nn.Parameter(torch.empty(S, 1, o).uniform_(-b, b))

    def forward(s, x):  # x: (S, B, i)
        return torch.baddbmm(s.b, x, s.w)


def stacked_mlp(S, i, o, w, d):
    L, n = [], i
    for _ in range(d):
        L += [StackedLinear(S, n, w), nn.LeakyReLU(0.2)]
        n = w
    return nn.Sequential(*L, StackedLinear(S, n, o))


def loss_of(G, H, Dx, Dz, x, z):
    xf, zf = G(z), H(x)
    per = lambda t: t.mean((-1, -2)).sum()  # per-seed means, summed
    return (
        per((x - G(zf)) ** 2)
        + per((z - H(xf)) ** 2)
        + per((0.9 - Dx(xf)) ** 2)
        + per((0.9 - Dz(zf)) ** 2)
        + per((Dx(x) - 0.9) ** 2)
        + per((Dz(z) - 0.9) ** 2)
    )


def bench(S):
    ms = [
        stacked_mlp(S, 10, 10, 256, 4),
        stacked_mlp(S, 10, 10, 256, 4),
        stacked_mlp(S, 10, 1, 128, 2),
        stacked_mlp(S, 10, 1, 64, 2),
    ]
    opt = torch.optim.Adam([p for m in ms for p in m.parameters()], fused=True)
    x = torch.randn(S, 64, 10)
    z = torch.randn(S, 64, 10)

    def step():
        l = loss_of(*ms, x, z)
        opt.zero_grad()
        l.backward()
        opt.step()

    for _ in range(5):
        step()
    t = time.perf_counter()
    for _ in range(100):
        step()
    return (time.perf_counter() - t) * 10


from vqrt.devices import describe_machine

print(describe_machine(), '; one thread here')
for r in range(2):
    a, c = bench(1), bench(3)
    print(f'one seed {a:.2f} ms, three stacked {c:.2f} ms: {3*a/c:.2f}x the steps')
