#!/usr/bin/env python3
"""Writes hand-made ONNX files, one for each way a model can be refused (and two valid ones), encoding protobuf by hand
(standard library only) so that each is exactly as broken as its name says. Tests expect one
error line from each, and the fuzz corpus starts from them. `python3 make_malformed.py`."""
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "malformed")


def varint(n):
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, value, wire=None):
    if isinstance(value, int):
        return varint(number << 3 | (0 if wire is None else wire)) + varint(value)
    if isinstance(value, str):
        value = value.encode()
    return varint(number << 3 | (2 if wire is None else wire)) + varint(len(value)) + value


def value_info(name, dims):
    shape = b"".join(field(1, field(1, d) if isinstance(d, int) else field(2, d)) for d in dims)
    return field(1, name) + field(2, field(1, field(1, 1) + field(2, shape)))


def node(op, inputs, outputs, name, attributes=b""):
    return (b"".join(field(1, i) for i in inputs) + b"".join(field(2, o) for o in outputs)
            + field(3, name) + field(4, op) + attributes)


def model(nodes, inputs=(("x", [1, 3, 8, 8]),), opset=18, extra=b""):
    graph = (b"".join(field(1, n) for n in nodes) + field(2, "g")
             + b"".join(field(11, value_info(n, d)) for n, d in inputs) + extra)
    return field(1, 8) + field(8, field(1, "") + field(2, opset)) + field(7, graph)


RELU = node("Relu", ["x"], ["y"], "relu")


def float_tensor(values):
    return field(1, len(values)) + field(2, 1) + field(9, struct.pack(f"<{len(values)}f", *values))


SCALES = node("Constant", [], ["scales"], "scales",
              field(5, field(1, "value") + field(5, float_tensor([1, 1, 2, 1.5])) + field(20, 4)))

def ints_attribute(name, values):
    return field(5, field(1, name) + b"".join(field(8, v) for v in values) + field(20, 7))


def int_attribute(name, value):
    return field(5, field(1, name) + field(3, value) + field(20, 2))


def string_attribute(name, value):
    return field(5, field(1, name) + field(4, value) + field(20, 3))


def weight(name, dims):
    """An initializer with dims only (its values are never read)."""
    return field(5, b"".join(field(1, d) for d in dims) + field(2, 1) + field(8, name))


def int_constant(name, values):
    tensor = field(1, len(values)) + field(2, 7) + b"".join(field(7, v) for v in values)
    return node("Constant", [], [name], name, field(5, field(1, "value") + field(5, tensor) + field(20, 4)))


HUGE = 1 << 62

