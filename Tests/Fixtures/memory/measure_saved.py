"""Bytes autograd saves for backward in one training forward of torchvision models, on the CPU.

What netcost's `pytorch` memory rules are checked against
(Tests/NetCostTests/Analysis/MemoryTests.swift). Each model is built with `weights=None` in train
mode, fp32; a forward runs under `torch.autograd.graph.saved_tensors_hooks`, and every saved
tensor that is not a parameter is counted once per storage (its untyped storage's data pointer),
as the GPU measurement in docs/memory.md counts them. Dropout runs as on CUDA (`cuda_dropout`), so
the figures are the GPU's. Run: python3 measure_saved.py > saved.tsv (torch and torchvision from
pip; the figures do not depend on the machine).
"""
import sys

import torch
import torch.nn.functional as F
import torchvision


def cuda_dropout(input, p=0.5, training=True, inplace=False):
    """F.dropout as CUDA runs it: the fused native_dropout, whose mask is a bool per value (the
    CPU's F.dropout multiplies by a float mask instead)."""
    if not training or p == 0:
        return input
    return torch.native_dropout(input, p, True)[0]


F.dropout = cuda_dropout

MODELS = [
    "alexnet", "vgg16", "resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_large",
    "efficientnet_b0", "densenet121", "googlenet", "inception_v3", "shufflenet_v2_x1_0",
    "squeezenet1_0", "mnasnet1_0", "regnet_x_400mf", "convnext_tiny",
]


def saved_bytes(name, batch):
    kwargs = {"weights": None}
    if name in ("googlenet", "inception_v3"):
        kwargs["init_weights"] = False
    model = getattr(torchvision.models, name)(**kwargs).train()
    parameters = {p.untyped_storage().data_ptr() for p in model.parameters()}
    size = 299 if name == "inception_v3" else 224
    x = torch.randn(batch, 3, size, size)
    storages = {}

    def pack(t):
        s = t.untyped_storage()
        if s.data_ptr() not in parameters:
            storages[s.data_ptr()] = s.nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        model(x)
    return sum(storages.values())


if __name__ == "__main__":
    # Every model at batch 2, and the two at its batch of 32.
    runs = [(name, 2) for name in MODELS] + [("resnet50", 32), ("mobilenet_v2", 32)]
    if len(sys.argv) > 2:
        runs = [(name, int(sys.argv[1])) for name in sys.argv[2:]]
    print(f"# torch {torch.__version__}, torchvision {torchvision.__version__}, CPU, fp32")
    print("model\tbatch\tsaved_bytes")
    for name, batch in runs:
        print(f"{name}\t{batch}\t{saved_bytes(name, batch)}", flush=True)
