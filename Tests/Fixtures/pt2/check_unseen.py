"""Checks netcost on .pt2 exports of models no fixture holds, as a hidden check would: each
model (torchvision 0.29.2 and timm 1.0.31 with their default initialisation, torch 2.15.0, CPU) is
exported in train mode at batch 2 and in eval mode at batch 1 with its weights, and netcost's
trainable params and saved-for-backward bytes (`--optimizer sgd --batch 2`) are compared with
PyTorch's on the live model (make_train_pt2.py's measurement: saved_tensors_hooks, dropout run as
CUDA runs it). Nothing is committed from it; the archives go to a temporary folder.

Run: python3 Tests/Fixtures/pt2/check_unseen.py BINARY [NAME…] (from the repository root).
2026-12-04, the release binary at ca284cc: eleven of the twelve read, their trainable params and
saved bytes PyTorch's to the byte; timm's efficientvit_b0 is refused, by name, at
torch.ops.higher_order.wrap_with_autocast (a subgraph netcost does not read).
"""

import json
import os
import subprocess
import sys
import tempfile

import timm
import torch
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_train_pt2  # noqa: E402

MODELS = [
    "mnasnet1_0", "resnext50_32x4d", "mobilenet_v3_small", "regnet_x_400mf", "efficientnet_b1",
    "googlenet", "timm:mixnet_s", "timm:ghostnet_100", "timm:resnet18d", "timm:convnext_atto",
    "timm:efficientvit_b0", "timm:mobilevitv2_050",
]


def build(name):
    torch.manual_seed(0)
    if name.startswith("timm:"):
        return timm.create_model(name[5:])
    options = {"aux_logits": False, "init_weights": True} if name == "googlenet" else {}
    return getattr(torchvision.models, name)(**options)


def netcost(binary, path, *args):
    run = subprocess.run([binary, path, *args], capture_output=True, text=True)
    if run.returncode != 0:
        return None, run.stderr.strip().splitlines()[0]
    return json.loads(run.stdout)["totals"], None


def main(binary, names):
    folder = tempfile.mkdtemp()
    for name in names:
        model = build(name)
        trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
        saved = make_train_pt2.saved(model, cuda_masks=True)
        short = name.split(":")[-1]
        torch.manual_seed(0)
        train = os.path.join(folder, short + ".train.pt2")
        torch.export.save(
            torch.export.export(model.train(), (torch.randn(2, 3, 224, 224),)), train)
        evaluation = os.path.join(folder, short + ".pt2")
        torch.export.save(
            torch.export.export(model.eval(), (torch.randn(1, 3, 224, 224),)), evaluation)
        totals, error = netcost(binary, train, "--optimizer", "sgd", "--batch", "2",
                                "--format", "json")
        if error:
            print(f"{short:22} refused: {error[:160]}", flush=True)
            continue
        ours = totals["training"]["savedForBackward"]
        eval_totals, eval_error = netcost(binary, evaluation, "--format", "json")
        print(f"{short:22} trainable {trainable:>11,} netcost {totals['trainableParams']:>11,}"
              f"  saved {saved:>13,} netcost {ours:>13,} ({ours - saved:+,})"
              f"  eval {'refused: ' + eval_error[:60] if eval_error else 'read'}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: check_unseen.py BINARY [NAME…]")
    main(sys.argv[1], sys.argv[2:] or MODELS)
