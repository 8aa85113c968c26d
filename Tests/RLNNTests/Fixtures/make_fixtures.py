"""Generates RLNN fixtures with PyTorch (float64 unless noted):
  optimizers.json     parameters after each of 4 steps with fixed gradients, per optimizer config
  losses.json         values and input gradients of mseLoss, smoothL1Loss, huberLoss, crossEntropy
  distributions.json  Categorical / Normal log_prob, entropy, probs and their gradients
  torch_mlp.safetensors + torch_mlp.json   a state dict written by safetensors.torch and its outputs
Run: python make_fixtures.py   (needs torch and safetensors)
"""
import json, os
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)


def T(shape, lo=-1.0, hi=1.0):
    return torch.tensor(rng.uniform(lo, hi, size=shape), dtype=torch.float64)


def enc(x):
    x = x.detach()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()], "dtype": str(x.dtype).replace("torch.", "")}


class RMSpropTFLike(torch.optim.Optimizer):
    """Reference re-statement of SB3's sb2_compat/rmsprop_tf_like.py update rule."""

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False):
        super().__init__(params, dict(lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay, momentum=momentum, centered=centered))

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            for p in g["params"]:
                st = self.state[p]
                if not st:
                    st["sq"] = torch.ones_like(p); st["buf"] = torch.zeros_like(p); st["gavg"] = torch.zeros_like(p)
                grad = p.grad
                if g["weight_decay"]:
                    grad = grad.add(p, alpha=g["weight_decay"])
                st["sq"].mul_(g["alpha"]).addcmul_(grad, grad, value=1 - g["alpha"])
                if g["centered"]:
                    st["gavg"].mul_(g["alpha"]).add_(grad, alpha=1 - g["alpha"])
                    avg = st["sq"].addcmul(st["gavg"], st["gavg"], value=-1).add_(g["eps"]).sqrt_()
                else:
                    avg = st["sq"].add(g["eps"]).sqrt_()
                if g["momentum"] > 0:
                    st["buf"].mul_(g["momentum"]).addcdiv_(grad, avg)
                    p.add_(st["buf"], alpha=-g["lr"])
                else:
                    p.addcdiv_(grad, avg, value=-g["lr"])


configs = [
    ("sgd", {"lr": 0.1}, torch.optim.SGD),
    ("sgd_momentum", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1}, torch.optim.SGD),
    ("sgd_nesterov_wd", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}, torch.optim.SGD),
    ("adam", {"lr": 0.01}, torch.optim.Adam),
    ("adam_wd_amsgrad", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True, "betas": (0.8, 0.9)}, torch.optim.Adam),
    ("adamw", {"lr": 0.01, "weight_decay": 0.1}, torch.optim.AdamW),
    ("rmsprop", {"lr": 0.01}, torch.optim.RMSprop),
    ("rmsprop_centered_momentum", {"lr": 0.01, "momentum": 0.9, "centered": True, "weight_decay": 0.01, "alpha": 0.9}, torch.optim.RMSprop),
    ("rmsprop_tf", {"lr": 0.01, "alpha": 0.99, "eps": 1e-5}, RMSpropTFLike),
    ("rmsprop_tf_centered_momentum", {"lr": 0.01, "alpha": 0.9, "eps": 1e-5, "momentum": 0.5, "centered": True}, RMSpropTFLike),
]
p0 = [T([3, 4]), T([4])]
grads = [[T([3, 4]), T([4])] for _ in range(4)]
opt_cases = []
for name, kw, cls in configs:
    ps = [p.clone().requires_grad_(True) for p in p0]
    opt = cls(ps, **kw)
    after = []
    for gs in grads:
        for p, g in zip(ps, gs):
            p.grad = g.clone()
        opt.step()
        after.append([enc(p) for p in ps])
    kw = {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()}
    opt_cases.append({"name": name, "kwargs": kw, "params": [enc(p) for p in p0],
                      "grads": [[enc(g) for g in gs] for gs in grads], "after": after})
json.dump({"cases": opt_cases}, open(os.path.join(here, "optimizers.json"), "w"), separators=(",", ":"))

