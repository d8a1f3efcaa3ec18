"""Reference numbers for org.convkit.train optimizer and clipping tests.

Runs three steps of each torch.optim optimiser on one 2x3 float32 parameter with fixed
gradients and prints the parameter after every step (and some optimiser state), as Java
float literals. The numbers are committed in OptimizersTest.java; this script is only needed to
regenerate them:  /usr/bin/python3 core-conv/src/test/python/optimizer_reference.py
"""
import numpy as np
import torch

W0 = [0.5, -1.2, 2.0, 0.0, 3.0, -0.7]
GRADS = [
    [0.1, -0.3, 0.5, 0.0, -2.0, 0.05],
    [0.2, 0.1, -0.4, 0.3, -1.5, 0.0],
    [-0.05, 0.25, 0.6, -0.1, 0.8, 0.02],
]


def java(values):
    return "{" + ", ".join(str(np.float32(v)) + "f" for v in values) + "}"


def run(name, make, slots=()):
    p = torch.nn.Parameter(torch.tensor(W0, dtype=torch.float32).reshape(2, 3))
    opt = make([p])
    print(f"// {name}")
    for k, g in enumerate(GRADS):
        p.grad = torch.tensor(g, dtype=torch.float32).reshape(2, 3)
        opt.step()
        print(f"step {k + 1}: {java(p.detach().reshape(-1).tolist())}")
    for s in slots:
        print(f"state {s}: {java(opt.state[p][s].reshape(-1).tolist())}")


run("sgd lr 0.1", lambda ps: torch.optim.SGD(ps, lr=0.1))
run("sgd lr 0.1 momentum 0.9 nesterov weight_decay 0.01",
    lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01), ["momentum_buffer"])
run("sgd lr 0.05 momentum 0.8 dampening 0.3",
    lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, dampening=0.3))
run("adam lr 0.01 weight_decay 0.1",
    lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.1), ["exp_avg", "exp_avg_sq"])
run("adamw lr 0.01 weight_decay 0.1",
    lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1))
run("adadelta lr 1.0 rho 0.95 eps 1e-6",
    lambda ps: torch.optim.Adadelta(ps, lr=1.0, rho=0.95, eps=1e-6), ["square_avg", "acc_delta"])
run("adadelta lr 0.5 rho 0.9 eps 1e-6 weight_decay 0.05",
    lambda ps: torch.optim.Adadelta(ps, lr=0.5, rho=0.9, eps=1e-6, weight_decay=0.05))

# clip_grad_norm_ over two parameters
a = torch.nn.Parameter(torch.zeros(2, 3))
b = torch.nn.Parameter(torch.zeros(2))
a.grad = torch.tensor(GRADS[0], dtype=torch.float32).reshape(2, 3)
b.grad = torch.tensor([1.5, -0.5], dtype=torch.float32)
norm = torch.nn.utils.clip_grad_norm_([a, b], max_norm=1.0)
print("// clip_grad_norm_ max_norm 1.0")
print("total norm:", repr(float(norm)))
print("a:", java(a.grad.reshape(-1).tolist()))
print("b:", java(b.grad.reshape(-1).tolist()))
