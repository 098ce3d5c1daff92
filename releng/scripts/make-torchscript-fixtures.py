#!/usr/bin/env python3
"""Write the small traced TorchScript fixtures the torchscript backbone's tests load.

Usage:
  make-torchscript-fixtures.py [OUT_DIR]
  (default OUT_DIR: bundles/org.dhad.backbone.torchscript/src/test/resources/fixtures)

Two modules, each with batch norms whose weights and running statistics are not the identity (so a
test sees whether they are used and whether they change), traced with torch.jit.trace in eval mode:

  tuple-seg.pt        output (features [N,16,H/4,W/4], class logits [N,3,H/4,W/4]): a tuple
  single-features.pt  output features [N,12,H/2,W/2]: a single tensor (MobileNet-like depthwise block)

Next to each, <name>.expected.npz holds a fixed input ("input", [2,3,32,32] in [0,1]) and PyTorch's
outputs for it ("output0", "output1"), so the Java side can check it runs the module as PyTorch does.
Seeded: running it again gives the same tensors (the .pt zip differs only in metadata).

Needs torch and numpy (../shared/tools/reference-python.sh makes such a venv). The Java build does not
run this script; its outputs are committed.
"""
import os
import sys

import numpy as np
import torch
from torch import nn

SEED = 0
SIDE = 32


def _bn(channels):
    bn = nn.BatchNorm2d(channels)
    # non-trivial affine and running statistics: eval-mode outputs then depend on all four
    with torch.no_grad():
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.2, 0.2)
        bn.running_mean.uniform_(-0.3, 0.3)
        bn.running_var.uniform_(0.5, 2.0)
    return bn


class TupleSeg(nn.Module):
    """A segmentation-shaped network: returns its feature map and class logits computed from it."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False), _bn(8), nn.ReLU())
        self.body = nn.Sequential(nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False), _bn(16), nn.ReLU())
        self.classifier = nn.Conv2d(16, 3, 1)

    def forward(self, x):
        features = self.body(self.stem(x))
        return features, self.classifier(features)


class SingleFeatures(nn.Module):
    """A feature extractor with one output, built like a MobileNet block (depthwise + pointwise)."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False), _bn(8), nn.ReLU(),
            nn.Conv2d(8, 8, 3, padding=1, groups=8, bias=False), _bn(8), nn.ReLU(),
            nn.Conv2d(8, 12, 1, bias=False), _bn(12), nn.ReLU())

    def forward(self, x):
        return self.layers(x)


def fixed_input():
    """A deterministic [2,3,32,32] image batch in [0,1] (no random generator involved)."""
    n, c, h, w = torch.meshgrid(torch.arange(2), torch.arange(3), torch.arange(SIDE), torch.arange(SIDE),
                                indexing="ij")
    return ((n * 7 + c * 5 + h * 3 + w) % 17).float() / 16.0


def write(module, name, out_dir):
    module.eval()  # traced graphs keep the mode they were traced in: batch norms on running statistics
    x = fixed_input()
    with torch.no_grad():
        traced = torch.jit.trace(module, x)
        outputs = traced(x)
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    path = os.path.join(out_dir, name + ".pt")
    traced.save(path)
    arrays = {"input": x.numpy()}
    for i, output in enumerate(outputs):
        arrays["output%d" % i] = output.numpy()
    np.savez_compressed(os.path.join(out_dir, name + ".expected.npz"), **arrays)
    shapes = ", ".join(str(list(o.shape)) for o in outputs)
    print("%s: %d bytes, %d parameters, outputs %s" % (path, os.path.getsize(path),
                                                       sum(p.numel() for p in module.parameters()), shapes))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "bundles", "org.dhad.backbone.torchscript", "src", "test",
                           "resources", "fixtures")
    out_dir = os.path.normpath(sys.argv[1] if len(sys.argv) > 1 else default)
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(SEED)
    write(TupleSeg(), "tuple-seg", out_dir)
    write(SingleFeatures(), "single-features", out_dir)
    print("torch", torch.__version__)


if __name__ == "__main__":
    main()
