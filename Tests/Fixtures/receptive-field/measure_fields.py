#!/usr/bin/env python3
"""Measures every built-in network's receptive fields by back-propagation (issue 24), for
ReceptiveFieldMeasurementTests to check netcost's fields against.

For each network, `netcost convert NAME` writes the layers netcost analyses, one per line with
every window's kernel, stride, padding and dilation and every merge's inputs. This script builds
that graph in PyTorch with one channel per map (a field does not depend on channels) and the
dependence of each output on each input made explicit: convolutions and pools become windows of
positive weights (a max pool, whose gradient reaches only the argmax, an average pool of the same
window), pointwise layers (batch norm, activations, channel shuffles and splits) the identity,
concatenations and sums a sum, products a product, fully connected layers over a map a sum over
it (one applied at each position the identity); every output is divided by its (detached) maximum so that values stay finite in float64.
Then, for each row, the gradient of three units of its output (the first, the middle and the last
position) with respect to the image is computed, one image of a batch of three per unit, and the
rows and columns where it is non-zero give each unit's field as the image holds it: first and last
row, first and last column. That is the definition of a receptive field (Araujo et al. 2019,
section "Computing receptive fields"), measured, not computed by the recurrences netcost uses.
A network with a tensor that is not a map (a transformer's tokens) is left out: past it no
window of the image is defined.

Run: python3 measure_fields.py PATH/TO/netcost > fields.tsv (torch 2.x; an hour or more on two
cores), or with network names after the path for just their lines, to add to it. The
columns: network, row, output height and width, then each unit's field as h0-h1,w0-w1 (0-based,
inclusive). Tests never run this; they read fields.tsv."""
import json
import re
import subprocess
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

LINE = re.compile(r'^\s*"([^"]+)":\s*(\w+)\s*(.*)$')


def parse_value(text):
    text = text.strip()
    if text.startswith("["):
        return [t.strip().strip('"') for t in text[1:-1].split(",")]
    if text.startswith('"'):
        return text.strip('"')
    if " x " in text:
        return tuple(int(t) for t in text.split(" x "))
    if text in ("true", "false", "same", "valid"):
        return text
    try:
        return int(text)
    except ValueError:
        return text


def parse_arguments(text):
    arguments, depth, start = {}, 0, 0
    parts = []
    for i, c in enumerate(text):
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    if text[start:].strip():
        parts.append(text[start:])
    for part in parts:
        key, _, value = part.partition("=")
        arguments[key.strip()] = parse_value(value)
    return arguments


def layers_of(spec):
    """(name, kind, arguments, inputs) per layer, in order; inputs by name, None for the image."""
    layers, previous, size = [], None, None
    for line in spec.splitlines():
        if line.startswith("input "):
            h, w, _ = (int(t) for t in line[6:].split(" x "))
            size = (h, w)
        match = LINE.match(line)
        if not match:
            continue
        name, kind, rest = match.groups()
        arguments = parse_arguments(rest)
        source = arguments.get("from", previous)
        inputs = source if isinstance(source, list) else [source]
        layers.append((name, kind, arguments, inputs))
        previous = name
    return size, layers


def pair(value, default):
    if value is None:
        return (default, default)
    return value if isinstance(value, tuple) else (value, value)


