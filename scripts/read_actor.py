#!/usr/bin/env python3
"""Reads an exported actor (safetensors) with numpy only and prints its proto-action for one observation.

Usage: read_actor.py actor.safetensors OBS_0 OBS_1 ...

It parses the safetensors format by hand (8-byte little-endian header length, JSON header,
float32 little-endian data) and runs Sequential(Linear, ReLU, Linear, ReLU, Linear, Softsign),
the module the metadata names. With PyTorch installed the same file loads with
    model.load_state_dict(safetensors.torch.load_file("actor.safetensors"))
"""
import json
import struct
import sys

import numpy as np


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", {})
    base = 8 + n
    tensors = {}
    for name, info in header.items():
        assert info["dtype"] == "F32", info
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data[base + begin:base + end], dtype="<f4").reshape(info["shape"])
    return tensors, meta


def main():
    tensors, meta = load(sys.argv[1])
    x = np.array([float(v) for v in sys.argv[2:]], dtype=np.float32)
    for i in (0, 2, 4):
        x = tensors[f"{i}.weight"] @ x + tensors[f"{i}.bias"]
        x = np.maximum(x, 0) if i < 4 else x / (1 + np.abs(x))
    print(json.dumps({"keys": sorted(tensors), "module": meta.get("module"), "proto_action": [float(v) for v in x]}))


if __name__ == "__main__":
    main()
