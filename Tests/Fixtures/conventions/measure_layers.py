"""What each peer tool counts for the layers of issue 22 beyond attention, batch 1, eval mode, no
gradients:
  group     nn.Conv2d(3, 64, 3, padding=1) on 3×56×56, then nn.GroupNorm(32, 64)
  instance  the same convolution, then nn.InstanceNorm2d(64, affine=True)
  plain     the same convolution, then nn.InstanceNorm2d(64) (no γ, β: PyTorch's default)
  deconv    nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1) on 16×14×14 (28×28 out)
  deconv-grouped  nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1,
            groups=2, bias=False) on 16×14×14 (28×28 out)
  conv3d    nn.Conv3d(3, 8, (3, 5, 5), stride=(1, 2, 2), padding=(1, 2, 2)) on 3×8×32×32,
            nn.BatchNorm3d(8), nn.ReLU
  pool3d    nn.Conv3d(3, 8, 1), nn.MaxPool3d(3, stride=2, padding=1), nn.AvgPool3d((1, 2, 2))
            and nn.AdaptiveAvgPool3d(1) on 3×8×32×32 (calflops needs a parameter)
  deconv3d  nn.ConvTranspose3d(8, 4, 2, stride=2) on 8×4×16×16
  lppool    nn.Conv2d(3, 8, 1), nn.LPPool2d(2, 3, stride=2) and nn.LPPool1d(3, 2) on 3×32×32
            (the 1-D one on the 2-D one's output flattened to 8×(15·15))
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
    "conv3d": (lambda: [nn.Conv3d(3, 8, (3, 5, 5), stride=(1, 2, 2), padding=(1, 2, 2)),
                        nn.BatchNorm3d(8), nn.ReLU()], (3, 8, 32, 32)),
    "pool3d": (lambda: [nn.Conv3d(3, 8, 1), nn.MaxPool3d(3, stride=2, padding=1),
                        nn.AvgPool3d((1, 2, 2)), nn.AdaptiveAvgPool3d(1)], (3, 8, 32, 32)),
    "deconv3d": (lambda: [nn.ConvTranspose3d(8, 4, 2, stride=2)], (8, 4, 16, 16)),
    "lppool": (lambda: [nn.Conv2d(3, 8, 1), nn.LPPool2d(2, 3, stride=2), nn.Flatten(2),
                        nn.LPPool1d(3, 2)], (3, 32, 32)),
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


import sys
for form in sys.argv[1:] or MODELS:
    print(json.dumps(measure(form)), flush=True)
