#!/usr/bin/env python3
"""Adds `initializerUsesOver1` to each NAME.expected.json here: the elements of the file's
float-typed initializers of more than one element, summed once per node input that reads them
(following Identity aliases, as make_onnx.py's counted_params does). These are the file's
weights counted per use: Conv, Gemm, MatMul and normalisation weights as before, and the biases
added after a MatMul and the layer scales applied elementwise (ConvNeXt), which netcost counts as
the layer's params. Scalars (GELU's √2) are arithmetic, not weights.

Made with onnx 1.23.2 on the committed graphs (no PyTorch needed): `python3 add_initializer_uses.py`.
"""
import glob
import json
import math
import os

import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
FLOAT_TYPES = {onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16, onnx.TensorProto.BFLOAT16,
               onnx.TensorProto.DOUBLE}


def uses_over_one(model):
    sizes = {t.name: math.prod(t.dims) for t in model.graph.initializer
             if t.data_type in FLOAT_TYPES}
    alias = {n.output[0]: n.input[0] for n in model.graph.node if n.op_type == "Identity"}
    total = 0
    for node in model.graph.node:
        if node.op_type == "Identity":
            continue
        for name in node.input:
            while name in alias:
                name = alias[name]
            if sizes.get(name, 0) > 1:
                total += sizes[name]
    return total


for path in sorted(glob.glob(os.path.join(HERE, "*.expected.json"))):
    model = onnx.load(path.replace(".expected.json", ".onnx"), load_external_data=False)
    with open(path) as f:
        expected = json.load(f)
    expected["initializerUsesOver1"] = uses_over_one(model)
    with open(path, "w") as f:
        json.dump(expected, f, indent=0, sort_keys=True)
    print(os.path.basename(path), expected["params"], expected["initializerUsesOver1"])
