"""Generates ops.json: values and gradients of every RLTensor op, computed by PyTorch in float64.

Each case: inputs (shape + row-major data), op name + args, output, the seed gradient `gout`
(same shape as the output) and d(sum(out * gout))/d(input) for every float input.
Run:  python make_fixtures.py   (needs torch; writes ops.json beside this file)
"""
import json, os
import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(1234)
torch.set_default_dtype(torch.float64)


def t(shape, lo=-2.0, hi=2.0):
    return torch.tensor(rng.uniform(lo, hi, size=shape), dtype=torch.float64)


def enc(x):
    x = x.detach()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()], "dtype": str(x.dtype).replace("torch.", "")}


cases = []


def case(name, op, inputs, fn, args=None, grad=True):
    ins = [i.clone().requires_grad_(grad and i.dtype == torch.float64) for i in inputs]
    out = fn(*ins)
    entry = {"name": name, "op": op, "args": args or {}, "inputs": [enc(i) for i in ins]}
    if isinstance(out, tuple):
        entry["output"] = enc(out[0])
        entry["indices"] = enc(out[1])
        out = out[0]
    else:
        entry["output"] = enc(out)
    if grad and out.dtype == torch.float64:
        gout = torch.tensor(rng.uniform(-1, 1, size=out.shape))
        entry["gout"] = enc(gout)
        (out * gout).sum().backward()
        entry["grads"] = [enc(i.grad) if i.grad is not None else None for i in ins]
    cases.append(entry)


a23, b3, b23 = t([2, 3]), t([3]), t([2, 3])
case("add_broadcast", "add", [a23, b3], lambda a, b: a + b)
case("add_outer", "add", [t([2, 1]), t([1, 3])], lambda a, b: a + b)
case("sub", "sub", [a23, b23], lambda a, b: a - b)
case("mul_broadcast", "mul", [t([2, 3, 4]), t([3, 1])], lambda a, b: a * b)
case("div", "div", [a23, t([2, 3], 0.5, 2)], lambda a, b: a / b)
case("pow_tt", "pow", [t([2, 3], 0.5, 2), t([2, 3])], lambda a, b: a ** b)
case("maximum", "maximum", [a23, b23], lambda a, b: torch.maximum(a, b))
case("minimum", "minimum", [a23, b3], lambda a, b: torch.minimum(a, b))
case("add_s", "add_s", [a23], lambda a: a + 1.5, {"s": 1.5})
case("rsub_s", "rsub_s", [a23], lambda a: 1.5 - a, {"s": 1.5})
case("mul_s", "mul_s", [a23], lambda a: a * -2.5, {"s": -2.5})
case("div_s", "div_s", [a23], lambda a: a / 4.0, {"s": 4.0})
case("rdiv_s", "rdiv_s", [t([2, 3], 0.5, 2)], lambda a: 3.0 / a, {"s": 3.0})
case("pow_s", "pow_s", [t([2, 3], 0.5, 2)], lambda a: a ** 2.5, {"s": 2.5})
case("square", "pow_s", [a23], lambda a: a ** 2, {"s": 2.0})
case("neg", "neg", [a23], lambda a: -a)
case("exp", "exp", [a23], torch.exp)
case("log", "log", [t([2, 3], 0.1, 3)], torch.log)
case("sqrt", "sqrt", [t([2, 3], 0.1, 3)], torch.sqrt)
case("abs", "abs", [a23], torch.abs)
case("tanh", "tanh", [a23], torch.tanh)
case("sigmoid", "sigmoid", [a23], torch.sigmoid)
case("relu", "relu", [a23], torch.relu)
case("clamp", "clamp", [a23], lambda a: a.clamp(-0.5, 0.7), {"min": -0.5, "max": 0.7})
case("clamp_min", "clamp_min", [a23], lambda a: a.clamp(min=0.1), {"min": 0.1})
cond = torch.tensor([[True, False, True], [False, False, True]])
case("where", "where", [a23, b3], lambda a, b: torch.where(cond, a, b), {"cond": [1, 0, 1, 0, 0, 1]})
x234 = t([2, 3, 4])
case("sum", "sum", [x234], lambda a: a.sum())
case("sum_dim", "sum_dim", [x234], lambda a: a.sum(1), {"dim": 1, "keepdim": False})
case("sum_dim_keep", "sum_dim", [x234], lambda a: a.sum(-1, keepdim=True), {"dim": -1, "keepdim": True})
case("sum_dims", "sum_dims", [x234], lambda a: a.sum((0, 2)), {"dims": [0, 2]})
case("mean", "mean", [x234], lambda a: a.mean())
case("mean_dim", "mean_dim", [x234], lambda a: a.mean(0), {"dim": 0, "keepdim": False})
case("std", "std", [x234], lambda a: a.std())
case("std_dim", "std_dim", [x234], lambda a: a.std(2, keepdim=True), {"dim": 2, "keepdim": True})
case("max_all", "max_all", [x234], lambda a: a.max())
case("min_all", "min_all", [x234], lambda a: a.min())
case("max_dim", "max_dim", [x234], lambda a: tuple(a.max(1)), {"dim": 1, "keepdim": False})
case("min_dim_keep", "min_dim", [x234], lambda a: tuple(a.min(2, keepdim=True)), {"dim": 2, "keepdim": True})
case("argmax", "argmax", [x234], lambda a: a.argmax(-1), {"dim": -1}, grad=False)
idx = torch.tensor([[0, 2], [1, 1], [2, 0]])
case("gather", "gather", [t([3, 3])], lambda a: a.gather(1, idx), {"dim": 1, "index": [0, 2, 1, 1, 2, 0], "index_shape": [3, 2]})
case("reshape", "reshape", [x234], lambda a: a.reshape(4, -1), {"shape": [4, -1]})
case("permute", "permute", [x234], lambda a: a.permute(2, 0, 1) * 1.0, {"dims": [2, 0, 1]})
case("transpose", "transpose", [x234], lambda a: a.transpose(0, 2) * 1.0, {"d0": 0, "d1": 2})
case("squeeze", "squeeze", [t([2, 1, 3])], lambda a: a.squeeze(1), {"dim": 1})
case("unsqueeze", "unsqueeze", [a23], lambda a: a.unsqueeze(-1), {"dim": -1})
case("flatten", "flatten", [x234], lambda a: a.flatten(1), {"start": 1})
case("slice", "slice", [x234], lambda a: a[1:, ::2, 1:3], {})
case("select", "select", [x234], lambda a: a[1, :, -1], {})
case("cat", "cat", [a23, t([2, 2])], lambda a, b: torch.cat([a, b], 1), {"dim": 1})
case("stack", "stack", [a23, b23], lambda a, b: torch.stack([a, b], 1), {"dim": 1})
case("expand", "expand", [t([3, 1])], lambda a: a.expand(2, 3, 4), {"shape": [2, 3, 4]})
case("matmul", "matmul", [t([3, 4]), t([4, 5])], torch.matmul)
case("matmul_big", "matmul", [t([13, 37]), t([37, 19])], torch.matmul)
case("matmul_batched", "matmul", [t([2, 3, 4]), t([4, 5])], torch.matmul)
case("matmul_bcast", "matmul", [t([2, 1, 3, 4]), t([3, 4, 2])], torch.matmul)
case("matmul_vec", "matmul", [t([3, 4]), t([4])], torch.matmul)
case("dot", "matmul", [t([4]), t([4])], torch.matmul)
case("linear", "linear", [t([5, 4]), t([3, 4]), t([3])], F.linear)
case("linear_3d", "linear", [t([2, 5, 4]), t([3, 4]), t([3])], F.linear)
case("softmax", "softmax", [x234], lambda a: torch.softmax(a, 1), {"dim": 1})
case("log_softmax", "log_softmax", [x234], lambda a: torch.log_softmax(a, -1), {"dim": -1})
case("conv2d", "conv2d", [t([2, 3, 7, 6]), t([4, 3, 3, 2]), t([4])],
     lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1), {"stride": [2, 2], "padding": [1, 1]})
