"""What each peer tool counts for the layers of issue 22 beyond attention, batch 1, eval mode, no
gradients:
  group     nn.Conv2d(3, 64, 3, padding=1) on 3×56×56, then nn.GroupNorm(32, 64)
  instance  the same convolution, then nn.InstanceNorm2d(64, affine=True)
  plain     the same convolution, then nn.InstanceNorm2d(64) (no γ, β: PyTorch's default)
  deconv    nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1) on 16×14×14 (28×28 out)
  deconv-grouped  nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1,
            groups=2, bias=False) on 16×14×14 (28×28 out)
Tools as in measure_attention.py. Run: python3 measure_layers.py > layers.jsonl
Tests never run this; they pin the figures it printed."""
import json

import torch
from torch import nn

from measure_attention import quiet

torch.set_grad_enabled(False)
CONV = lambda: nn.Conv2d(3, 64, 3, padding=1)
MODELS = {
    "group": (lambda: [CONV(), nn.GroupNorm(32, 64)], (3, 56, 56)),
    "instance": (lambda: [CONV(), nn.InstanceNorm2d(64, affine=True)], (3, 56, 56)),
    "plain": (lambda: [CONV(), nn.InstanceNorm2d(64)], (3, 56, 56)),
    "deconv": (lambda: [nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1)], (16, 14, 14)),
    "deconv-grouped": (lambda: [nn.ConvTranspose2d(
        16, 8, 3, stride=2, padding=1, output_padding=1, groups=2, bias=False)], (16, 14, 14)),
}


def build(form):
    torch.manual_seed(0)
    return nn.Sequential(*MODELS[form][0]()).eval()


def measure(form):
    size = MODELS[form][1]
    x = torch.zeros(1, *size)
    out = {"form": form}
    import torchinfo
    out["torchinfo"] = quiet(lambda: torchinfo.summary(build(form), input_data=x, verbose=0)).total_mult_adds
    from fvcore.nn import FlopCountAnalysis
    flops = FlopCountAnalysis(build(form), x)
    flops.unsupported_ops_warnings(False)
    flops.uncalled_modules_warnings(False)
    out["fvcore"] = quiet(flops.total)
    from ptflops import get_model_complexity_info
    for backend in ("pytorch", "aten"):
        macs, _ = quiet(lambda: get_model_complexity_info(
            build(form), size, as_strings=False, backend=backend,
            print_per_layer_stat=False, verbose=False))
        out[f"ptflops_{backend}"] = int(macs)
    import thop
    macs, _ = quiet(lambda: thop.profile(build(form), inputs=(x,), verbose=False))
    out["thop"] = int(macs)
    from calflops import calculate_flops
    fl, _, _ = quiet(lambda: calculate_flops(build(form), args=[x], output_as_string=False,
                                             print_results=False, print_detailed=False))
    out["calflops_flops"] = int(fl)
    from torch.utils.flop_counter import FlopCounterMode
    counter = FlopCounterMode(display=False)
    with counter:
        build(form)(x)
    out["flop_counter"] = counter.get_total_flops()
    out["params"] = sum(p.numel() for p in build(form).parameters())
    return out


for form in MODELS:
    print(json.dumps(measure(form)), flush=True)
