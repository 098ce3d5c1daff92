"""Traces torchvision's DeepLabV3-ResNet50 (random weights, 21 classes, its 'out' logits) with torch.jit.trace and
times the traced forward in this PyTorch: batch 4, 256x256, 2 threads, inference mode, median of 5 after a warm-up.
Writes the traced file to argv[1]. Run by bare-forward.sh, which times the same file in libtorch through DJL."""
import sys
import time

import torch
from torchvision.models.segmentation import deeplabv3_resnet50


class Out(torch.nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net(x)["out"]


torch.set_num_threads(2)
torch.manual_seed(0)
x = torch.rand(4, 3, 256, 256)
with torch.no_grad():
    traced = torch.jit.trace(Out(deeplabv3_resnet50(weights=None, weights_backbone=None, num_classes=21,
                                                    aux_loss=False).eval()), x)
traced.save(sys.argv[1])
model = torch.jit.load(sys.argv[1]).eval()
with torch.inference_mode():
    model(x)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        model(x)
        times.append(time.perf_counter() - start)
print(f"PyTorch {torch.__version__}: traced forward median {sorted(times)[2]:.3f} s")