case("conv2d_s1", "conv2d", [t([1, 2, 5, 5]), t([3, 2, 3, 3]), t([3])],
     lambda x, w, b: F.conv2d(x, w, b), {"stride": [1, 1], "padding": [0, 0]})
case("conv2d_rect", "conv2d", [t([2, 2, 9, 8]), t([3, 2, 4, 3]), t([3])],
     lambda x, w, b: F.conv2d(x, w, b, stride=(2, 1), padding=(0, 1)), {"stride": [2, 1], "padding": [0, 1]})

case("rpow_s", "rpow_s", [a23], lambda a: 2.0 ** a, {"s": 2.0})
case("log1p", "log1p", [t([2, 3], -0.5, 2)], torch.log1p)
case("reciprocal", "reciprocal", [t([2, 3], 0.5, 2)], torch.reciprocal)
case("clone", "clone", [a23], lambda a: a.clone() * 1.0)
case("narrow", "narrow", [x234], lambda a: a.narrow(2, 1, 2), {"dim": 2, "start": 1, "length": 2})
case("index_select", "index_select", [t([4, 3])], lambda a: a.index_select(0, torch.tensor([3, 0, 3])), {"index": [3, 0, 3]})
case("cross_entropy_like", "log_softmax_gather", [t([4, 5])], lambda a: torch.log_softmax(a, 1).gather(1, torch.tensor([[1], [0], [4], [2]])), {})

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "ops.json"), "w") as f:
    json.dump({"generator": "torch " + torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(len(cases), "cases")
