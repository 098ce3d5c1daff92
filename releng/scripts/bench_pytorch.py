"""PyTorch eager reference of the step `dhad bench` times: DeepLabV3-ResNet50 (torchvision, output stride 8,
21 classes) with DenseHybridAD's outlier head (its own BN-ReLU-Conv 1x1 on the decoder features), the paper's
loss (equation 1, beta 0.03) and Adam (heads at lr, backbone at lr x 0.25), then the hybrid score at inference.
Prints one JSON line: step_s (mean after --warmup steps, 2 by default as dhad bench), step_cpu_s (CPU time of the
process per step, all threads: steadier than wall time on a busy machine), images_per_s (after one warm-up batch, as dhad bench),
peak_rss_gib. --profile FILE writes torch.profiler's Chrome trace of the timed inference batches, the format of
`dhad bench --profile` (compare them with operator_table.py); --profile-step FILE the same of one more training step
after the timed ones, as `dhad bench --profile-step`.
Run by releng/scripts/bench-vs-pytorch.sh; it times the same work as `dhad bench` with the same options."""
import argparse
import json
import resource
import time

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.models.segmentation import deeplabv3_resnet50

BETA = 0.03
MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


class DenseHybrid(nn.Module):
    """Class logits s and outlier logit g, both upsampled to the input size."""

    def __init__(self, classes):
        super().__init__()
        net = deeplabv3_resnet50(weights=None, weights_backbone=None, num_classes=classes, aux_loss=False)
        self.backbone = net.backbone
        head = net.classifier  # ASPP, conv 3x3, BN, ReLU, conv 1x1
        self.context = nn.Sequential(head[0], head[1])
        self.class_final = nn.Sequential(head[2], head[3], head[4])
        self.outlier_final = nn.Sequential(nn.BatchNorm2d(256), nn.ReLU(), nn.Conv2d(256, 1, 1))

    def forward(self, images):
        size = images.shape[-2:]
        features = self.context(self.backbone((images - MEAN) / STD)["out"])
        s = F.interpolate(self.class_final(features), size=size, mode="bilinear", align_corners=False)
        g = F.interpolate(self.outlier_final(features), size=size, mode="bilinear", align_corners=False)
        return s, g


def paper_loss(s, g, outlier):
    inlier = ~outlier
    inlier_posterior = -F.logsigmoid(-g[:, 0])[inlier].mean()
    outlier_posterior = -F.logsigmoid(g[:, 0])[outlier].mean()
    outlier_energy = torch.logsumexp(s, dim=1)[outlier].mean()
    return inlier_posterior + BETA * (outlier_posterior + outlier_energy)


def freeze(model, policy):
    """ALL: only the last BN-ReLU-Conv of both heads trains, and frozen batch norms keep their statistics."""
    if policy == "NONE":
        return
    trainable = {"ALL": ("class_final", "outlier_final"),
                 "BACKBONE": ("context", "class_final", "outlier_final")}[policy]
    for name, module in model.named_children():
        keep = name in trainable
        for p in module.parameters():
            p.requires_grad_(keep)
        if not keep:
            module.eval()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2, help="steps before the timed ones, as dhad bench --warmup")
    parser.add_argument("--images", type=int, default=8)
    parser.add_argument("--freeze", default="NONE", choices=["NONE", "BACKBONE", "ALL"])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--profile", metavar="FILE")
    parser.add_argument("--profile-step", metavar="FILE", help="trace of the last training step, left out of step_s")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    model = DenseHybrid(21)
    model.train()
    freeze(model, args.freeze)
    backbone = [p for p in model.backbone.parameters() if p.requires_grad]
    heads = [p for n, m in model.named_children() if n != "backbone" for p in m.parameters() if p.requires_grad]
    groups = [{"params": heads, "lr": args.lr}] + ([{"params": backbone, "lr": args.lr * 0.25}] if backbone else [])
    optimizer = torch.optim.Adam(groups)

    images = torch.rand(args.batch, 3, args.size, args.size)
    outlier = torch.zeros(args.batch, args.size, args.size, dtype=torch.bool)
    side = args.size // 4
    outlier[:, side:2 * side, side:2 * side] = True  # one pasted square per image

    times = []
    cpu_times = []
    step_profiler = None
    for step in range(args.warmup + args.steps + (1 if args.profile_step else 0)):
        if step == args.warmup + args.steps:  # the profiled step, after the timed ones (as dhad bench --profile-step)
            step_profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU],
                                                   record_shapes=True)
            step_profiler.__enter__()
        start = time.perf_counter()
        cpu_start = time.process_time()
        optimizer.zero_grad(set_to_none=True)
        s, g = model(images)
        loss = paper_loss(s, g, outlier)
        loss.backward()
        optimizer.step()
        if args.warmup <= step < args.warmup + args.steps:
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
    if step_profiler is not None:
        step_profiler.__exit__(None, None, None)
        step_profiler.export_chrome_trace(args.profile_step)

    model.eval()

    def hybrid_score(n):
        s, g = model(torch.rand(n, 3, args.size, args.size))
        (F.logsigmoid(g[:, 0]) - torch.logsumexp(s, dim=1)).numpy()

    with torch.inference_mode():
        hybrid_score(min(args.batch, args.images))  # warm-up batch, as dhad bench
        profiler = None
        if args.profile:
            profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], record_shapes=True)
            profiler.__enter__()
        scored = 0
        start = time.perf_counter()
        while scored < args.images:
            n = min(args.batch, args.images - scored)
            hybrid_score(n)
            scored += n
        images_per_s = args.images / (time.perf_counter() - start)
        if profiler is not None:
            profiler.__exit__(None, None, None)
            profiler.export_chrome_trace(args.profile)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1048576.0  # KiB to GiB
    print(json.dumps({"step_s": sum(times) / len(times), "step_cpu_s": sum(cpu_times) / len(cpu_times),
                      "images_per_s": images_per_s, "peak_rss_gib": rss,
                      "torch": torch.__version__, "freeze": args.freeze}))


if __name__ == "__main__":
    main()
