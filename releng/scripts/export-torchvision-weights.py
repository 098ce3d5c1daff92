#!/usr/bin/env python3
"""Export torchvision weights as a state dict the deeplabv3 backbone of DenseHybridAD imports.

Usage:
  export-torchvision-weights.py --model deeplabv3_resnet50 --out deeplabv3_resnet50.npz
  export-torchvision-weights.py --model resnet101 --out resnet101.safetensors
  export-torchvision-weights.py --model deeplabv3_resnet50 --random --out random.npz

Pretrained weights come from torchvision (weights=...DEFAULT): from the torch cache
(~/.cache/torch/hub/checkpoints) when they are there, otherwise torchvision downloads them once.
--random saves a randomly initialised model instead (no download). Tensors keep torchvision's exact
state_dict names; .npz is written with numpy.savez, .safetensors by this script (no extra package).

Needs torch, torchvision and numpy. Nothing in the Java build uses this script.
"""
import argparse
import json
import struct
import sys

MODELS = ("deeplabv3_resnet50", "deeplabv3_resnet101", "resnet50", "resnet101")

# numpy dtype name -> safetensors dtype name
_SAFETENSORS_DTYPES = {"float32": "F32", "float64": "F64", "float16": "F16", "int64": "I64",
                       "int32": "I32", "uint8": "U8", "bool": "BOOL"}


def load_model(name, random):
    """The torchvision model `name`, pretrained (DEFAULT weights) unless `random`."""
    import torchvision.models as tvm
    import torchvision.models.segmentation as seg
    if name.startswith("deeplabv3_"):
        builder = getattr(seg, name)
        weights = None if random else "DEFAULT"
        # weights_backbone=None keeps --random free of downloads
        return builder(weights=weights, weights_backbone=None) if random else builder(weights=weights)
    builder = getattr(tvm, name)
    return builder(weights=None if random else "DEFAULT")


def to_numpy(state_dict):
    """name -> contiguous numpy array, in state_dict order."""
    return {name: tensor.detach().cpu().contiguous().numpy() for name, tensor in state_dict.items()}


def save_arrays(arrays, path):
    """Writes name -> numpy array as .npz (numpy.savez) or .safetensors, chosen by the file suffix."""
    import numpy as np
    if path.endswith(".npz"):
        np.savez(path, **arrays)
    elif path.endswith(".safetensors"):
        header, offset, blobs = {}, 0, []
        for name, array in arrays.items():
            array = np.ascontiguousarray(array)
            dtype = _SAFETENSORS_DTYPES.get(array.dtype.name)
            if dtype is None:
                raise ValueError(f"{name}: dtype {array.dtype} has no safetensors name")
            data = array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
            header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
            offset += len(data)
            blobs.append(data)
        text = json.dumps(header, separators=(",", ":")).encode("utf-8")
        text += b" " * ((8 - len(text) % 8) % 8)  # keep tensor data 8-byte aligned
        with open(path, "wb") as out:
            out.write(struct.pack("<Q", len(text)))
            out.write(text)
            for data in blobs:
                out.write(data)
    else:
        raise ValueError(f"--out must end in .npz or .safetensors, got {path}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, choices=MODELS)
    parser.add_argument("--out", required=True, help="FILE.npz or FILE.safetensors")
    parser.add_argument("--random", action="store_true", help="random initialisation instead of pretrained")
    args = parser.parse_args(argv)
    if not (args.out.endswith(".npz") or args.out.endswith(".safetensors")):
        parser.error(f"--out must end in .npz or .safetensors, got {args.out}")
    model = load_model(args.model, args.random)
    arrays = to_numpy(model.state_dict())
    save_arrays(arrays, args.out)
    print(f"{args.model}: wrote {len(arrays)} tensors to {args.out}"
          + (" (random initialisation)" if args.random else " (torchvision DEFAULT weights)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