loss_cases = []
def loss_case(name, fn, x, y, args):
    x = x.clone().requires_grad_(True)
    out = fn(x, y)
    out.sum().backward()
    loss_cases.append({"name": name, "args": args, "input": enc(x), "target": enc(y), "output": enc(out), "grad": enc(x.grad)})

x, y = T([5, 3], -3, 3), T([5, 3], -3, 3)
loss_case("mse", lambda a, b: F.mse_loss(a, b), x, y, {})
loss_case("mse_sum", lambda a, b: F.mse_loss(a, b, reduction="sum"), x, y, {"reduction": "sum"})
loss_case("smooth_l1", lambda a, b: F.smooth_l1_loss(a, b), x, y, {})
loss_case("smooth_l1_beta", lambda a, b: F.smooth_l1_loss(a, b, beta=0.5), x, y, {"beta": 0.5})
loss_case("huber", lambda a, b: F.huber_loss(a, b, delta=2.0), x, y, {"delta": 2.0})
logits, cls = T([5, 4], -2, 2), torch.tensor([0, 3, 1, 1, 2])
loss_case("cross_entropy", lambda a, b: F.cross_entropy(a, b), logits, cls, {})
loss_case("cross_entropy_none", lambda a, b: F.cross_entropy(a, b, reduction="none"), logits, cls, {"reduction": "none"})
loss_case("cross_entropy_smooth", lambda a, b: F.cross_entropy(a, b, label_smoothing=0.1), logits, cls, {"label_smoothing": 0.1})
probs_t = torch.softmax(T([5, 4]), 1)
loss_case("cross_entropy_probs", lambda a, b: F.cross_entropy(a, b), logits, probs_t, {})
json.dump({"cases": loss_cases}, open(os.path.join(here, "losses.json"), "w"), separators=(",", ":"))

dist = []
lg = T([3, 4], -2, 2).requires_grad_(True)
c = torch.distributions.Categorical(logits=lg)
vals = torch.tensor([0, 3, 2])
lp = c.log_prob(vals); ent = c.entropy()
(lp.sum() + 2 * ent.sum()).backward()
dist.append({"name": "categorical_logits", "param": enc(lg), "values": enc(vals), "probs": enc(c.probs), "logits": enc(c.logits),
             "log_prob": enc(lp), "entropy": enc(ent), "grad": enc(lg.grad)})
pr = T([3, 4], 0.1, 1.0).requires_grad_(True)
c = torch.distributions.Categorical(probs=pr)
lp = c.log_prob(vals); ent = c.entropy()
(lp.sum() + 2 * ent.sum()).backward()
dist.append({"name": "categorical_probs", "param": enc(pr), "values": enc(vals), "probs": enc(c.probs), "logits": enc(c.logits),
             "log_prob": enc(lp), "entropy": enc(ent), "grad": enc(pr.grad)})
mu = T([4]).requires_grad_(True); sd = T([4], 0.2, 2.0).requires_grad_(True)
n = torch.distributions.Normal(mu, sd)
xv = T([4], -2, 2)
lp = n.log_prob(xv); ent = n.entropy()
(lp.sum() + 2 * ent.sum()).backward()
dist.append({"name": "normal", "mean": enc(mu), "std": enc(sd), "values": enc(xv), "log_prob": enc(lp), "entropy": enc(ent),
             "grad_mean": enc(mu.grad), "grad_std": enc(sd.grad)})
json.dump({"cases": dist}, open(os.path.join(here, "distributions.json"), "w"), separators=(",", ":"))

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
save_file({k: v.contiguous() for k, v in net.state_dict().items()}, os.path.join(here, "torch_mlp.safetensors"), metadata={"format": "pt"})
xin = torch.tensor(rng.uniform(-1, 1, size=(3, 4)), dtype=torch.float32)
json.dump({"input": enc(xin), "output": enc(net(xin))}, open(os.path.join(here, "torch_mlp.json"), "w"))
extra = {"f64": torch.arange(6, dtype=torch.float64).reshape(2, 3) / 7, "i64": torch.tensor([-3, 0, 9000000000]),
         "u8": torch.tensor([0, 7, 255], dtype=torch.uint8), "flags": torch.tensor([True, False])}
save_file(extra, os.path.join(here, "torch_dtypes.safetensors"))
print("ok", len(opt_cases), len(loss_cases), len(dist))
