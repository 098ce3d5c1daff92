"""Per-operator time of two Chrome traces of the same work, as `dhad bench --profile` (libtorch's profiler through
DJL) and `bench_pytorch.py --profile` (torch.profiler) write them: for each operator name, the milliseconds summed
over the trace and the number of calls on each side, and their ratio, largest first. Nested operators are each
counted (aten::conv2d holds aten::mkldnn_convolution), so compare names, not the column sums. Then the leaf
convolutions (aten::mkldnn_convolution) in the order they ran, side by side: both sides run the same network in the
same order, which places a gap on layers (PyTorch's side names each input shape).
usage: operator_table.py DHAD_TRACE PYTORCH_TRACE [--top N]"""
import argparse
import collections
import json


def events(path):
    with open(path) as f:
        trace = json.load(f)
    listed = trace["traceEvents"] if isinstance(trace, dict) else trace
    # Operators only: torch.profiler marks them cpu_op, libtorch's legacy profiler leaves the category out.
    return sorted((e for e in listed if e.get("ph") == "X" and e.get("cat") in (None, "cpu_op")),
                  key=lambda e: e["ts"])


def totals(listed):
    table = collections.defaultdict(lambda: [0.0, 0])
    for e in listed:
        row = table[e["name"]]
        row[0] += e.get("dur", 0) / 1000.0
        row[1] += 1
    return table


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dhad")
    parser.add_argument("pytorch")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    ours, theirs = events(args.dhad), events(args.pytorch)
    a, b = totals(ours), totals(theirs)
    names = sorted(set(a) | set(b), key=lambda n: -max(a.get(n, [0])[0], b.get(n, [0])[0]))
    print("%-40s %10s %6s %10s %6s %7s" % ("operator", "dhad ms", "calls", "torch ms", "calls", "ratio"))
    for name in names[:args.top]:
        x, y = a.get(name, [0.0, 0]), b.get(name, [0.0, 0])
        ratio = "%.2fx" % (x[0] / y[0]) if y[0] > 0 and x[0] > 0 else "-"
        print("%-40s %10.1f %6d %10.1f %6d %7s" % (name[:40], x[0], x[1], y[0], y[1], ratio))
    conv = "aten::mkldnn_convolution"
    mine = [e for e in ours if e["name"] == conv]
    other = [e for e in theirs if e["name"] == conv]
    print("\n%d and %d oneDNN convolutions in run order (ms); PyTorch's input and weight shapes" % (len(mine), len(other)))
    for i in range(max(len(mine), len(other))):
        x = mine[i]["dur"] / 1000.0 if i < len(mine) else float("nan")
        y = other[i]["dur"] / 1000.0 if i < len(other) else float("nan")
        dims = other[i].get("args", {}).get("Input Dims", [])[:2] if i < len(other) else ""
        print("%4d %9.1f %9.1f %6.2fx  %s" % (i, x, y, x / y if y == y and y > 0 else float("nan"), dims))


if __name__ == "__main__":
    main()
