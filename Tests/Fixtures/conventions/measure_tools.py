"""What each peer tool prints for torchvision's models (issue 14): torchinfo 1.8.0's total
mult-adds, fvcore 0.1.5.post20221221's total "flops" (with its count per operator), ptflops 0.7.5's
MACs with both backends, thop 0.1.1's MACs, at batch 1, eval mode, weights=None, each model at its
documented input size. Run: python3 measure_tools.py [names…] >> tools.jsonl
`--calflops` measures calflops 0.3.2's FLOPs instead (it needs transformers installed):
python3 measure_tools.py --calflops [names…] >> calflops.jsonl
`--every` measures all of them and torch 2.15's FlopCounterMode (its FLOPs, by aten op) in one
record per model (issue 27's 31 newer models, at the crop size of each model's first weights):
python3 measure_tools.py --every [names…] >> tools-issue27.jsonl
Tests never run this; they pin the figures it printed."""
import io
import json
import sys
import contextlib
import warnings

import torch
import torchvision
from torchvision import models as M

warnings.filterwarnings("ignore")
torch.set_grad_enabled(False)


def build(name):
    kwargs = {}
    if name == "googlenet":
        kwargs = {"aux_logits": False, "init_weights": False}
    if name == "inception_v3":
        kwargs = {"init_weights": False}
    if name.startswith("vit_"):
        # A ViT's position embedding is built for image_size, which only its weights set.
        kwargs = {"image_size": size(name)}
    return M.get_model(name, weights=None, **kwargs).eval()


def size(name):
    return list(M.get_model_weights(name))[0].transforms().crop_size[0]


def quiet(fn):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return fn()


def measure(name):
    s = size(name)
    x = torch.zeros(1, 3, s, s)
    out = {"model": name, "size": s}
    import torchinfo
    info = quiet(lambda: torchinfo.summary(build(name), input_size=(1, 3, s, s), verbose=0))
    out["torchinfo"] = info.total_mult_adds
    out["torchinfo_params"] = info.total_params
    from fvcore.nn import FlopCountAnalysis
    flops = FlopCountAnalysis(build(name), x)
    flops.unsupported_ops_warnings(False)
    flops.uncalled_modules_warnings(False)
    out["fvcore"] = quiet(flops.total)
    out["fvcore_by_operator"] = dict(flops.by_operator())
    out["fvcore_unsupported"] = dict(flops.unsupported_ops())
    from ptflops import get_model_complexity_info
    for backend in ("pytorch", "aten"):
        macs, params = quiet(lambda: get_model_complexity_info(
            build(name), (3, s, s), as_strings=False, backend=backend,
            print_per_layer_stat=False, verbose=False))
        out[f"ptflops_{backend}"] = int(macs)
        out[f"ptflops_{backend}_params"] = int(params)
    import thop
    macs, params = quiet(lambda: thop.profile(build(name), inputs=(x,), verbose=False))
    out["thop"] = int(macs)
    out["thop_params"] = int(params)
    return out


def measure_calflops(name):
    from calflops import calculate_flops
    s = size(name)
    flops, macs, params = quiet(lambda: calculate_flops(
        model=build(name), input_shape=(1, 3, s, s), output_as_string=False,
        print_results=False, print_detailed=False))
    return {"model": name, "size": s, "calflops_flops": int(flops), "calflops_macs": int(macs)}


def measure_flop_counter(name):
    from torch.utils.flop_counter import FlopCounterMode
    s = size(name)
    model = build(name)
    counter = FlopCounterMode(display=False)
    with counter:
        model(torch.zeros(1, 3, s, s))
    by_op = {str(k): v for k, v in counter.get_flop_counts()["Global"].items()}
    return {"flop_counter": counter.get_total_flops(), "flop_counter_by_op": by_op}


def measure_every(name):
    out = measure(name)
    calflops = measure_calflops(name)
    out["calflops_flops"], out["calflops_macs"] = calflops["calflops_flops"], calflops["calflops_macs"]
    out.update(measure_flop_counter(name))
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--every"]:
        for name in sys.argv[2:]:
            print(json.dumps(measure_every(name)), flush=True)
    elif sys.argv[1:2] == ["--calflops"]:
        for name in sys.argv[2:]:
            print(json.dumps(measure_calflops(name)), flush=True)
    else:
        for name in sys.argv[1:]:
            print(json.dumps(measure(name)), flush=True)
