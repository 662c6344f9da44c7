"""Writes the train-mode .pt2 fixtures of Tests/NetCostTests/Import/PT2TrainTests.swift and the
bytes PyTorch saves for backward in each (torch 2.15.0, torchvision 0.29.2, timm 1.0.31; CPU).

Each model is built with its library's default initialisation under torch.manual_seed(0), put in
train mode, exported at batch 2 (Swin-T and ViT-B/16 at batch 1: EXPORT_BATCH) with
torch.export.export (the default ATen opset) and saved with
torch.export.save; make_pt2.py's `save` then rewrites the archive without its weight payloads
(netcost reads the directory and models/*.json alone). NAME.train.expected.json holds, measured on
the live model in train mode:
- params: sum(p.numel() for p in model.parameters()); trainable: those with requires_grad;
  buffers: sum(b.numel() for b in model.buffers());
- savedForBackwardBatch2Cpu: the bytes autograd saves for backward in one training forward of a
  2×3×224×224 input, as the CPU runs it: every distinct storage a saved_tensors_hooks pack hook
  sees, the parameters left out (make_pt2.py's measure);
- savedForBackwardBatch2: the same with dropout run as CUDA runs it.

Why two figures. F.dropout on the CPU multiplies by a float noise tensor and autograd keeps that
noise, 4 bytes per value; on CUDA it calls the fused native_dropout, which keeps a bool mask, 1 byte
per value. Nothing else in these models saves differently on the two devices (convolution, batch
norm and the rest save the same tensors; stochastic depth's noise is a float tensor on both). The
.pt2 records `aten.dropout` and does not say which device will run it; netcost models CUDA's mask,
the device models are trained on, as Tests/Fixtures/memory/measure_saved.py does. So the figure
netcost is held to, savedForBackwardBatch2, is measured with F.dropout replaced by
torch.native_dropout (which the CPU runs too, with the same bool mask: `cuda_dropout` below), and
the CPU's own figure is kept beside it; they differ by 3 bytes per dropout value.

Attention: torch.nn.functional.scaled_dot_product_attention runs a fused kernel on both devices
(the CPU's flash attention, CUDA's flash or memory-efficient one), which saves the query, key,
value, the output and a logsumexp per query and head, never the T×T weights. These models run it
without a mask and without attention dropout.

Run: python3 Tests/Fixtures/pt2/make_train_pt2.py [NAME…] (from the repository root; no names: every
model). `--detail NAME` prints the storages saved, by the autograd node that saved each and the
leaf module running when it was packed, to compare with netcost's rows (`--format json`,
`savedBytes`).
"""

import json
import sys

import timm
import torch
import torch.nn.functional as F
import torchvision

from make_pt2 import save

TORCHVISION = [
    "resnet50", "mobilenet_v3_large", "efficientnet_b0", "convnext_tiny", "regnet_y_400mf",
    "densenet121", "shufflenet_v2_x1_0", "squeezenet1_0", "vgg11_bn", "swin_t", "vit_b_16",
]
TIMM = ["deit_tiny_patch16_224", "resnet26d", "lcnet_050", "mobilevitv2_050"]
# timm's DeiT with stochastic depth (drop path) of 0.1, as its recipe trains it, and drop_rate
# 0.1, which timm 1.0 applies before the head only (its other dropouts keep rate 0).
OPTIONS = {"deit_tiny_patch16_224": {"drop_rate": 0.1, "drop_path_rate": 0.1}}
# Exported at batch 1: their attention folds the batch into the windows (Swin) or the heads
# (nn.MultiheadAttention's view to N·H × L × D), which netcost follows for one sample only. The
# figures are still PyTorch's at batch 2, which netcost gives with --batch 2.
EXPORT_BATCH = {"swin_t": 1, "vit_b_16": 1}
CPU_DROPOUT = F.dropout


def cuda_dropout(input, p=0.5, training=True, inplace=False):
    """F.dropout as CUDA runs it: the fused native_dropout, whose mask is a bool per value."""
    if not training or p == 0:
        return input
    return torch.native_dropout(input, p, True)[0]


def build(name):
    torch.manual_seed(0)
    if name in TIMM:
        return timm.create_model(name, **OPTIONS.get(name, {}))
    return getattr(torchvision.models, name)()


def saved(model, cuda_masks, batch=2, detail=False):
    """Bytes of the distinct non-parameter storages saved for backward in one training forward."""
    F.dropout = cuda_dropout if cuda_masks else CPU_DROPOUT
    model = model.train()
    params = {p.untyped_storage().data_ptr() for p in model.parameters()}
    seen = {}
    running = []
    hooks = []

    def enter(name):
        running.append(name)

    def leave():
        running.pop()

    for name, module in model.named_modules():
        if name and not list(module.children()):
            hooks.append(module.register_forward_pre_hook(lambda m, i, n=name: enter(n)))
            hooks.append(module.register_forward_hook(lambda m, i, o: leave()))

    def pack(t):
        storage = t.untyped_storage()
        if storage.data_ptr() not in params and storage.data_ptr() not in seen:
            seen[storage.data_ptr()] = (storage.nbytes(), running[-1] if running else "", t)
        return t

    torch.manual_seed(0)
    try:
        with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
            out = model(torch.randn(batch, 3, 224, 224))
    finally:
        F.dropout = CPU_DROPOUT
        for h in hooks:
            h.remove()
    if detail:
        describe(out, seen)
    return sum(nbytes for nbytes, _, _ in seen.values())


def describe(out, seen):
    """Prints each saved storage with the autograd nodes that saved it, in forward order."""
    nodes = {}
    stack, visited = [out.grad_fn], set()
    while stack:
        node = stack.pop()
        if node is None or node in visited:
            continue
        visited.add(node)
        for attr in dir(node):
            if attr.startswith("_saved_"):
                try:
                    value = getattr(node, attr)
                except RuntimeError:
                    continue
                for t in value if isinstance(value, (tuple, list)) else [value]:
                    if isinstance(t, torch.Tensor):
                        key = t.untyped_storage().data_ptr()
                        nodes.setdefault(key, []).append(f"{node.name()}.{attr[7:]}")
        stack.extend(n for n, _ in node.next_functions)
    for key, (nbytes, module, t) in seen.items():
        print(f"{nbytes:>12} {module:40} {str(list(t.shape)):24} {str(t.dtype)[6:]:8}",
              " ".join(sorted(set(nodes.get(key, ["?"])))))


def main(names):
    for name in names:
        model = build(name)
        figures = {
            "params": sum(p.numel() for p in model.parameters()),
            "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
            "buffers": sum(b.numel() for b in model.buffers()),
            "savedForBackwardBatch2Cpu": saved(model, cuda_masks=False),
            "savedForBackwardBatch2": saved(model, cuda_masks=True),
        }
        torch.manual_seed(0)
        batch = EXPORT_BATCH.get(name, 2)
        program = torch.export.export(model.train(), (torch.randn(batch, 3, 224, 224),))
        library = "timm" if name in TIMM else "torchvision"
        options = "".join(f", {k}={v}" for k, v in OPTIONS.get(name, {}).items())
        save(
            name + ".train", program, figures,
            f"{library} {name}{options}, train mode, exported at batch {batch}, default ATen "
            "opset; savedForBackwardBatch2 at batch 2 with CUDA's dropout mask, "
            "savedForBackwardBatch2Cpu the CPU's (make_train_pt2.py)",
        )
        print(json.dumps({name: figures}), flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--detail"]:
        for name in args[1:]:
            print(name, saved(build(name), cuda_masks=True, detail=True))
    else:
        main(args or TORCHVISION + TIMM)