# Hostile files (issue 25): each was a crash, a hang or a wrong answer; each is now one error.
HOSTILE = {
    "same-huge-stride": model(
        [node("Conv", ["x", "w"], ["y"], "conv", string_attribute("auto_pad", "SAME_UPPER")
              + ints_attribute("strides", [HUGE, HUGE]))],
        extra=weight("w", [4, 3, 3, 3])),
    "ceil-huge-stride": model(
        [node("MaxPool", ["x"], ["y"], "pool", ints_attribute("kernel_shape", [2, 2])
              + ints_attribute("strides", [HUGE, 1]) + int_attribute("ceil_mode", 1))]),
    "huge-dilation": model(
        [node("Conv", ["x", "w"], ["y"], "conv", ints_attribute("dilations", [HUGE, HUGE]))],
        extra=weight("w", [4, 3, 3, 3])),
    "resize-repeated": model(
        [node("Constant", [], ["s"], "s", field(5, field(1, "value")
              + field(5, float_tensor([1, 1, 65535, 65535])) + field(20, 4)))]
        + [node("Resize", [f"x{i}" if i else "x", "", "s"], [f"x{i + 1}"], f"up{i}") for i in range(5)]),
    "doubling-concat": model(
        [int_constant("c0", [1])]
        + [node("Concat", [f"c{i}", f"c{i}"], [f"c{i + 1}"], f"cat{i}", int_attribute("axis", 0))
           for i in range(40)]),
    "unsqueeze-rank": model(
        [int_constant("axes", list(range(100))), node("Unsqueeze", ["x", "axes"], ["y"], "u")]),
    "conv-weights-mismatch": model(
        [node("Conv", ["x", "w"], ["y"], "conv")], extra=weight("w", [8, 5, 3, 3])),
    "zero-filters": model(
        [node("Conv", ["x", "w"], ["y"], "conv")], extra=weight("w", [0, 3, 3, 3])),
    "squeeze-axis-out-of-rank": model(
        [int_constant("axes", [7]), node("Squeeze", ["x", "axes"], ["y"], "sq")]),
    "split-duplicate-outputs": model(
        [node("Split", ["x"], ["a", "a"], "split", int_attribute("axis", 1))]),
    "resize-sizes-channels": model(
        [int_constant("sizes", [1, 6, 16, 16]), node("Resize", ["x", "", "", "sizes"], ["y"], "up")]),
    # op_type (NodeProto field 4) tagged as a number: read as garbage before wire types were checked.
    "op-type-as-number": model([field(1, "x") + field(2, "y") + field(3, "relu") + field(4, 5)]),
    "group-zero": model([node("Conv", ["x", "w"], ["y"], "conv", int_attribute("group", 0))],
                        extra=weight("w", [4, 3, 3, 3])),
    # A node whose op_type claims 10 bytes where the node has 2 left: the node ends, not the file.
    "field-past-its-message": model([varint(4 << 3 | 2) + varint(10) + b"Re"]),
    # Folding indexed its inputs with the empty ones left out: a constant Gather of one input,
    # a Where with an empty middle input trapped (SIGILL). Each is refused by its arity now.
    "fold-gather-one-input": model(
        [int_constant("s", [1, 3, 64, 1]), node("Gather", ["s"], ["g"], "g"),
         node("Reshape", ["x", "g"], ["y"], "r")]),
    "fold-where-empty-input": model(
        [int_constant("c", [1, 1, 0, 1]), int_constant("s", [1, 3, 64, 1]),
         node("Where", ["c", "", "s"], ["w"], "w"), node("Reshape", ["x", "w"], ["y"], "r")]),
    # Extra inputs were dropped without a word: a ReLU of two, a convolution of four.
    "relu-two-inputs": model([node("Relu", ["x", "x"], ["y"], "relu")]),
    "conv-four-inputs": model(
        [node("Conv", ["x", "w", "", "x"], ["y"], "conv")], extra=weight("w", [4, 3, 3, 3])),
    # A folded index that is not a number was named as Swift writes it ('nan').
    "gather-nan-index": model(
        [int_constant("s", [1, 3, 64, 1]),
         node("Constant", [], ["i"], "i", field(5, field(1, "value")
              + field(5, float_tensor([float("nan")])) + field(20, 4))),
         node("Gather", ["s", "i"], ["g"], "g"), node("Reshape", ["x", "g"], ["y"], "r")]),
}

FILES = {
    "valid": model([RELU]),
    "truncated": model([RELU])[:-7],
    "bad-varint": b"\x08" + b"\xff" * 11,
    "wrong-wire-type": field(1, 8) + field(7, 5, wire=0),
    "group-wire-type": field(1, 8) + varint(7 << 3 | 3),
    "missing-graph": field(1, 8) + field(8, field(1, "") + field(2, 18)),
    "unknown-op": model([node("NonMaxSuppression", ["x"], ["y"], "nms")]),
    "cyclic-graph": model([node("Relu", ["b"], ["a"], "first"), node("Relu", ["a"], ["b"], "second")]),
    "duplicate-outputs": model([RELU, node("Sigmoid", ["x"], ["y"], "sigmoid")]),
    "duplicate-names": model([RELU, node("Relu", ["y"], ["z"], "relu")]),
    "computed-reshape": model([RELU, node("Reshape", ["x", "y"], ["z"], "reshape")]),
    "nested-graph": model([node("If", ["x"], ["y"], "if", field(5, field(1, "then_branch") + field(6, field(2, "g")) + field(20, 5)))]),
    "old-opset": model([RELU], opset=7),
    "no-input": model([RELU], inputs=()),
    "two-inputs": model([RELU], inputs=(("x", [1, 3, 8, 8]), ("w", [1, 3, 8, 8]))),
    "symbolic-height": model([RELU], inputs=(("x", ["N", 3, "H", "W"]),)),
    "resize-by-scales": model([SCALES, node("Resize", ["x", "", "scales"], ["y"], "up")]),
    "huge-length": field(1, 8) + varint(7 << 3 | 2) + varint(1 << 40),
    # An operator of a custom domain (NodeProto field 7), then a ReLU: '--skip' names it by
    # domain::op_type.
    "custom-domain": model([node("FusedConv", ["x"], ["y"], "fused", field(7, "com.microsoft")),
                            node("Relu", ["y"], ["z"], "relu")]),
}

if __name__ == "__main__":
    os.makedirs(HERE, exist_ok=True)
    for name, data in {**FILES, **HOSTILE}.items():
        with open(os.path.join(HERE, name + ".onnx"), "wb") as f:
            f.write(data)
