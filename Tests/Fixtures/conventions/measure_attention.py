"""What each peer tool counts for one attention block written four ways (issue 22: how each tool
counts the products of two computed tensors), on a token tensor of 1 × 197 × 192 with 3 heads of
64 (DeiT-Tiny's sizes), batch 1, eval mode, no gradients:
  operator  timm's Attention with fused_attn off: `q @ k.transpose(-2, -1)`, `.softmax(dim=-1)`,
            `attn @ v` (timm/layers/attention.py)
  function  the same with `torch.matmul(q, k.transpose(-2, -1))` and `torch.matmul(attn, v)`
  sdpa      `F.scaled_dot_product_attention(q, k, v)` (timm's fused_attn default)
  mha       torchvision's `nn.MultiheadAttention(192, 3, batch_first=True)` called with
            need_weights=False (torchvision/models/vision_transformer.py EncoderBlock)
The first three have a fused qkv `nn.Linear(192, 576)` and a `proj` `nn.Linear(192, 192)`.
Tools: torchinfo 1.8.0, fvcore 0.1.5.post20221221, ptflops 0.7.5 (both backends), thop
0.1.1.post2209072238, calflops 0.3.2 (its MACs and FLOPs), and torch.utils.flop_counter.
FlopCounterMode (its FLOPs). Run: python3 measure_attention.py > attention.jsonl
Tests never run this; they pin the figures it printed."""
import contextlib
import io
import json
import warnings

import torch
import torch.nn.functional as F
from torch import nn

warnings.filterwarnings("ignore")
torch.set_grad_enabled(False)
TOKENS, DIM, HEADS = 197, 192, 3


class Attention(nn.Module):
    def __init__(self, form):
        super().__init__()
        self.form = form
        self.qkv = nn.Linear(DIM, 3 * DIM)
        self.proj = nn.Linear(DIM, DIM)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, HEADS, c // HEADS).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        if self.form == "sdpa":
            x = F.scaled_dot_product_attention(q, k, v)
        elif self.form == "function":
            attn = torch.matmul(q * (c // HEADS) ** -0.5, k.transpose(-2, -1)).softmax(dim=-1)
            x = torch.matmul(attn, v)
        else:
            attn = (q * (c // HEADS) ** -0.5) @ k.transpose(-2, -1)
            x = attn.softmax(dim=-1) @ v
        return self.proj(x.transpose(1, 2).reshape(b, n, c))


class MHA(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = nn.MultiheadAttention(DIM, HEADS, batch_first=True)

    def forward(self, x):
        return self.attention(x, x, x, need_weights=False)[0]


def build(form):
    torch.manual_seed(0)
    return (MHA() if form == "mha" else Attention(form)).eval()


def quiet(fn):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return fn()


def measure(form):
    x = torch.zeros(1, TOKENS, DIM)
    out = {"form": form, "tokens": TOKENS, "dim": DIM, "heads": HEADS}
    import torchinfo
    out["torchinfo"] = quiet(lambda: torchinfo.summary(build(form), input_data=x, verbose=0)).total_mult_adds
    from fvcore.nn import FlopCountAnalysis
    flops = FlopCountAnalysis(build(form), x)
    flops.unsupported_ops_warnings(False)
    flops.uncalled_modules_warnings(False)
    out["fvcore"] = quiet(flops.total)
    out["fvcore_by_operator"] = dict(flops.by_operator())
    from ptflops import get_model_complexity_info
    for backend in ("pytorch", "aten"):
        macs, _ = quiet(lambda: get_model_complexity_info(
            build(form), (TOKENS, DIM), as_strings=False, backend=backend,
            print_per_layer_stat=False, verbose=False))
        out[f"ptflops_{backend}"] = int(macs)
    import thop
    macs, _ = quiet(lambda: thop.profile(build(form), inputs=(x,), verbose=False))
    out["thop"] = int(macs)
    from calflops import calculate_flops
    fl, mc, _ = quiet(lambda: calculate_flops(build(form), args=[x], output_as_string=False,
                                              print_results=False, print_detailed=False))
    out["calflops_flops"], out["calflops_macs"] = int(fl), int(mc)
    from torch.utils.flop_counter import FlopCounterMode
    counter = FlopCounterMode(display=False)
    with counter:
        build(form)(x)
    out["flop_counter"] = counter.get_total_flops()
    out["flop_counter_by_op"] = {str(k): v for k, v in counter.get_flop_counts()["Global"].items()}
    return out


if __name__ == "__main__":
    for form in ("operator", "function", "sdpa", "mha"):
        print(json.dumps(measure(form)), flush=True)
