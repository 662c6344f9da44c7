#!/usr/bin/env python3
"""Writes VGG16 (configuration D) as an ONNX model with its 138,357,544 weights embedded, as
torch.onnx.export writes it without external data (about 553 MB of raw_data), encoding protobuf by
hand (standard library only): the benchmark of reading a large model without its weights.
  python3 make_vgg16_onnx.py OUT.onnx
"""
import sys


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | 0x80 if n else byte)
        if not n:
            return bytes(out)


def key(number, wire):
    return varint(number << 3 | wire)


def field(number, value):
    if isinstance(value, int):
        return key(number, 0) + varint(value)
    if isinstance(value, str):
        value = value.encode()
    return key(number, 2) + varint(len(value)) + value


def ints(number, values):
    return b"".join(key(number, 0) + varint(v) for v in values)


def attribute(name, value):
    if isinstance(value, list):
        return field(5, field(1, name) + ints(8, value) + field(20, 7))
    return field(5, field(1, name) + field(3, value) + field(20, 2))


def node(op, inputs, output, attributes=()):
    return field(1, b"".join(field(1, i) for i in inputs) + field(2, output) + field(3, output)
                 + field(4, op) + b"".join(attribute(k, v) for k, v in attributes))


def main(path):
    nodes, weights = [], []
    x, channels, i = "input", 3, 0
    for stage, (convs, width) in enumerate([(2, 64), (2, 128), (3, 256), (3, 512), (3, 512)], 1):
        for c in range(convs):
            name = f"conv{stage}_{c + 1}"
            weights += [(name + ".weight", [width, channels, 3, 3]), (name + ".bias", [width])]
            nodes.append(node("Conv", [x, name + ".weight", name + ".bias"], name,
                              [("kernel_shape", [3, 3]), ("pads", [1, 1, 1, 1])]))
            nodes.append(node("Relu", [name], name + ".relu"))
            x, channels = name + ".relu", width
        nodes.append(node("MaxPool", [x], f"pool{stage}", [("kernel_shape", [2, 2]), ("strides", [2, 2])]))
        x = f"pool{stage}"
    nodes.append(node("Flatten", [x], "flatten", [("axis", 1)]))
    x, features = "flatten", 512 * 7 * 7
    for name, units in [("fc6", 4096), ("fc7", 4096), ("fc8", 1000)]:
        weights += [(name + ".weight", [units, features]), (name + ".bias", [units])]
        nodes.append(node("Gemm", [x, name + ".weight", name + ".bias"], name, [("transB", 1)]))
        x, features = name, units
        if name != "fc8":
            nodes.append(node("Relu", [x], name + ".relu"))
            x = name + ".relu"
    dims = b"".join(field(1, field(1, d)) for d in [1, 3, 224, 224])
    graph_input = field(11, field(1, "input") + field(2, field(1, field(1, 1) + field(2, dims))))
    # Each initializer: dims, data_type FLOAT, name, raw_data of zeros (written in chunks).
    heads = []
    for name, shape in weights:
        count = 1
        for d in shape:
            count *= d
        head = ints(1, shape) + field(2, 1) + field(8, name) + key(9, 2) + varint(count * 4)
        heads.append((head, count * 4))
    initializers = sum(len(key(5, 2)) + len(varint(len(h) + n)) + len(h) + n for h, n in heads)
    graph_size = sum(len(n) for n in nodes) + len(field(2, "vgg16")) + len(graph_input) + initializers
    with open(path, "wb") as f:
        f.write(field(1, 8) + field(2, "netcost benchmark") + field(8, field(1, "") + field(2, 18)))
        f.write(key(7, 2) + varint(graph_size))
        f.write(b"".join(nodes) + field(2, "vgg16") + graph_input)
        zeros = bytes(1 << 20)
        for head, n in heads:
            f.write(key(5, 2) + varint(len(head) + n) + head)
            while n > 0:
                f.write(zeros[: min(n, len(zeros))])
                n -= len(zeros)


if __name__ == "__main__":
    main(sys.argv[1])
