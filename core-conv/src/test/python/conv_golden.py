#!/usr/bin/env python3
"""Golden values for convkit's convolution kernels, computed with PyTorch (Debian python3-torch).

Run with /usr/bin/python3 from this directory; writes ../resources/golden/conv2d.json.
Inputs are deterministic formulas the Java test reproduces exactly:
  x[i] = sin(0.37*i + 0.1), w[i] = cos(0.91*i), b[i] = 0.1*i - 0.2, dy[i] = sin(0.13*i + 0.5)
(i = flat row-major index). Asymmetric padding is applied with F.pad before an unpadded conv.
All arithmetic in float64 so the reference is tighter than the float32 kernels under test.
"""
import json
import math
import torch
import torch.nn.functional as F

CASES = [
    # name, cin, h, w, cout, kh, kw, sh, sw, (top, bottom, left, right), dh, dw, groups, bias
    ("asymmetric-pad-stride2x1", 2, 7, 6, 3, 3, 2, 2, 1, (1, 0, 2, 1), 1, 1, 1, True),
    ("dilation2-pad2", 3, 9, 8, 2, 3, 3, 1, 1, (2, 2, 2, 2), 2, 2, 1, False),
    ("depthwise-x2-stride2", 4, 8, 7, 8, 3, 3, 2, 2, (1, 1, 1, 1), 1, 1, 4, True),
    ("width-spanning", 1, 10, 5, 4, 3, 5, 1, 1, (0, 0, 0, 0), 1, 1, 1, True),
    ("stride3-k4", 5, 11, 10, 6, 4, 4, 3, 3, (0, 2, 1, 0), 1, 1, 1, True),
    ("pointwise", 6, 5, 4, 3, 1, 1, 1, 1, (0, 0, 0, 0), 1, 1, 1, True),
]


def fill(n, f):
    return torch.tensor([f(i) for i in range(n)], dtype=torch.float64)


out = []
for (name, cin, h, w, cout, kh, kw, sh, sw, pad, dh, dw, groups, bias) in CASES:
    x = fill(cin * h * w, lambda i: math.sin(0.37 * i + 0.1)).reshape(1, cin, h, w).requires_grad_()
    wt = fill(cout * (cin // groups) * kh * kw, lambda i: math.cos(0.91 * i)).reshape(cout, cin // groups, kh, kw).requires_grad_()
    b = fill(cout, lambda i: 0.1 * i - 0.2).requires_grad_() if bias else None
    top, bottom, left, right = pad
    xp = F.pad(x, (left, right, top, bottom))
    y = F.conv2d(xp, wt, b, stride=(sh, sw), dilation=(dh, dw), groups=groups)
    dy = fill(y.numel(), lambda i: math.sin(0.13 * i + 0.5)).reshape(y.shape)
    y.backward(dy)
    out.append({
        "name": name, "cin": cin, "h": h, "w": w, "cout": cout, "kh": kh, "kw": kw, "sh": sh, "sw": sw,
        "pad": list(pad), "dil_h": dh, "dil_w": dw, "groups": groups, "bias": bias,
        "out_shape": list(y.shape[1:]),
        "y": [round(v, 10) for v in y.detach().flatten().tolist()],
        "dx": [round(v, 10) for v in x.grad.flatten().tolist()],
        "dw": [round(v, 10) for v in wt.grad.flatten().tolist()],
        "db": [round(v, 10) for v in b.grad.flatten().tolist()] if bias else [],
    })

with open("../resources/golden/conv2d.json", "w") as f:
    json.dump({"generator": "conv_golden.py, torch " + torch.__version__, "cases": out}, f, indent=1)
print("wrote", len(out), "cases")
