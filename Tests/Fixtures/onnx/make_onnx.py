#!/usr/bin/env python3
"""Writes the ONNX fixtures netcost's import tests read: torchvision models exported by both of
PyTorch's exporters, with their weights in external data that is then dropped, so each file holds
the graph alone (well under 1 MB), plus what PyTorch and ONNX say of each.

For each model and exporter (`legacy`: torch.onnx.export(..., dynamo=False); `dynamo`: the newer
default, dynamo=True):
  NAME.EXPORTER.onnx            the graph; initializers over 1 KiB (onnx's default threshold) point
                                at NAME.EXPORTER.onnx.data, which is deleted; smaller constants
                                (shapes, axes) stay in the file
  NAME.EXPORTER.expected.json   every node output's shape by ONNX's shape inference (onnx's
                                infer_shapes, which agrees with PyTorch's), the initializers'
                                elements each Conv, Gemm, MatMul, BatchNormalization and
                                LayerNormalization node reads (`counted_params`), PyTorch's own
                                parameter count, and the conv + fully connected MACs (weights
                                × output positions) PyTorch's own modules give, measured with
                                forward hooks on the eval-mode model at 1×3×224×224 (299 for
                                inception_v3)

Made with: Python 3.11, torch 2.15.0, torchvision 0.29.2, onnx 1.23.2, onnxscript, opset 18 for
both exporters (and the legacy exporter at opsets 11 and 13 for the models in OPSETS),
weights=None (the graph, not the trained values, decides the counts).
Regenerate: `pip install torch torchvision onnx onnxscript` then `python3 make_onnx.py`.
"""
import json
import math
import os
import sys

import onnx
import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = {
    "resnet50": lambda: torchvision.models.resnet50(),
    "mobilenet_v2": lambda: torchvision.models.mobilenet_v2(),
    "mobilenet_v3_large": lambda: torchvision.models.mobilenet_v3_large(),
    "googlenet": lambda: torchvision.models.googlenet(aux_logits=False, init_weights=False),
    "shufflenet_v2_x1_0": lambda: torchvision.models.shufflenet_v2_x1_0(),
    "efficientnet_b0": lambda: torchvision.models.efficientnet_b0(),
    "inception_v3": lambda: torchvision.models.inception_v3(aux_logits=False, init_weights=False),
    "convnext_tiny": lambda: torchvision.models.convnext_tiny(),
}


def reference_macs(model, x):
    """Conv and Linear weights × output positions, from PyTorch's modules."""
    total = 0

    def hook(module, inputs, output):
        nonlocal total
        positions = output.numel() // output.shape[-1] if isinstance(module, torch.nn.Linear) \
            else output.numel() // output.shape[1]
        if isinstance(module, torch.nn.Conv2d):
            total += module.weight.numel() * (output.numel() // output.shape[1])
        else:
            total += module.weight.numel() * positions

    handles = [m.register_forward_hook(hook) for m in model.modules()
               if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return total


def counted_params(model):
    """The initializers' elements each Conv, Gemm, MatMul, BatchNormalization and
    LayerNormalization node reads, node by node, through Identity nodes: the legacy exporter
    stores equal initializers once (untrained batch norm folds to all-zero biases) and hands
    each convolution its copy through an Identity."""
    feeds = {"Conv", "Gemm", "MatMul", "BatchNormalization", "LayerNormalization"}
    sizes = {t.name: math.prod(t.dims) for t in model.graph.initializer}
    alias = {n.output[0]: n.input[0] for n in model.graph.node if n.op_type == "Identity"}
    total = 0
    for node in model.graph.node:
        if node.op_type in feeds:
            for name in node.input:
                while name in alias:
                    name = alias[name]
                total += sizes.get(name, 0)
    return total


def export(name, exporter, opset=18):
    model = MODELS[name]().eval()
    size = 299 if name == "inception_v3" else 224
    x = torch.randn(1, 3, size, size)
    stem = f"{name}.{exporter}" + ("" if opset == 18 else f"-opset{opset}")
    path = os.path.join(HERE, f"{stem}.onnx")
    data = os.path.basename(path) + ".data"
    if exporter == "legacy":
        torch.onnx.export(model, (x,), path, dynamo=False, opset_version=opset,
                          input_names=["input"], output_names=["output"])
        proto = onnx.load(path)
    else:
        program = torch.onnx.export(model, (x,), dynamo=True, opset_version=18)
        program.save(path)
        proto = onnx.load(path)
    onnx.save_model(proto, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location=data, size_threshold=1024)
    inferred = onnx.shape_inference.infer_shapes(onnx.load(path, load_external_data=False))
    shapes = {}
    for info in list(inferred.graph.value_info) + list(inferred.graph.output):
        dims = [d.dim_value if d.HasField("dim_value") else d.dim_param
                for d in info.type.tensor_type.shape.dim]
        shapes[info.name] = dims
    expected = {
        "torch": torch.__version__, "torchvision": torchvision.__version__,
        "onnx": onnx.__version__, "exporter": exporter,
        "input": [1, 3, size, size],
        "params": counted_params(inferred),
        "torchParams": sum(p.numel() for p in model.parameters()),
        "macs": reference_macs(model, x),
        "shapes": shapes,
    }
    with open(os.path.join(HERE, f"{stem}.expected.json"), "w") as f:
        json.dump(expected, f, indent=0, sort_keys=True)
    os.remove(os.path.join(HERE, data))
    print(stem, os.path.getsize(path), expected["params"], expected["torchParams"],
          expected["macs"], flush=True)


def export_dynamic(name):
    """NAME.legacy-dynamic.onnx: the legacy exporter with the batch, height and width left open
    (`dynamic_axes`), as deployment exports often are; netcost builds it at the size given."""
    model = MODELS[name]().eval()
    x = torch.randn(1, 3, 224, 224)
    path = os.path.join(HERE, f"{name}.legacy-dynamic.onnx")
    data = os.path.basename(path) + ".data"
    torch.onnx.export(model, (x,), path, dynamo=False, opset_version=18, input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "N", 2: "H", 3: "W"}})
    onnx.save_model(onnx.load(path), path, save_as_external_data=True,
                    all_tensors_to_one_file=True, location=data, size_threshold=1024)
    os.remove(os.path.join(HERE, data))
    print(f"{name}.legacy-dynamic", os.path.getsize(path), flush=True)


# Older opsets, where axes, split sizes and pads move between attributes and inputs: the legacy
# exporter at opsets 11 and 13 for the models that use those operators.
OPSETS = {"shufflenet_v2_x1_0": (11, 13), "mobilenet_v3_large": (11, 13), "inception_v3": (11,)}

if __name__ == "__main__":
    names = sys.argv[1:] or list(MODELS)
    for name in names:
        runs = [("legacy", 18), ("dynamo", 18)] + [("legacy", o) for o in OPSETS.get(name, ())]
        for exporter, opset in runs:
            try:
                export(name, exporter, opset)
            except Exception as error:  # Report and go on: one model's failure is not the others'.
                print(name, exporter, opset, "FAILED", type(error).__name__, str(error)[:300], flush=True)
    export_dynamic("mobilenet_v2")
