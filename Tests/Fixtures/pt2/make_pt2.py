"""Writes the .pt2 fixtures of Tests/NetCostTests/Import/PT2ImportTests.swift and PyTorch's own
figures for each (torch 2.15.0, torchvision 0.29.2, timm 1.0.31; CPU).

Each model is exported with torch.export.export and saved with torch.export.save. To keep the
repository small, every archive is then rewritten WITHOUT its weight payloads: the entries under
data/weights/ and data/constants/ other than their *_config.json, and data/sample_inputs/, are
left out, and the rest is deflated (torch writes it stored). netcost reads an archive's directory
and models/*.json alone, so it needs none of what is left out; the archives saved with their
weights analyse to the same figures (checked by hand: netcost on the untouched archives).

NAME.expected.json holds, measured on the live model in eval mode at batch 1:
- params: sum(p.numel() for p in model.parameters()); trainable: those with requires_grad;
- buffers: sum(b.numel() for b in model.buffers());
- weightMacs: conv and linear weights × output positions, by forward hooks
  (conv: out.numel() · in_channels/groups · the kernel's taps, kh·kw or kt·kh·kw; linear:
  out.numel() · in_features); the video model r2plus1d_18 on a clip 1×3×16×112×112;
- flopCounterMacs: torch.utils.flop_counter.FlopCounterMode's forward total / 2, and
  flopCounterActivationMacs its bmm and scaled-dot-product-attention part / 2;
- shapes: every leaf module's output shape at its first call, by module path;
- savedForBackwardBatch2 (the train-mode export): the bytes autograd saves for backward in one
  training forward at batch 2, distinct storages but the parameters (saved_tensors_hooks).

Run: python3 Tests/Fixtures/pt2/make_pt2.py (from the repository root).
"""

import json
import os
import tempfile
import zipfile

import timm
import torch
import torchvision
from torch.export import Dim
from torch.utils.flop_counter import FlopCounterMode

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(0)


def measure(model, size=224, clip=None):
    """`clip`: the frames and side of a video model's input, 1×3×T×S×S."""
    model = model.eval()
    x = torch.randn(1, 3, clip[0], clip[1], clip[1]) if clip else torch.randn(1, 3, size, size)
    macs = [0]
    shapes = {}
    hooks = []

    def hook(name):
        def run(module, inputs, output):
            if isinstance(module, (torch.nn.Conv2d, torch.nn.Conv3d)):
                taps = 1
                for k in module.kernel_size:
                    taps *= k
                macs[0] += output.numel() * module.in_channels // module.groups * taps
            elif isinstance(module, torch.nn.Linear):
                macs[0] += output.numel() * module.in_features
            if name not in shapes and isinstance(output, torch.Tensor):
                shapes[name] = list(output.shape)
        return run

    for name, module in model.named_modules():
        if name and not list(module.children()):
            hooks.append(module.register_forward_hook(hook(name)))
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    counter = FlopCounterMode(display=False)
    with torch.no_grad(), counter:
        model(x)
    activation = 0
    for op, flops in counter.get_flop_counts()["Global"].items():
        if "bmm" in str(op) or "scaled_dot_product" in str(op):
            activation += flops
    total = counter.get_total_flops()
    return {
        "params": sum(p.numel() for p in model.parameters()),
        "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "buffers": sum(b.numel() for b in model.buffers()),
        "weightMacs": macs[0],
        "flopCounterMacs": total // 2,
        "flopCounterActivationMacs": activation // 2,
        "shapes": shapes,
    }


def saved_for_backward(model, batch=2):
    """Bytes autograd saves for backward in one training forward at `batch`: every distinct
    storage a saved_tensors_hooks pack hook sees, parameters left out (on the CPU, whose dropout
    keeps a float mask)."""
    model = model.train()
    params = {p.untyped_storage().data_ptr() for p in model.parameters()}
    seen = {}

    def pack(t):
        storage = t.untyped_storage()
        if storage.data_ptr() not in params:
            seen[storage.data_ptr()] = storage.nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        model(torch.randn(batch, 3, 224, 224))
    model.eval()
    return sum(seen.values())


def strip(path):
    """Rewrites the archive without its weight payloads (see the module's comment)."""
    kept = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            name = info.filename
            payload = ("/data/weights/" in name or "/data/constants/" in name) and not name.endswith(
                "_config.json"
            )
            if payload or "/data/sample_inputs/" in name:
                continue
            kept.append((name, z.read(name)))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in kept:
            z.writestr(name, data)


def save(name, program, figures, note):
    path = os.path.join(HERE, name + ".pt2")
    with tempfile.TemporaryDirectory() as tmp:
        full = os.path.join(tmp, name + ".pt2")
        torch.export.save(program, full)
        if os.environ.get("KEEP_WEIGHTS"):
            os.makedirs(os.environ["KEEP_WEIGHTS"], exist_ok=True)
            with open(full, "rb") as f, open(
                os.path.join(os.environ["KEEP_WEIGHTS"], name + ".pt2"), "wb"
            ) as g:
                g.write(f.read())
        strip(full)
        os.replace(full, path)
    figures = dict(figures, note=note, torch=torch.__version__)
    with open(os.path.join(HERE, name + ".expected.json"), "w") as f:
        json.dump(figures, f, indent=1, sort_keys=True)
        f.write("\n")


