#!/usr/bin/env python3
"""Write fused-adam.pt, the TorchScript function org.dhad.djl.FusedAdam runs: one call of libtorch's fused Adam
kernel (torch._fused_adam_, what torch.optim.Adam(fused=True) calls) over a list of parameters that share a
learning rate, with the step counts advanced before and the gradients zeroed after. DJL's API has no call for an
operator it does not wrap; a scripted module is the way libtorch's own operators are reached from Java without
native code of ours.

Usage:
  make-fused-adam.py [OUT]   (default bundles/org.dhad.djl/src/main/resources/org/dhad/djl/fused-adam.pt)

Needs torch (../shared/tools/reference-python.sh makes such a venv). The Java build does not run this script; its
output is committed. It holds no tensors, only the code below (code/__torch__.py inside the zip), and loads in
libtorch 2.7.1 (TorchScript file format 3).
"""
import os
import sys
from typing import List

import torch
from torch import Tensor


class FusedAdam(torch.nn.Module):
    def forward(self, weights: List[Tensor], gradients: List[Tensor], means: List[Tensor], variances: List[Tensor],
                steps: List[Tensor], lr: float, beta1: float, beta2: float, weight_decay: float,
                eps: float) -> None:
        torch._foreach_add_(steps, 1.0)
        torch._fused_adam_(weights, gradients, means, variances, [], steps, lr=lr, beta1=beta1, beta2=beta2,
                           weight_decay=weight_decay, eps=eps, amsgrad=False, maximize=False)
        torch._foreach_zero_(gradients)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "bundles/org.dhad.djl/src/main/resources/org/dhad/djl/fused-adam.pt")
    torch.jit.script(FusedAdam()).save(out)
    print(out)


if __name__ == "__main__":
    main()
