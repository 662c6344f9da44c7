"""Measures torchvision's classification models, all 80 of 0.29 (issues 16 and 27): parameters,
and the MACs of every convolution and linear layer (the paper's count) by forward hooks, in eval
mode at the weights' documented input size, with the weights' documented `num_params` and `_ops` (GFLOPS)
beside them, and what torch.utils.flop_counter.FlopCounterMode counts in the same forward (FLOPs:
2 per multiply-accumulate of every conv, linear and matmul, the attention's activation products
included; the hooks miss nn.MultiheadAttention's input projection, which it runs functionally).
For one model of each family it also writes, to shapes.tsv, the output shape of every module
whose layout is known (batch left out, features last, as netcost prints them), and to sizes.tsv
the parameters and FlopCounterMode's count of a few transformers at other input sizes.
nn.MultiheadAttention's fused inference path (which FlopCounterMode does not see into) is
switched off, so its projections and products are counted as torchvision's `_ops` count them.
Run: python3 measure_models.py > models.tsv (torchvision 0.29.2, torch 2.15, weights=None).
Tests never run this; they pin the figures it printed."""
import torch, torchvision
from torch.utils.flop_counter import FlopCounterMode
from torchvision import models as M

torch.backends.mha.set_fastpath_enabled(False)

NAMES = """vgg11 vgg11_bn vgg13 vgg13_bn vgg16 vgg16_bn vgg19 vgg19_bn resnet18 resnet34 resnet50
resnet101 resnet152 wide_resnet50_2 wide_resnet101_2 resnext50_32x4d resnext101_32x8d
resnext101_64x4d densenet121 densenet161 densenet169 densenet201 mnasnet0_5 mnasnet0_75 mnasnet1_0
mnasnet1_3 efficientnet_b0 efficientnet_b1 efficientnet_b2 efficientnet_b3 efficientnet_b4
efficientnet_b5 efficientnet_b6 efficientnet_b7 regnet_x_400mf regnet_y_400mf convnext_tiny
inception_v3 googlenet
alexnet squeezenet1_0 squeezenet1_1 mobilenet_v2 mobilenet_v3_large mobilenet_v3_small
shufflenet_v2_x0_5 shufflenet_v2_x1_0 shufflenet_v2_x1_5 shufflenet_v2_x2_0
regnet_x_800mf regnet_x_1_6gf regnet_x_3_2gf regnet_x_8gf regnet_x_16gf regnet_x_32gf
regnet_y_800mf regnet_y_1_6gf regnet_y_3_2gf regnet_y_8gf regnet_y_16gf regnet_y_32gf
regnet_y_128gf convnext_small convnext_base convnext_large efficientnet_v2_s efficientnet_v2_m
efficientnet_v2_l vit_b_16 vit_b_32 vit_l_16 vit_l_32 vit_h_14 swin_t swin_s swin_b swin_v2_t
swin_v2_s swin_v2_b maxvit_t""".split()

# Other input sizes, for sizes.tsv: Swin's windows padded (an odd side at 100), ViT's position
# embedding grown, MaxViT's grid at 448.
SIZES = [("vit_b_16", 384), ("swin_t", 100), ("swin_t", 384), ("swin_v2_t", 200),
         ("maxvit_t", 448)]
# Models whose per-module output shapes go to shapes.tsv, one per family.
SHAPES = {"regnet_y_800mf", "efficientnet_v2_s", "vit_b_16", "swin_t", "swin_v2_t", "maxvit_t"}
# Module classes by the layout of their output: channels first (N, C, H, W) or features last.
CHANNELS_FIRST = {"Conv2d", "Conv2dNormActivation", "MBConv", "FusedMBConv",
                  "CNBlock", "LayerNorm2d", "ResBottleneckBlock", "AnyStage", "SimpleStemIN",
                  "SqueezeExcitation", "AdaptiveAvgPool2d"}
FEATURES_LAST = {"Linear", "LayerNorm", "EncoderBlock", "MLPBlock", "SwinTransformerBlock",
                 "SwinTransformerBlockV2", "PatchMerging", "PatchMergingV2", "Encoder"}


def measure(model, size, shapes):
    total = 0

    def hook(name):
        def run(module, inputs, output):
            nonlocal total
            if isinstance(module, torch.nn.Conv2d):
                k = module.weight[0].numel()  # (in / groups) · kh · kw
                total += output.numel() * k
            elif isinstance(module, torch.nn.Linear):
                total += output.numel() * module.in_features
            kind = type(module).__name__
            if shapes is None or not isinstance(output, torch.Tensor) or name in shapes:
                return
            dims = list(output.shape[1:])
            if kind in CHANNELS_FIRST and len(dims) == 3:
                shapes[name] = dims[1:] + dims[:1]
            elif kind in FEATURES_LAST and len(dims) >= 2:
                shapes[name] = dims
        return run

    handles = [m.register_forward_hook(hook(n)) for n, m in model.named_modules()]
    counter = FlopCounterMode(display=False)
    with torch.no_grad(), counter:
        model(torch.zeros(1, 3, size, size))
    for h in handles:
        h.remove()
    return total, counter.get_total_flops()


shapes_file = open(__file__.replace("measure_models.py", "shapes.tsv"), "w")
shapes_file.write("model\tmodule\tdims\n")
print("model\tparams\tnum_params\tmacs\tops\tsize\tflop_counter")
for name in NAMES:
    weights = M.get_model_weights(name)
    w = list(weights)[0]
    size = w.transforms().crop_size[0]
    kwargs = {"init_weights": False} if name in ("googlenet", "inception_v3") else {}
    if name == "googlenet":
        kwargs["aux_logits"] = False
    if name.startswith("vit_"):
        kwargs["image_size"] = size  # the position embedding follows the input (H/14: 518)
    model = M.get_model(name, weights=None, **kwargs).eval()
    params = sum(p.numel() for p in model.parameters())
    shapes = {} if name in SHAPES else None
    macs, flops = measure(model, size, shapes)
    print(f"{name}\t{params}\t{w.meta['num_params']}\t{macs}\t{w.meta['_ops']}\t{size}\t{flops}",
          flush=True)
    for module, dims in (shapes or {}).items():
        shapes_file.write(f"{name}\t{module}\t{'x'.join(map(str, dims))}\n")
    shapes_file.flush()

with open(__file__.replace("measure_models.py", "sizes.tsv"), "w") as sizes:
    sizes.write("model\tsize\tparams\tflop_counter\n")
    for name, size in SIZES:
        kwargs = {"image_size": size} if name.startswith("vit_") else {}
        if name.startswith("maxvit"):
            kwargs = {"input_size": (size, size)}
        model = M.get_model(name, weights=None, **kwargs).eval()
        params = sum(p.numel() for p in model.parameters())
        sizes.write(f"{name}\t{size}\t{params}\t{measure(model, size, None)[1]}\n")