def export(model, batch=1, dynamic=None, clip=None):
    x = torch.randn(batch, 3, clip[0], clip[1], clip[1]) if clip else torch.randn(batch, 3, 224, 224)
    return torch.export.export(model, (x,), dynamic_shapes=dynamic)


def main(only=None):
    if only == "video":
        return video()
    if only == "decomposed":
        return decomposed()
    resnet18 = torchvision.models.resnet18()
    mobilenet_v2 = torchvision.models.mobilenet_v2()
    vit = timm.create_model("vit_tiny_patch16_224")
    figures = {
        "resnet18": measure(resnet18),
        "mobilenet_v2": measure(mobilenet_v2),
        "vit": measure(vit),
    }
    save("resnet18", export(resnet18.eval()), figures["resnet18"], "eval, default ATen opset")
    save(
        "mobilenet_v2", export(mobilenet_v2.eval()), figures["mobilenet_v2"],
        "eval, default ATen opset",
    )
    save(
        "vit_tiny_patch16_224", export(vit.eval()), figures["vit"],
        "timm vit_tiny_patch16_224, eval, default ATen opset (scaled_dot_product_attention)",
    )
    saved = saved_for_backward(mobilenet_v2)
    save(
        "mobilenet_v2.train", export(mobilenet_v2.train(), batch=2),
        dict(figures["mobilenet_v2"], savedForBackwardBatch2=saved),
        "train mode at batch 2: batch norm and dropout as they run in training",
    )
    save(
        "resnet18.dynamic",
        export(resnet18.eval(), batch=2, dynamic={"x": {0: Dim("batch", min=1, max=64)}}),
        figures["resnet18"], "eval, the batch a symbolic dimension in [1, 64]",
    )
    side = Dim("side", min=64, max=512)
    at160 = measure(mobilenet_v2, 160)
    save(
        "mobilenet_v2.dynamic",
        export(mobilenet_v2.eval(), dynamic={"x": {2: side, 3: side}}),
        dict(figures["mobilenet_v2"], at160={k: at160[k] for k in ("weightMacs", "shapes")}),
        "eval, height and width one symbolic dimension in [64, 512]; at160: the figures at 160",
    )
    save(
        "resnet18.core", export(resnet18.eval()).run_decompositions(), figures["resnet18"],
        "eval, core ATen opset (run_decompositions)",
    )
    save(
        "mobilenet_v2.core", export(mobilenet_v2.eval()).run_decompositions(),
        figures["mobilenet_v2"], "eval, core ATen opset (run_decompositions)",
    )
    # Three more of torchvision's: channels-last blocks, a channel shuffle, shifted windows.
    convnext = torchvision.models.convnext_tiny()
    save(
        "convnext_tiny.core", export(convnext.eval()).run_decompositions(), measure(convnext),
        "eval, core ATen opset: its Linear layers on (N·H·W)×C rows",
    )
    shufflenet = torchvision.models.shufflenet_v2_x1_0()
    save(
        "shufflenet_v2_x1_0", export(shufflenet.eval()), measure(shufflenet),
        "eval, default ATen opset: chunk and the channel shuffle's view, transpose, view",
    )
    swin = torchvision.models.swin_t()
    save(
        "swin_t", export(swin.eval()), measure(swin),
        "eval, default ATen opset; its attention's qkv and proj are F.linear calls, which the "
        "forward hooks do not see: weightMacs leaves them out, FlopCounterMode counts them",
    )
    video()
    decomposed()


def decomposed():
    """Two models whose activations the core opset decomposes (EfficientNet's SiLU into
    sigmoid and mul, MobileNetV3's hardswish and hardsigmoid into add, clamp, div and mul), in
    both opsets: the module-hooking tools' conventions differ on the core opset (docs/cost-model.md,
    "Conventions on a .pt2")."""
    for name in ("efficientnet_b0", "mobilenet_v3_large"):
        model = getattr(torchvision.models, name)()
        figures = measure(model)
        save(name, export(model.eval()), figures, "eval, default ATen opset")
        save(
            name + ".core", export(model.eval()).run_decompositions(), figures,
            "eval, core ATen opset: the activations decomposed into arithmetic",
        )


def video():
    figures = {}
    # A video model on a clip of 16 frames of 112×112: 3-D convolutions, (2+1)-D factorised.
    r2plus1d = torchvision.models.video.r2plus1d_18()
    clip = (16, 112)
    figures["r2plus1d_18"] = measure(r2plus1d, clip=clip)
    save(
        "r2plus1d_18", export(r2plus1d.eval(), clip=clip), figures["r2plus1d_18"],
        "eval, default ATen opset, a clip 1×3×16×112×112: conv3d, adaptive_avg_pool3d",
    )
    save(
        "r2plus1d_18.core", export(r2plus1d.eval(), clip=clip).run_decompositions(),
        figures["r2plus1d_18"], "eval, core ATen opset: convolution of 3 spatial axes",
    )


if __name__ == "__main__":
    import sys
    main(sys.argv[1] if len(sys.argv) > 1 else None)
