"""Writes reference-dense.safetensors for ModelFileTest with the reference safetensors library.

Independent of convkit's Java code: the tensors are laid out by safetensors.numpy.save_file, and
weights_crc32 / header_crc32 are computed here from the rules documented in ModelFile and
SafetensorsFile. Run with a Python that has numpy and safetensors:
    python3 make_reference_file.py
"""
import json
import struct
import zlib

import numpy as np
from safetensors.numpy import save_file

OUT = "reference-dense.safetensors"
tensors = {
    "d.weight": np.array([[0.5, -1.25]], dtype=np.float32),
    "d.bias": np.array([3.0], dtype=np.float32),
}
meta = {
    "format": "convkit-model",
    "format_version": "1",
    "convkit_version": "reference file written by the Python safetensors library",
    "seed": "7",
    "architecture": json.dumps({
        "name": "tiny",
        "inputs": [{"name": "x", "shape": [2]}],
        "nodes": [{"name": "d", "layer": {"type": "Dense", "units": 1, "bias": True, "init": "PYTORCH_DEFAULT"},
                   "inputs": ["x"]}],
        "output": "d"}, separators=(",", ":")),
    "metadata": json.dumps({"labels": ["a"]}, separators=(",", ":")),
}


def parts(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    return json.loads(raw[8:8 + n]), raw[8 + n:]


def string(s):
    b = s.encode("utf-8")
    return struct.pack(">i", len(b)) + b


def header_crc(metadata, header):
    out = b""
    for k in sorted(metadata):
        if k != "header_crc32":
            out += string(k) + string(metadata[k])
    for name in sorted(k for k in header if k != "__metadata__"):
        t = header[name]
        out += string(name) + string(t["dtype"]) + struct.pack(">q", len(t["shape"]))
        out += b"".join(struct.pack(">q", d) for d in t["shape"])
        out += struct.pack(">qq", *t["data_offsets"])
    return zlib.crc32(out)


save_file(tensors, OUT, metadata=meta)  # first pass: learn the layout safetensors chose
header, data = parts(OUT)
meta["weights_crc32"] = "%08x" % zlib.crc32(data)
meta["header_crc32"] = "%08x" % header_crc(meta, header)
save_file(tensors, OUT, metadata=meta)
final, final_data = parts(OUT)
assert final_data == data and {k: v for k, v in final.items() if k != "__metadata__"} == \
       {k: v for k, v in header.items() if k != "__metadata__"}, "layout changed between passes"
print(json.dumps(final, indent=1))