def window(x, kind, a):
    """A convolution or pooling window over one channel, with netcost's padding rules."""
    kh, kw = pair(a.get("kernel"), 1)
    sh, sw = pair(a.get("stride"), 1 if kind in ("conv", "dwconv", "pwconv") else None)
    if sh is None:
        sh, sw = kh, kw
    dh, dw = pair(a.get("dilation"), 1)
    padding = a.get("padding", 0)
    n_h, n_w = x.shape[2], x.shape[3]
    if padding == "same":
        pads = []
        for n, k, s, d in ((n_h, kh, sh, dh), (n_w, kw, sw, dw)):
            out = -(-n // s)
            total = max((out - 1) * s + d * (k - 1) + 1 - n, 0)
            pads.append((total // 2, total - total // 2))
        (top, bottom), (left, right) = pads
    elif padding == "valid":
        top = bottom = left = right = 0
    else:
        ph, pw = pair(padding, 0)
        top = bottom = ph
        left = right = pw
    ceil = a.get("ceil") == "true"
    if ceil:
        # Caffe's and PyTorch's ceil mode: one more window where it still starts in the map.
        extra = []
        for n, k, s, p0, p1 in ((n_h, kh, sh, top, bottom), (n_w, kw, sw, left, right)):
            span = n + p0 + p1 - k
            out = -(-span // s) + 1
            if (out - 1) * s >= n + p0:
                out -= 1
            extra.append(max((out - 1) * s + k - (n + p0 + p1), 0))
        bottom += extra[0]
        right += extra[1]
    x = F.pad(x, (left, right, top, bottom))
    weight = torch.ones(1, 1, kh, kw)
    return F.conv2d(x, weight, stride=(sh, sw), dilation=(dh, dw))


def forward(size, layers, image):
    out = {None: image}
    for name, kind, a, inputs in layers:
        xs = [out[i] for i in inputs]
        x = xs[0]
        if kind in ("conv", "dwconv", "pwconv", "maxpool", "avgpool"):
            y = window(x, kind, a)
        elif kind == "globalavgpool":
            y = x.sum(dim=(2, 3), keepdim=True)
        elif kind == "adaptiveavgpool":
            y = F.adaptive_avg_pool2d(x, a["size"])
        elif kind == "fc" and a.get("flatten") == "false":
            y = x  # applied at each position (ConvNeXt's pointwise Linear)
        elif kind == "fc":
            y = x.sum(dim=(2, 3), keepdim=True)
        elif kind in ("add", "concat", "max"):
            y = sum(xs)
        elif kind == "multiply":
            y = xs[0] * xs[1]
            for other in xs[2:]:
                y = y * other
        elif kind in ("bn", "relu", "relu6", "swish", "sigmoid", "hswish", "hsigmoid", "gelu",
                      "softmax", "tanh", "leakyrelu", "prelu", "layernorm", "scale", "rescale",
                      "lrn", "dropout", "shuffle", "split", "flatten"):
            y = x
        else:
            raise SystemExit(f"{name}: kind '{kind}' has no rule here")
        out[name] = y / y.detach().amax(dim=(1, 2, 3), keepdim=True)
    return out


def box(gradient):
    rows = torch.nonzero(gradient.abs().sum(dim=1) > 0).flatten()
    cols = torch.nonzero(gradient.abs().sum(dim=0) > 0).flatten()
    if len(rows) == 0:
        return "none"
    return f"{rows[0].item()}-{rows[-1].item()},{cols[0].item()}-{cols[-1].item()}"


def measure(netcost, network):
    spec = subprocess.run([netcost, "convert", network], capture_output=True, text=True,
                          check=True).stdout
    analysis = json.loads(subprocess.run([netcost, network, "--format", "json"],
                                         capture_output=True, text=True, check=True).stdout)
    if not all("height" in row["output"] for row in analysis["layers"]):
        return  # tokens or attention's scores: no window of the image past them
    size, layers = layers_of(spec)
    image = torch.ones(3, 1, *size, requires_grad=True)
    out = forward(size, layers, image)
    for row in analysis["layers"]:
        y = out[row["name"]]
        h, w = row["output"]["height"], row["output"]["width"]
        assert y.shape[2:] == (h, w), (network, row["name"], tuple(y.shape), h, w)
        units = [(0, 0), (h // 2, w // 2), (h - 1, w - 1)]
        picked = sum(y[i, 0, u, v] for i, (u, v) in enumerate(units))
        (gradient,) = torch.autograd.grad(picked, image, retain_graph=True)
        boxes = [box(gradient[i, 0]) for i in range(3)]
        print("\t".join([network, row["name"], str(h), str(w)] + boxes), flush=True)


def main():
    netcost = sys.argv[1]
    if len(sys.argv) > 2:  # just these networks, no header: lines to add to fields.tsv
        for network in sys.argv[2:]:
            measure(netcost, network)
        return
    names = subprocess.run([netcost, "list", "--format", "csv"], capture_output=True, text=True,
                           check=True).stdout.splitlines()[1:]
    print("network\trow\theight\twidth\tfirst\tmiddle\tlast")
    for line in names:
        measure(netcost, line.split(",")[0])


if __name__ == "__main__":
    main()
