#!/usr/bin/env python3
"""Writes the general ONNX fixtures netcost's import tests read: timm and torchvision vision models
(transformers, hybrids and CNNs with unusual blocks) exported by both of PyTorch's exporters, the
weights put in external data that is then deleted, so each .onnx holds the graph alone, plus what
ONNX, PyTorch's modules and PyTorch's flop counter say of each. Modelled on ../onnx/make_onnx.py.

Models: random weights (timm pretrained=False, torchvision weights=None, weights_backbone=None),
then every parameter redrawn from N(0, 0.02) with seed 0 (RANDOM: the libraries' own init leaves
biases at zero and norm scales at one, and the dynamo exporter's optimizer drops an all-zero Gemm
bias, e.g. timm's zero-initialized head.bias, while the legacy exporter stores equal initializers
once; trained weights do neither, so neither should the fixtures; batch norm's running statistics
are redrawn too, means from N(0, 0.02), variances from U(0.5, 1.5), as the
legacy exporter would otherwise share the equal running statistics of unfolded batch norms),
eval mode, batch 1, input 1×3×S×S at the model's default size: timm's
`pretrained_cfg['input_size']` (256 for mobilevit_xxs and ecaresnet26t, 224 for the rest), 224
for torchvision's classifiers, and 224 for its segmentation models too (fcn_resnet50,
deeplabv3_mobilenet_v3_large, lraspp_mobilenet_v3_large; torchvision's references train them at
520, but the graph is the same at any size), wrapped so the export returns the 'out' tensor only
(aux_loss off); torchvision's video classifiers r3d_18, mc3_18 and r2plus1d_18 on a clip
1×3×16×112×112 and s3d on 1×3×16×224×224 (their references' clip length and crops).

Exporters, opset 18 for both: `legacy` = torch.onnx.export(..., dynamo=False); `dynamo` =
torch.onnx.export(..., dynamo=True). A failed export is recorded in summary.json (exception type
and first line of its message) and the others go on.

Files, for each model NAME and exporter EXPORTER:
  NAME.EXPORTER.onnx           the graph; initializers over 1 KiB point at NAME.EXPORTER.onnx.data,
                               which is deleted; smaller constants stay in the file
                               A graph still over 3 MB loses its nodes' pkg.torch.onnx.stack_trace
                               metadata (the dynamo exporter's source locations; nothing the graph
                               computes), recorded as strippedMetadata (maxvit_t.dynamo)
  NAME.EXPORTER.expected.json  the figures below (sorted keys, indent 0)
  summary.json                 one entry per file (or failure) with the headline figures

Figures in NAME.EXPORTER.expected.json:
  input, torch, torchvision, timm, onnx, exporter   what made it
  shapes              every node output's dims (and the graph output's) by onnx's infer_shapes
  opCounts            node op_type -> number of nodes (shows e.g. BatchNormalization left unfolded)
  torchParams         sum of p.numel() over model.parameters(); torchTrainable the requires_grad ones
  initializerElements every float-typed (float32/16, bfloat16, double) initializer's elements, once
  initializerUses     the float-typed initializers' elements summed once per node input that reads
                      them, through Identity aliases (the legacy exporter stores equal initializers
                      once and hands each reader its copy through an Identity); Identity itself is
                      not a reader. Readers inside subgraphs count too.
  initializerUsesOver1  the same, leaving out initializers of ≤ 1 element (scalars such as the
                      1/sqrt(d) attention scale, the 0.5 of GELU)
  initializerReaders  op_type -> elements read, as in initializerUses: shows what reads position
                      embeddings and class tokens (Add, Concat), layer scales (Mul), biases added
                      after a MatMul (Add), relative position tables (Gather)
  weightNodeParams    make_onnx.py's counted_params: initializer elements read by Conv, Gemm,
                      MatMul, BatchNormalization and LayerNormalization nodes (any dtype)
  weightMacs          weight MACs from PyTorch's modules, by forward hooks at batch 1:
                      Conv1d/2d/3d: weight.numel() × output.numel() / out_channels;
                      ConvTranspose1d/2d/3d: weight.numel() × input.numel() / in_channels;
                      Linear: weight.numel() × output.numel() / out_features;
                      nn.MultiheadAttention (torchvision's ViT; it runs its in_proj and out_proj
                      functionally, so Linear hooks never fire for them): the q third of
                      in_proj_weight × query tokens + the k and v thirds × key tokens +
                      out_proj.weight × query tokens (tokens = L × N, batch_first honoured);
                      torchvision's ShiftedWindowAttention (swin_t) likewise hands qkv.weight and
                      proj.weight to F.linear: (qkv + proj weights) × tokens of the window-padded
                      map. timm's Attention (vit, deit, mobilevit) calls its fused qkv and its
                      proj as plain nn.Linear modules, and torchvision's maxvit its to_qkv and
                      merge, so the Linear hook covers them. Biases, norms, position embeddings,
                      class tokens and relative position tables add no MACs here;
                      `paramsOutsideWeightMacs` lists the parameters no hooked module read
                      (norm layers left out), and `weightModulesNotRun` hooked modules that never
                      ran.
  activationMatmulMacs  MACs of matmuls between two activations (attention's Q·Kᵀ and A·V), from
                      the attention modules' input shapes, both products counted:
                      timm Attention on (B, N, C): 2 × B × N² × heads·head_dim;
                      nn.MultiheadAttention: 2 × B × L × S × embed_dim;
                      swin ShiftedWindowAttention on (B, H, W, C) padded to the window: 2 × B ×
                      windows × (window tokens)² × C; maxvit RelativePositionalMultiHeadAttention
                      on (B, G, P, D) (block and grid attention alike): 2 × B × G × P² × heads·
                      head_dim. For the ViTs it is also checked against blocks × 2 × L² × D
                      (`activationMatmulFormula`). mobilevit's attention runs over (B·patch_area,
                      patches, dim), so the timm Attention hook covers it. 0 for the CNNs.
  flopCounter         torch.utils.flop_counter.FlopCounterMode(display=False) over model(x) under
                      torch.no_grad() on CPU, default kernels: {total, byOp (op -> flops)}.
                      FlopCounterMode counts only matmuls, convolutions and attention kernels
                      (mm, addmm, bmm, baddbmm, convolution, scaled_dot_product_*): no softmax,
                      no normalization, no elementwise op, no activation, no pooling, no
                      resize, no gather. A fused op it has no formula for counts nothing: under
                      no_grad in eval mode nn.MultiheadAttention takes its fast path
                      (aten._native_multi_head_attention), which FlopCounterMode does not know,
                      so torchvision's vit_b_16 loses its attention projections and attention
                      matmuls there.
  flopCounterMacs     flopCounter.total / 2, split into flopCounterWeightMacs ((convolution,
                      _convolution, mm, addmm, _scaled_mm) / 2), flopCounterActivationMacs ((bmm,
                      baddbmm, *attention*) / 2) and flopCounterOtherMacs (anything else / 2). The
                      split is by op name: an mm between two activations or a bmm against a weight
                      would land on the wrong side; compare with weightMacs and
                      activationMatmulMacs.
  flopCounterPaths    the same count along three paths, {total, byOp, macs, weightMacs,
                      activationMacs} each: `default` (as flopCounter), `sdpaMath` (under
                      torch.nn.attention.sdpa_kernel(SDPBackend.MATH): scaled_dot_product_attention
                      decomposes into bmm), `sdpaMathNoMhaFastpath` (also
                      torch.backends.mha.set_fastpath_enabled(False), so nn.MultiheadAttention
                      runs F.multi_head_attention_forward, whose parts are counted)
  parameterFree       where relevant, the compute no weight carries (attention matmuls, pooling,
                      resizes)
  notes               what differs between the figures for this file

Made with: Python 3.11, torch 2.15.0, torchvision 0.29.2, timm 1.0.31, onnx 1.23.2, onnxscript
0.7.2, on CPU.
Regenerate: `pip install torch torchvision timm onnx onnxscript` then
`python3 make_onnx_general.py [NAME ...]` (all models without names; summary.json is merged).
"""
import json
import math
import os
import sys
import traceback

