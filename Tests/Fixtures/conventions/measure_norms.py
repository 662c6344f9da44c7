"""What each peer tool counts for group and instance normalization (issue 22), on a convolution's
56×56×64 output, batch 1, eval mode, no gradients:
  group     nn.Conv2d(3, 64, 3, padding=1) on 56×56×3, then nn.GroupNorm(32, 64)
  instance  the same convolution, then nn.InstanceNorm2d(64, affine=True)
  plain     the same convolution, then nn.InstanceNorm2d(64) (no γ, β: PyTorch's default)
Tools as in measure_attention.py. Run: python3 measure_norms.py > norms.jsonl
Tests never run this; they pin the figures it printed."""
import json

import torch
from torch import nn

from measure_attention import quiet

torch.set_grad_enabled(False)
NORMS = {
    "group": lambda: nn.GroupNorm(32, 64),
    "instance": lambda: nn.InstanceNorm2d(64, affine=True),
    "plain": lambda: nn.InstanceNorm2d(64),
}


def build(form):
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), NORMS[form]()).eval()


def measure(form):
    x = torch.zeros(1, 3, 56, 56)
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
            build(form), (3, 56, 56), as_strings=False, backend=backend,
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


for form in NORMS:
    print(json.dumps(measure(form)), flush=True)
