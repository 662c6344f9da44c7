"""Measures torchvision's models for the family specs (issue 16): parameters, and the MACs of
every convolution and linear layer (the paper's count) by forward hooks, in eval mode at the
weights' documented input size, with the weights' documented `num_params` and `_ops` (GFLOPS)
beside them. Run: python3 measure_models.py > models.tsv (torchvision 0.29.2, weights=None).
Tests never run this; they pin the figures it printed."""
import torch, torchvision
from torchvision import models as M

NAMES = """vgg11 vgg11_bn vgg13 vgg13_bn vgg16 vgg16_bn vgg19 vgg19_bn resnet18 resnet34 resnet50
resnet101 resnet152 wide_resnet50_2 wide_resnet101_2 resnext50_32x4d resnext101_32x8d
resnext101_64x4d densenet121 densenet161 densenet169 densenet201 mnasnet0_5 mnasnet0_75 mnasnet1_0
mnasnet1_3 efficientnet_b0 efficientnet_b1 efficientnet_b2 efficientnet_b3 efficientnet_b4
efficientnet_b5 efficientnet_b6 efficientnet_b7 regnet_x_400mf regnet_y_400mf convnext_tiny
inception_v3 googlenet""".split()


def macs(model, size):
    total = 0

    def hook(module, inputs, output):
        nonlocal total
        if isinstance(module, torch.nn.Conv2d):
            k = module.weight[0].numel()  # (in / groups) · kh · kw
            total += output.numel() * k
        elif isinstance(module, torch.nn.Linear):
            total += output.numel() * module.in_features

    handles = [m.register_forward_hook(hook) for m in model.modules()]
    with torch.no_grad():
        model(torch.zeros(1, 3, size, size))
    for h in handles:
        h.remove()
    return total


print("model\tparams\tnum_params\tmacs\tops\tsize")
for name in NAMES:
    weights = M.get_model_weights(name)
    w = list(weights)[0]
    size = w.transforms().crop_size[0]
    kwargs = {"init_weights": False} if name in ("googlenet", "inception_v3") else {}
    if name == "googlenet":
        kwargs["aux_logits"] = False
    model = M.get_model(name, weights=None, **kwargs).eval()
    params = sum(p.numel() for p in model.parameters())
    print(f"{name}\t{params}\t{w.meta['num_params']}\t{macs(model, size)}\t{w.meta['_ops']}\t{size}",
          flush=True)