import onnx
import timm
import torch
import torchvision
from torch.nn.attention import SDPBackend, sdpa_kernel
from torch.utils.flop_counter import FlopCounterMode

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 18
MAX_COMMIT_BYTES = 3 * 1024 * 1024
STACK_TRACE = "pkg.torch.onnx.stack_trace"


class OutOnly(torch.nn.Module):
    """A torchvision segmentation model that returns its 'out' tensor alone."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)["out"]


def timm_model(name):
    return lambda: timm.create_model(name, pretrained=False)


def segmentation(name, **kwargs):
    return lambda: OutOnly(getattr(torchvision.models.segmentation, name)(
        weights=None, weights_backbone=None, **kwargs))


TIMM = ["vit_tiny_patch16_224", "deit_tiny_patch16_224", "mobilevit_xxs", "dpn68", "rexnet_100",
        "ecaresnet26t", "resnest14d", "tf_efficientnet_b0",
        # Issue 22's second round: operators the first set did not reach.
        "poolformer_s12", "gcvit_xxtiny", "resnetv2_50x1_bit", "xcit_nano_12_p16_224",
        "levit_128s", "convit_tiny", "edgenext_xx_small",
        # The third round: windows over a merged batch, heads stacked along a new first axis.
        "efficientvit_m0", "crossvit_tiny_240"]
class Upsampler(torch.nn.Module):
    """Transposed convolutions as decoders write them: 4×4 stride 2 (DCGAN's), grouped with
    output_padding and no bias, and a rectangular dilated one with unequal strides."""

    def __init__(self):
        super().__init__()
        nn = torch.nn
        self.down = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.up1 = nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1)
        self.up2 = nn.ConvTranspose2d(8, 8, 3, stride=2, padding=1, output_padding=1, groups=2,
                                      bias=False)
        self.up3 = nn.ConvTranspose2d(8, 4, (3, 5), stride=(1, 2), padding=(0, 2), dilation=(2, 1))

    def forward(self, x):
        return self.up3(torch.relu(self.up2(torch.relu(self.up1(torch.relu(self.down(x)))))))


MODELS = {name: timm_model(name) for name in TIMM}
MODELS["upsampler"] = Upsampler
MODELS.update({
    "vit_b_16": lambda: torchvision.models.vit_b_16(weights=None),
    "swin_t": lambda: torchvision.models.swin_t(weights=None),
    "maxvit_t": lambda: torchvision.models.maxvit_t(weights=None),
    "fcn_resnet50": segmentation("fcn_resnet50", aux_loss=False),
    "deeplabv3_mobilenet_v3_large": segmentation("deeplabv3_mobilenet_v3_large", aux_loss=False),
    "lraspp_mobilenet_v3_large": segmentation("lraspp_mobilenet_v3_large"),
})
# Video classifiers on a clip, 1×3×T×S×S (issue 22's third round: 3-D convolution and pooling).
VIDEO = {"r3d_18": (16, 112), "mc3_18": (16, 112), "r2plus1d_18": (16, 112), "s3d": (16, 224)}
MODELS.update({name: (lambda name=name: getattr(torchvision.models.video, name)(weights=None))
               for name in VIDEO})

PARAMETER_FREE = {
    "vit_tiny_patch16_224": "attention Q·Kᵀ and A·V (activationMatmulMacs), softmax, GELU, "
                            "position-embedding Add, class-token Concat",
    "deit_tiny_patch16_224": "as vit_tiny_patch16_224 (the same graph)",
    "vit_b_16": "attention Q·Kᵀ and A·V (activationMatmulMacs), softmax, GELU, "
                "position-embedding Add, class-token Concat",
    "swin_t": "window attention Q·Kᵀ and A·V, relative position bias Gather and Add, shifted-"
              "window Roll (Slice/Concat) and mask, window partition reshapes",
    "maxvit_t": "block and grid attention Q·Kᵀ and A·V (einsum), relative position bias, "
                "partition reshapes, squeeze-excitation pooling",
    "mobilevit_xxs": "attention Q·Kᵀ and A·V over patches (4 pixel positions × patches), "
                     "unfold/fold reshapes",
    "resnest14d": "split attention: global pooling, radix softmax, weighted sum of splits; "
                  "AvgPool2d downsampling",
    "ecaresnet26t": "ECA: global average pooling, then a Conv1d over channels (counted), sigmoid "
                    "gate; AvgPool2d downsampling in the shortcut",
    "dpn68": "dual-path Concat and Add of the residual and dense paths",
    "rexnet_100": "squeeze-excitation pooling and gate, partial residual Add (channels padded)",
    "tf_efficientnet_b0": "TF 'same' padding as explicit Pad before 5 strided convolutions, "
                          "squeeze-excitation",
    "poolformer_s12": "GroupNorm(1, C) as InstanceNormalization on N×1×(C·H·W) with its γ and β "
                      "as Mul and Add; pooling token mixer (AvgPool minus its input)",
    "gcvit_xxtiny": "global query Tile over the windows, window attention Q·Kᵀ and A·V, "
                    "relative position bias",
    "resnetv2_50x1_bit": "StdConv2d: each weight standardized (BatchNormalization over the "
                         "weight, not data); GroupNorm(32, C)",
    "xcit_nano_12_p16_224": "Fourier position encoding computed from constants (Sin, Cos, "
                            "CumSum) into a 1×1 convolution; cross-covariance attention with "
                            "F.normalize (ReduceL2, Clip)",
    "levit_128s": "Flatten from axis 2, attention biases gathered from a table, hard-swish",
    "convit_tiny": "gated positional attention: a linear layer over a constant buffer of "
                   "relative positions; sigmoid gating",
    "edgenext_xx_small": "position encoding from CumSum of a constant mask into a convolution; "
                         "cross-covariance attention (XCA)",
    "upsampler": "ReLU between the transposed convolutions",
    "efficientvit_m0": "cascaded group attention: per-head 1×1 and depthwise convolutions on the "
                       "windows (B·windows×C×7×7), attention biases gathered from a table",
    "crossvit_tiny_240": "two branches of patch sizes 12 and 16 with cross-attention between "
                         "their class tokens; the heads' logits stacked and averaged",
    "fcn_resnet50": "bilinear resize of the 21-class logits from 28×28 back to 224×224",
    "deeplabv3_mobilenet_v3_large": "ASPP global pooling and its bilinear upsample, final "
                                    "bilinear resize back to 224×224",
    "lraspp_mobilenet_v3_large": "LR-ASPP pooling gate (AvgPool, sigmoid, Mul), bilinear "
                                 "resizes back to 224×224",
    "r3d_18": "3-D max-free stem, residual Add, AdaptiveAvgPool3d(1)",
    "mc3_18": "3-D convolutions in the first stages, (1, 3, 3) ones after; AdaptiveAvgPool3d(1)",
    "r2plus1d_18": "(2+1)-D factorised convolutions: (1, 3, 3) then (3, 1, 1)",
    "s3d": "MaxPool3d with padding, separable (1, k, k) + (k, 1, 1) convolutions, AvgPool3d and "
           "a 1×1×1 convolution as the classifier, mean over time",
}

FLOAT_TYPES = {onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16, onnx.TensorProto.BFLOAT16,
               onnx.TensorProto.DOUBLE}
WEIGHT_OPS = {"convolution", "_convolution", "cudnn_convolution", "convolution_overrideable",
              "_slow_conv2d_forward", "mm", "addmm", "_scaled_mm"}
ACTIVATION_OPS = {"bmm", "baddbmm"}


def input_size(name, model):
    if name in TIMM:
        return model.pretrained_cfg["input_size"][-1]
    return 224


# ---- PyTorch side ----------------------------------------------------------------------------

def is_norm(module):
    return isinstance(module, (torch.nn.modules.batchnorm._NormBase, torch.nn.LayerNorm,
                               torch.nn.GroupNorm))


def weight_and_activation_macs(model, x):
    """weightMacs and activationMatmulMacs by forward hooks (see the docstring)."""
    from torchvision.models.maxvit import RelativePositionalMultiHeadAttention
    from torchvision.models.swin_transformer import ShiftedWindowAttention
    from timm.layers.attention import Attention as TimmAttention
    convs = (torch.nn.Conv1d, torch.nn.Conv2d, torch.nn.Conv3d)
    transposed = (torch.nn.ConvTranspose1d, torch.nn.ConvTranspose2d, torch.nn.ConvTranspose3d)
    weight = {"macs": 0}
    activation = {"macs": 0}
    read = set()  # names of parameters some hooked module read
    ran = set()
    names = {id(m): n for n, m in model.named_modules()}
    functional_linears = set()  # Linear modules whose weights are used through F.linear
    for m in model.modules():
        if isinstance(m, torch.nn.MultiheadAttention):
            functional_linears.add(id(m.out_proj))
        if isinstance(m, ShiftedWindowAttention):
            functional_linears.update({id(m.qkv), id(m.proj)})

    def mark(module, *attrs):
        ran.add(names[id(module)])
        for attr in attrs:
            if getattr(module, attr, None) is not None:
                read.add(f"{names[id(module)]}.{attr}".lstrip("."))

    def conv_hook(m, args, output):
        weight["macs"] += m.weight.numel() * (output.numel() // m.out_channels)
        mark(m, "weight", "bias")

    def transposed_hook(m, args, output):
        weight["macs"] += m.weight.numel() * (args[0].numel() // m.in_channels)
        mark(m, "weight", "bias")

    def linear_hook(m, args, output):
        weight["macs"] += m.weight.numel() * (output.numel() // m.out_features)
        mark(m, "weight", "bias")

    def mha_hook(m, args, kwargs, output):
        query = args[0] if len(args) > 0 else kwargs["query"]
        key = args[1] if len(args) > 1 else kwargs["key"]
        # (N, L, E) when batch_first, else (L, N, E); an unbatched (L, E) has one sequence.
        q_tokens = query.numel() // query.shape[-1]
        k_tokens = key.numel() // key.shape[-1]
        e = m.embed_dim
        if m.in_proj_weight is not None:
            third = m.in_proj_weight.numel() // 3
            weight["macs"] += third * q_tokens + 2 * third * k_tokens
        else:
            weight["macs"] += (m.q_proj_weight.numel() * q_tokens
                               + (m.k_proj_weight.numel() + m.v_proj_weight.numel()) * k_tokens)
        weight["macs"] += m.out_proj.weight.numel() * q_tokens
        batch = 1 if query.dim() == 2 else query.shape[0 if m.batch_first else 1]
        length_q = q_tokens // batch
        length_k = k_tokens // batch
        activation["macs"] += 2 * batch * length_q * length_k * e
        mark(m, "in_proj_weight", "in_proj_bias", "q_proj_weight", "k_proj_weight",
             "v_proj_weight")
        mark(m.out_proj, "weight", "bias")

    def swin_hook(m, args, output):
        b, h, w, c = args[0].shape
        wh, ww = m.window_size
        ph, pw = math.ceil(h / wh) * wh, math.ceil(w / ww) * ww
        tokens = b * ph * pw
        weight["macs"] += (m.qkv.weight.numel() + m.proj.weight.numel()) * tokens
        windows = b * (ph // wh) * (pw // ww)
        activation["macs"] += 2 * windows * (wh * ww) ** 2 * c
        mark(m)
        mark(m.qkv, "weight", "bias")
        mark(m.proj, "weight", "bias")

    def timm_attention_hook(m, args, output):
        b, n, _ = args[0].shape
        activation["macs"] += 2 * b * n * n * m.num_heads * m.head_dim
        mark(m)

    def maxvit_attention_hook(m, args, output):
        b, g, p, _ = args[0].shape
        activation["macs"] += 2 * b * g * p * p * m.n_heads * m.head_dim
        mark(m)

    handles = []
    hooked = {}
    for name, m in model.named_modules():
        if isinstance(m, convs):
            handles.append(m.register_forward_hook(conv_hook)); hooked[name] = m
        elif isinstance(m, transposed):
            handles.append(m.register_forward_hook(transposed_hook)); hooked[name] = m
        elif isinstance(m, torch.nn.Linear) and id(m) not in functional_linears:
            handles.append(m.register_forward_hook(linear_hook)); hooked[name] = m
        elif isinstance(m, torch.nn.MultiheadAttention):
            handles.append(m.register_forward_hook(mha_hook, with_kwargs=True)); hooked[name] = m
        elif isinstance(m, ShiftedWindowAttention):
            handles.append(m.register_forward_hook(swin_hook)); hooked[name] = m
        if isinstance(m, TimmAttention):
            handles.append(m.register_forward_hook(timm_attention_hook))
        elif isinstance(m, RelativePositionalMultiHeadAttention):
            handles.append(m.register_forward_hook(maxvit_attention_hook))
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    norm_params = {f"{n}.{p}".lstrip(".") for n, m in model.named_modules() if is_norm(m)
                   for p, _ in m.named_parameters(recurse=False)}
    outside = {n: p.numel() for n, p in model.named_parameters()
               if n not in read and n not in norm_params}
    not_run = sorted(n for n in hooked if n not in ran)
    return weight["macs"], activation["macs"], outside, not_run


def flop_count(model, x, path):
    mode = FlopCounterMode(display=False)
    fastpath = torch.backends.mha.get_fastpath_enabled()
    try:
        if path == "sdpaMathNoMhaFastpath":
            torch.backends.mha.set_fastpath_enabled(False)
        with torch.no_grad():
            if path == "default":
                with mode:
                    model(x)
            else:
                with sdpa_kernel(SDPBackend.MATH), mode:
                    model(x)
    finally:
        torch.backends.mha.set_fastpath_enabled(fastpath)
    by_op = {str(op).removeprefix("aten."): n
             for op, n in mode.get_flop_counts()["Global"].items()}
    weight = sum(n for op, n in by_op.items() if op in WEIGHT_OPS)
    activation = sum(n for op, n in by_op.items()
                     if op in ACTIVATION_OPS or "attention" in op)
    total = mode.get_total_flops()
    return {"total": total, "byOp": dict(sorted(by_op.items())), "macs": total // 2,
            "weightMacs": weight // 2, "activationMacs": activation // 2,
            "otherMacs": (total - weight - activation) // 2}


def vit_formula(name, model, size):
    """blocks × 2 × L² × D for the plain ViTs, the activation matmuls in closed form."""
    if name in ("vit_tiny_patch16_224", "deit_tiny_patch16_224"):
        blocks, dim = len(model.blocks), model.embed_dim
        tokens = (size // 16) ** 2 + model.num_prefix_tokens
    elif name == "vit_b_16":
        blocks, dim = len(model.encoder.layers), model.hidden_dim
        tokens = (size // model.patch_size) ** 2 + 1
    else:
        return None
    return {"blocks": blocks, "dim": dim, "tokens": tokens,
            "macs": blocks * 2 * tokens * tokens * dim,
            "formula": f"{blocks} blocks × 2 × {tokens}² × {dim}"}


def torch_figures(name):
    torch.manual_seed(0)
    model = MODELS[name]().eval()
    with torch.no_grad():  # Every parameter random: see RANDOM in the docstring.
        for p in model.parameters():
            p.normal_(0.0, 0.02)
        for n, b in model.named_buffers():
            if n.endswith("running_mean"):
                b.normal_(0.0, 0.02)
            elif n.endswith("running_var"):
                b.uniform_(0.5, 1.5)
    size = input_size(name, model)
    x = torch.randn(1, 3, size, size)
    if name in VIDEO:  # A clip: T frames of S×S.
        x = torch.randn(1, 3, VIDEO[name][0], VIDEO[name][1], VIDEO[name][1])
    weight_macs, activation_macs, outside, not_run = weight_and_activation_macs(model, x)
    paths = {p: flop_count(model, x, p) for p in ("default", "sdpaMath", "sdpaMathNoMhaFastpath")}
    default = paths["default"]
    figures = {
        "input": list(x.shape),
        "torchParams": sum(p.numel() for p in model.parameters()),
        "torchTrainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "weightMacs": weight_macs,
        "activationMatmulMacs": activation_macs,
        "paramsOutsideWeightMacs": outside,
        "weightModulesNotRun": not_run,
        "flopCounter": {"total": default["total"], "byOp": default["byOp"]},
        "flopCounterMacs": default["macs"],
        "flopCounterWeightMacs": default["weightMacs"],
        "flopCounterActivationMacs": default["activationMacs"],
        "flopCounterOtherMacs": default["otherMacs"],
        "flopCounterPaths": paths,
    }
    formula = vit_formula(name, model, size)
    if formula:
        figures["activationMatmulFormula"] = formula
        assert formula["macs"] == activation_macs, (formula, activation_macs)
    if name in PARAMETER_FREE:
        figures["parameterFree"] = PARAMETER_FREE[name]
    notes = []
    for path, fig in paths.items():
        if fig["weightMacs"] != weight_macs:
            notes.append(f"flop counter ({path}) weight part {fig['weightMacs']} != weightMacs "
                         f"{weight_macs} (diff {fig['weightMacs'] - weight_macs})")
        if fig["activationMacs"] != activation_macs:
            notes.append(f"flop counter ({path}) activation part {fig['activationMacs']} != "
                         f"activationMatmulMacs {activation_macs}")
    agree = [p for p, fig in paths.items()
             if (fig["weightMacs"], fig["activationMacs"]) == (weight_macs, activation_macs)]
    if agree != list(paths):
        notes.append("paths agreeing with weightMacs and activationMatmulMacs: "
                     + (", ".join(agree) or "none"))
    attention_ops = sorted(op for op in default["byOp"] if "attention" in op)
    if attention_ops:
        notes.append("default path counts attention as " + ", ".join(attention_ops)
                     + "; under SDPBackend.MATH it is bmm, same flops"
                     if paths["sdpaMath"]["activationMacs"] == default["activationMacs"]
                     else "default path attention ops " + ", ".join(attention_ops)
                     + " differ from the MATH path")
    figures["notes"] = notes
    return model, x, figures


# ---- ONNX side -------------------------------------------------------------------------------

def counted_params(model):
    """make_onnx.py's definition: the initializers' elements each Conv, Gemm, MatMul,
    BatchNormalization and LayerNormalization node reads, through Identity nodes."""
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


def all_nodes(graph):
    for node in graph.node:
        yield node
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                yield from all_nodes(attr.g)
            elif attr.type == onnx.AttributeProto.GRAPHS:
                for g in attr.graphs:
                    yield from all_nodes(g)


def initializer_figures(model):
    sizes = {t.name: math.prod(t.dims) for t in model.graph.initializer
             if t.data_type in FLOAT_TYPES}
    nodes = list(all_nodes(model.graph))
    alias = {n.output[0]: n.input[0] for n in nodes if n.op_type == "Identity"}
    uses = over1 = 0
    readers = {}
    for node in nodes:
        if node.op_type == "Identity":
            continue
        for name in node.input:
            while name in alias:
                name = alias[name]
            if name in sizes:
                uses += sizes[name]
                over1 += sizes[name] if sizes[name] > 1 else 0
                readers[node.op_type] = readers.get(node.op_type, 0) + sizes[name]
    ops = {}
    for node in nodes:
        ops[node.op_type] = ops.get(node.op_type, 0) + 1
    return {"initializerElements": sum(sizes.values()), "initializerUses": uses,
            "initializerUsesOver1": over1, "initializerReaders": dict(sorted(readers.items())),
            "opCounts": dict(sorted(ops.items()))}


def export(name, exporter, model, x, figures):
    stem = f"{name}.{exporter}"
    path = os.path.join(HERE, f"{stem}.onnx")
    data = os.path.basename(path) + ".data"
    try:
        if exporter == "legacy":
            torch.onnx.export(model, (x,), path, dynamo=False, opset_version=OPSET,
                              input_names=["input"], output_names=["output"])
        else:
            program = torch.onnx.export(model, (x,), dynamo=True, opset_version=OPSET)
            program.save(path)
            del program
        proto = onnx.load(path)
        onnx.save_model(proto, path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location=data, size_threshold=1024)
        del proto
        if os.path.getsize(path) > MAX_COMMIT_BYTES:
            stripped = onnx.load(path, load_external_data=False)
            for node in all_nodes(stripped.graph):
                keep = [p for p in node.metadata_props if p.key != STACK_TRACE]
                del node.metadata_props[:]
                node.metadata_props.extend(keep)
            figures = dict(figures, strippedMetadata=[STACK_TRACE],
                           bytesAsExported=os.path.getsize(path))
            onnx.save_model(stripped, path)
    finally:
        if os.path.exists(os.path.join(HERE, data)):
            os.remove(os.path.join(HERE, data))
    graph = onnx.load(path, load_external_data=False)
    inferred = onnx.shape_inference.infer_shapes(graph)
    shapes = {}
    for info in list(inferred.graph.value_info) + list(inferred.graph.output):
        dims = [d.dim_value if d.HasField("dim_value") else d.dim_param
                for d in info.type.tensor_type.shape.dim]
        shapes[info.name] = dims
    expected = dict(figures)
    expected.update({
        "torch": torch.__version__, "torchvision": torchvision.__version__,
        "timm": timm.__version__, "onnx": onnx.__version__, "exporter": exporter,
        "opset": OPSET, "shapes": shapes, "weightNodeParams": counted_params(inferred),
    })
    expected.update(initializer_figures(inferred))
    notes = list(figures["notes"])
    bn = expected["opCounts"].get("BatchNormalization", 0)
    if bn:
        notes.append(f"{bn} BatchNormalization nodes left in the graph")
    if expected["initializerElements"] != expected["torchParams"]:
        notes.append(f"initializerElements {expected['initializerElements']} != torchParams "
                     f"{expected['torchParams']}")
    expected["notes"] = notes
    with open(os.path.join(HERE, f"{stem}.expected.json"), "w") as f:
        json.dump(expected, f, indent=0, sort_keys=True)
    size = os.path.getsize(path)
    entry = {"model": name, "exporter": exporter, "bytes": size,
             "torchParams": expected["torchParams"],
             "initializerUses": expected["initializerUses"],
             "weightMacs": expected["weightMacs"],
             "flopCounterMacs": expected["flopCounterMacs"],
             "flopCounterActivationMacs": expected["flopCounterActivationMacs"],
             "activationMatmulMacs": expected["activationMatmulMacs"],
             "batchNormalizationNodes": bn}
    if "strippedMetadata" in expected:
        entry["strippedMetadata"] = expected["strippedMetadata"]
        entry["bytesAsExported"] = expected["bytesAsExported"]
    if size > 2 * 1024 * 1024:
        entry["note"] = "graph file over 2 MB"
    if size > MAX_COMMIT_BYTES:
        entry["note"] = "graph file over 3 MB: not committed"
    return entry


def main():
    torch.set_num_threads(2)
    names = sys.argv[1:] or list(MODELS)
    summary_path = os.path.join(HERE, "summary.json")
    entries = {}
    if os.path.exists(summary_path):
        with open(summary_path) as f:
            entries = {(e["model"], e["exporter"]): e for e in json.load(f)}
    for name in names:
        model, x, figures = torch_figures(name)
        print(name, figures["torchParams"], figures["weightMacs"], figures["flopCounterMacs"],
              figures["activationMatmulMacs"], figures["flopCounterActivationMacs"], flush=True)
        for exporter in ("legacy", "dynamo"):
            try:
                entry = export(name, exporter, model, x, figures)
            except Exception as error:  # Record and go on: one export's failure is not the others'.
                first = (str(error).strip().splitlines() or [""])[0][:300]
                entry = {"model": name, "exporter": exporter,
                         "failure": f"{type(error).__name__}: {first}",
                         "torchParams": figures["torchParams"],
                         "weightMacs": figures["weightMacs"],
                         "flopCounterMacs": figures["flopCounterMacs"],
                         "flopCounterActivationMacs": figures["flopCounterActivationMacs"],
                         "activationMatmulMacs": figures["activationMatmulMacs"]}
                traceback.print_exc(limit=2)
            entries[(name, exporter)] = entry
            print(" ", {k: v for k, v in entry.items() if k not in ("model",)}, flush=True)
        with open(summary_path, "w") as f:
            order = list(MODELS)
            ordered = sorted(entries.values(), key=lambda e: (
                order.index(e["model"]) if e["model"] in order else len(order), e["model"],
                ["legacy", "dynamo"].index(e["exporter"])))
            json.dump(ordered, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
