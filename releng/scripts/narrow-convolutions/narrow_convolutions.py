"""PyTorch's side of narrow-convolutions.sh: the same convolutions and inputs as NarrowConvolutionRepeats.java."""
import math

import torch

SHAPES = [(8, 8, 3), (24, 21, 3), (32, 24, 3), (8, 26, 3), (32, 4, 3), (32, 12, 3), (32, 16, 3), (32, 32, 3),
          (256, 21, 1)]
REPEATS = 9


def sines(shape, step):
    return torch.sin(torch.arange(math.prod(shape), dtype=torch.float32) * step).reshape(shape)


def input_gradient(cin, cout, kernel):
    x = sines((4, cin, 32, 32), 0.37).requires_grad_()
    w = (sines((cout, cin, kernel, kernel), 0.11) * 0.05).requires_grad_()
    torch.nn.functional.conv2d(x, w, padding=kernel // 2).square().mean().backward()
    return x.grad.clone()


torch.set_num_threads(2)
for cin, cout, kernel in SHAPES:
    seen, sequence = [], ""
    for _ in range(REPEATS):
        g = input_gradient(cin, cout, kernel)
        index = next((i for i, s in enumerate(seen) if torch.equal(s, g)), None)
        if index is None:
            seen.append(g)
            index = len(seen) - 1
        sequence += str(index)
    nan = any(bool(torch.isnan(s).any()) for s in seen)
    print(f"{cin:3d} -> {cout:3d}, {kernel}x{kernel}: {sequence}{'  NaN' if nan else ''}")
