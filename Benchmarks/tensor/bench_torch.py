"""PyTorch (CPU, 2 threads) side of the tensor benchmarks; same shapes and steps as TensorBench."""
import sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(0)
quick = "--quick" in sys.argv


def time_it(warmup, reps, fn):
    for _ in range(warmup):
        fn()
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); best = min(best, time.perf_counter() - t0)
    return best


for n in (512, 1024):
    a, b = torch.randn(n, n), torch.randn(n, n)
    t = time_it(2, 20 if n == 512 else 6, lambda: a @ b)
    print(f"sgemm_{n} {2 * n ** 3 / t / 1e9} GFLOP/s")

net = nn.Sequential(nn.Linear(4, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 2))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
x, y = torch.randn(64, 4), torch.randn(64, 2)
def mlp_step():
    opt.zero_grad()
    loss = F.mse_loss(net(x), y)
    loss.backward()
    opt.step()
print(f"mlp_4_64_64_2_b64_train_step {time_it(200, 500 if quick else 3000, mlp_step) * 1e6} us")

cnn = nn.Sequential(nn.Conv2d(4, 32, 8, 4), nn.ReLU(), nn.Conv2d(32, 64, 4, 2), nn.ReLU(),
                    nn.Conv2d(64, 64, 3, 1), nn.ReLU(), nn.Flatten(), nn.Linear(3136, 512), nn.ReLU(), nn.Linear(512, 6))
opt = torch.optim.Adam(cnn.parameters(), lr=1e-4)
x, y = torch.rand(32, 4, 84, 84), torch.randn(32, 6)
def cnn_step():
    opt.zero_grad()
    loss = F.mse_loss(cnn(x), y)
    loss.backward()
    opt.step()
print(f"naturecnn_b32_train_step {time_it(3, 5 if quick else 20, cnn_step) * 1e3} ms")
x1 = torch.rand(1, 4, 84, 84)
def fwd():
    with torch.no_grad():
        cnn(x1)
print(f"naturecnn_b1_forward {time_it(20, 50 if quick else 300, fwd) * 1e3} ms")
