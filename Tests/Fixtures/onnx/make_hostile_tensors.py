#!/usr/bin/env python3
"""Hostile ONNX graphs for the rules of tensors of any rank (issue 22): permutations that are not
permutations, ranks past 8, products that overflow, Einsum forms netcost does not map, scatters
out of range, slices and splits that do not fit, reductions of the batch, constants folded past
the budget. Each file is a few hundred bytes; each must end in a located error (or a correct
analysis) within 2 s and 512 MB, which Tests/Fuzz/replay-corpus.sh checks for the whole corpus.

Made with onnx 1.23.2: `python3 make_hostile_tensors.py DIR` (the committed copies are in
Tests/Fuzz/corpus as hostile-onnx-tensor-*.onnx).
"""
import os
import sys

import onnx
from onnx import TensorProto, helper

I64 = TensorProto.INT64


def const(name, values, dims=None, dtype=I64):
    dims = [len(values)] if dims is None else dims
    return helper.make_tensor(name, dtype, dims, values)


def model(nodes, inits=(), shape=(1, 3, 8, 8)):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, list(shape))
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    graph = helper.make_graph(nodes, "hostile", [x], [y], initializer=list(inits))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])


def reshape_then(op_nodes, target, inits=()):
    return model(
        [helper.make_node("Reshape", ["x", "shape"], ["r"])] + op_nodes,
        [const("shape", target)] + list(inits))


CASES = {
    "transpose-repeated-axis": model([helper.make_node("Transpose", ["x"], ["y"], perm=[0, 0, 1, 2])]),
    "transpose-short-perm": model([helper.make_node("Transpose", ["x"], ["y"], perm=[0, 2, 1])]),
    "transpose-batch-moved": model([helper.make_node("Transpose", ["x"], ["y"], perm=[1, 0, 2, 3])]),
    "reshape-rank-nine": reshape_then(
        [helper.make_node("Relu", ["r"], ["y"])], [1, 1, 1, 1, 1, 1, 3, 8, 8]),
    "reshape-rank-ten": reshape_then(
        [helper.make_node("Relu", ["r"], ["y"])], [1, 1, 1, 1, 1, 1, 1, 3, 8, 8]),
    "expand-overflow": model(
        [helper.make_node("Expand", ["x", "s"], ["y"])], [const("s", [1, 3, 2**40, 2**40])]),
    "matmul-overflow": model(
        [helper.make_node("Expand", ["x", "s"], ["e"]),
         helper.make_node("MatMul", ["e", "e"], ["y"])], [const("s", [1, 3, 2**31, 2**31])]),
    "matmul-inner-differs": reshape_then(
        [helper.make_node("MatMul", ["r", "r"], ["y"])], [1, 3, 64]),
    "einsum-three-operands": model(
        [helper.make_node("Einsum", ["x", "x", "x"], ["y"], equation="abcd,abcd,abcd->abcd")]),
    "einsum-ellipsis": model([helper.make_node("Einsum", ["x", "x"], ["y"], equation="...ij,...jk->...ik")]),
    "einsum-trace": model([helper.make_node("Einsum", ["x", "x"], ["y"], equation="abii,abii->abi")]),
    "scatter-out-of-range": model(
        [helper.make_node("ConstantOfShape", ["s"], ["c"]),
         helper.make_node("ScatterND", ["c", "i", "u"], ["d"]),
         helper.make_node("Add", ["x", "d"], ["y"])],
        [const("s", [8]), const("i", [99], [1, 1]),
         const("u", [1.0], [1], TensorProto.FLOAT)]),
    "constant-of-shape-huge": model(
        [helper.make_node("ConstantOfShape", ["s"], ["c"]),
         helper.make_node("Add", ["x", "c"], ["y"])], [const("s", [2**20, 2**20])]),
    "range-huge": model(
        [helper.make_node("Range", ["a", "b", "d"], ["c"]),
         helper.make_node("Reshape", ["x", "c"], ["y"])],
        [const("a", [0], []), const("b", [2**40], []), const("d", [1], [])]),
    "slice-step-zero": model(
        [helper.make_node("Slice", ["x", "s", "e", "a", "st"], ["y"])],
        [const("s", [0]), const("e", [4]), const("a", [2]), const("st", [0])]),
    "slice-step-negative": model(
        [helper.make_node("Slice", ["x", "s", "e", "a", "st"], ["y"])],
        [const("s", [-1]), const("e", [-2**62]), const("a", [2]), const("st", [-1])]),
    "slice-step-int64-min": model(
        [helper.make_node("Slice", ["x", "s", "e", "a", "st"], ["y"])],
        [const("s", [-1]), const("e", [0]), const("a", [2]), const("st", [-2**63])]),
    "slice-batch": model(
        [helper.make_node("Slice", ["x", "s", "e", "a"], ["y"])],
        [const("s", [0]), const("e", [0]), const("a", [0])]),
    "slice-axis-out-of-range": model(
        [helper.make_node("Slice", ["x", "s", "e", "a"], ["y"])],
        [const("s", [0]), const("e", [1]), const("a", [9])]),
    "gather-not-a-run": model(
        [helper.make_node("Gather", ["x", "i"], ["y"], axis=2)], [const("i", [0, 2, 5])]),
    "gather-axis-out-of-rank": model(
        [helper.make_node("Gather", ["x", "i"], ["y"], axis=99)], [const("i", [0])]),
    "gather-out-of-range": model(
        [helper.make_node("Gather", ["x", "i"], ["y"], axis=2)], [const("i", [2**40])]),
    "concat-batch": model([helper.make_node("Concat", ["x", "x"], ["y"], axis=0)]),
    "reduce-batch": model([helper.make_node("ReduceSum", ["x", "a"], ["y"])], [const("a", [0])]),
    "reduce-repeated-axes": model(
        [helper.make_node("ReduceMax", ["x", "a"], ["y"])], [const("a", [1, -3])]),
    "split-sizes-wrong": model(
        [helper.make_node("Split", ["x", "s"], ["y", "z"], axis=2)], [const("s", [3, 9])]),
    "conv1d-kernel-too-long": model(
        [helper.make_node("Reshape", ["x", "s"], ["r"]),
         helper.make_node("Conv", ["r", "w"], ["y"])],
        [const("s", [1, 3, 64]), const("w", [0.0] * 3 * 100, [1, 3, 100], TensorProto.FLOAT)]),
    # The second round's operators: Tile, group and instance norm, constants read as data,
    # functions of constants, GatherND on weights.
    "tile-overflow": model(
        [helper.make_node("Tile", ["x", "r"], ["y"])], [const("r", [1, 2**40, 2**40, 1])]),
    "tile-short-repeats": model([helper.make_node("Tile", ["x", "r"], ["y"])], [const("r", [2, 2])]),
    "tile-zero-repeat": model([helper.make_node("Tile", ["x", "r"], ["y"])], [const("r", [1, 0, 1, 1])]),
    "tile-the-batch": model([helper.make_node("Tile", ["x", "r"], ["y"])], [const("r", [5, 1, 1, 1])]),
    "tile-constant-past-budget": model(
        [helper.make_node("Tile", ["c", "r"], ["t"]),
         helper.make_node("Add", ["x", "t"], ["y"])],
        [const("c", [1.0] * 8, [8], TensorProto.FLOAT), const("r", [2**30])]),
    "groupnorm-groups-not-dividing": model(
        [helper.make_node("GroupNormalization", ["x", "s", "b"], ["y"], num_groups=2)],
        [const("s", [1.0] * 3, [3], TensorProto.FLOAT), const("b", [0.0] * 3, [3], TensorProto.FLOAT)]),
    "groupnorm-zero-groups": model(
        [helper.make_node("GroupNormalization", ["x", "s", "b"], ["y"], num_groups=0)],
        [const("s", [1.0] * 3, [3], TensorProto.FLOAT), const("b", [0.0] * 3, [3], TensorProto.FLOAT)]),
    "instancenorm-rank-nine": reshape_then(
        [helper.make_node("InstanceNormalization", ["r", "s", "b"], ["y"])], [1, 3, 1, 1, 1, 1, 1, 8, 8],
        [const("s", [1.0] * 3, [3], TensorProto.FLOAT), const("b", [0.0] * 3, [3], TensorProto.FLOAT)]),
    "constant-into-conv-overflow": model(
        [helper.make_node("Expand", ["c", "s"], ["e"]),
         helper.make_node("Conv", ["e", "w"], ["y"])],
        [const("c", [1.0], [1, 1, 1, 1], TensorProto.FLOAT), const("s", [1, 1, 2**40, 2**40]),
         const("w", [1.0], [1, 1, 1, 1], TensorProto.FLOAT)]),
    "gathernd-past-the-rank": model(
        [helper.make_node("GatherND", ["w", "i"], ["g"]),
         helper.make_node("Add", ["x", "g"], ["y"])],
        [const("w", [0.5] * 2000, [2000], TensorProto.FLOAT), const("i", [0, 0, 0], [1, 3])]),
    "where-two-computed": model(
        [helper.make_node("Greater", ["x", "z"], ["m"]),
         helper.make_node("Where", ["m", "x", "x"], ["y"])],
        [const("z", [0.0], [1], TensorProto.FLOAT)]),
    "pow-broadcasts-larger": model(
        [helper.make_node("Pow", ["x", "e"], ["y"])],
        [const("e", [2.0] * 64, [2, 1, 8, 4], TensorProto.FLOAT)]),
    "deconv-overflow": model(
        [helper.make_node("ConvTranspose", ["x", "w"], ["y"], strides=[2**31 - 1, 2**31 - 1],
                          output_padding=[2**31 - 1, 2**31 - 1])],
        [const("w", [1.0] * 3 * 9, [3, 1, 3, 3], TensorProto.FLOAT)], shape=(1, 3, 2**20, 2**20)),
    "deconv-pads-everything": model(
        [helper.make_node("ConvTranspose", ["x", "w"], ["y"], pads=[9, 9, 9, 9])],
        [const("w", [1.0] * 3 * 9, [3, 1, 3, 3], TensorProto.FLOAT)]),
    "deconv-output-shape-larger": model(
        [helper.make_node("ConvTranspose", ["x", "w"], ["y"], output_shape=[100, 100])],
        [const("w", [1.0] * 3 * 9, [3, 1, 3, 3], TensorProto.FLOAT)]),
    "deconv-weight-mismatch": model(
        [helper.make_node("ConvTranspose", ["x", "w"], ["y"], group=2)],
        [const("w", [1.0] * 4 * 9, [4, 1, 3, 3], TensorProto.FLOAT)]),
    "deconv-uneven-output-padding": model(
        [helper.make_node("ConvTranspose", ["x", "w"], ["y"], strides=[3, 3], output_padding=[1, 2])],
        [const("w", [1.0] * 3 * 9, [3, 1, 3, 3], TensorProto.FLOAT)]),
    "pad-the-batch": model([helper.make_node("Pad", ["x", "p"], ["y"])], [const("p", [1, 0, 0, 0, 0, 0, 0, 0])]),
    "pad-axes-repeated": model(
        [helper.make_node("Pad", ["x", "p", "", "a"], ["y"])], [const("p", [1, 1, 1, 1]), const("a", [1, 1])]),
    "pad-overflow": reshape_then(
        [helper.make_node("Pad", ["r", "p"], ["y"])], [1, 3, 64],
        [const("p", [0, 0, 0, 0, 0, 2**31 - 1])]),
    "squeeze-everything": model(
        [helper.make_node("ReduceMean", ["x", "a"], ["m"], keepdims=1),
         helper.make_node("Squeeze", ["m"], ["y"])], [const("a", [1, 2, 3])]),
}


# The third round: volumes (N×C×T×H×W) and Lp pooling.
W3 = lambda c_out, c_in, k: const("w", [0.5] * c_out * c_in * k[0] * k[1] * k[2],
                                  [c_out, c_in] + list(k), TensorProto.FLOAT)
VOLUME = (1, 3, 4, 8, 8)
CASES.update({
    "conv3d-deeper-than-clip": model(
        [helper.make_node("Conv", ["x", "w"], ["y"])], [W3(2, 3, (9, 3, 3))], shape=VOLUME),
    "conv3d-huge-stride": model(
        [helper.make_node("Conv", ["x", "w"], ["y"], strides=[2**62, 1, 1], auto_pad="SAME_UPPER")],
        [W3(2, 3, (1, 3, 3))], shape=VOLUME),
    "conv3d-two-strides": model(
        [helper.make_node("Conv", ["x", "w"], ["y"], strides=[1, 1])], [W3(2, 3, (3, 3, 3))],
        shape=VOLUME),
    "conv3d-five-pads": model(
        [helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1, 1])], [W3(2, 3, (3, 3, 3))],
        shape=VOLUME),
    "conv3d-negative-pads": model(
        [helper.make_node("Conv", ["x", "w"], ["y"], pads=[-1, 0, 0, 1, 0, 0])],
        [W3(2, 3, (3, 3, 3))], shape=VOLUME),
    "conv3d-weights-mismatch": model(
        [helper.make_node("Conv", ["x", "w"], ["y"])], [W3(2, 5, (3, 3, 3))], shape=VOLUME),
    "conv3d-huge-clip": model(
        [helper.make_node("Conv", ["x", "w"], ["y"], pads=[2**30, 2**30, 2**30] * 2)],
        [W3(2, 3, (1, 1, 1))], shape=(1, 3, 2**31 - 1, 2**31 - 1, 2**31 - 1)),
    "maxpool3d-deeper-than-clip": model(
        [helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=[5, 2, 2])], shape=VOLUME),
    "maxpool3d-ceil-huge-stride": model(
        [helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=[2, 2, 2], ceil_mode=1,
                          strides=[2**62, 2**62, 2**62])], shape=VOLUME),
    "lppool-p-zero": model(
        [helper.make_node("LpPool", ["x"], ["y"], kernel_shape=[2, 2], p=0)]),
    "lppool-rank-six": model(
        [helper.make_node("LpPool", ["x"], ["y"], kernel_shape=[2, 2, 2, 2])],
        shape=(1, 3, 4, 4, 4, 4)),
    "global-lppool-negative-p": model(
        [helper.make_node("GlobalLpPool", ["x"], ["y"], p=-3)], shape=VOLUME),
    "input-rank-six": model([helper.make_node("Relu", ["x"], ["y"])], shape=(1, 3, 2, 2, 2, 2)),
    # Windows over a merged batch, and a batch moved by Unsqueeze.
    "conv-merged-batch-overflow": model(
        [helper.make_node("Reshape", ["x", "s"], ["r"]),
         helper.make_node("Expand", ["r", "e"], ["x2"]),
         helper.make_node("Conv", ["x2", "w"], ["y"])],
        [const("s", [3, 1, 8, 8]), const("e", [2**40, 1, 8, 8]),
         const("w", [1.0] * 9, [1, 1, 3, 3], TensorProto.FLOAT)]),
    "conv-merged-batch-channels-wrong": model(
        [helper.make_node("Reshape", ["x", "s"], ["r"]),
         helper.make_node("Conv", ["r", "w"], ["y"])],
        [const("s", [3, 1, 8, 8]), const("w", [1.0] * 18, [1, 2, 3, 3], TensorProto.FLOAT)]),
    "unsqueeze-then-concat-mismatch": model(
        [helper.make_node("Flatten", ["x"], ["f"]),
         helper.make_node("Unsqueeze", ["f", "a"], ["u"]),
         helper.make_node("Reshape", ["x", "s"], ["r"]),
         helper.make_node("Concat", ["u", "r"], ["y"], axis=0)],
        [const("a", [0]), const("s", [1, 1, 96, 2])]),
})



def weight(name, dims):
    """An initializer of these dims whose values are not in the file: netcost reads the dims."""
    t = onnx.TensorProto()
    t.name = name
    t.data_type = TensorProto.FLOAT
    t.dims.extend(dims)
    return t


def constant_node(name, values, dtype=I64):
    return helper.make_node("Constant", [], [name], name=name, value=const(name + "_t", values, dtype=dtype))


N = helper.make_node
F = TensorProto.FLOAT

# Tensors that do not fit what they are applied to (the third adversarial review, 2026-12-06):
# each was read with exit 0, most with a wrong count of parameters.
CASES.update({
    "conv-bias-mismatch": model([N("Conv", ["x", "w", "b"], ["y"])], [weight("w", [4, 3, 3, 3]), weight("b", [7])]),
    "gemm-bias-mismatch": model(
        [N("Flatten", ["x"], ["f"]), N("Gemm", ["f", "w", "b"], ["y"], transB=1)],
        [weight("w", [10, 192]), weight("b", [11])]),
    "bn-shape-mismatch": model(
        [N("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"])],
        [weight(n, [5]) for n in "sbmv"]),
    "prelu-slope-mismatch": model([N("PRelu", ["x", "s"], ["y"])], [weight("s", [7, 1, 1])]),
    "layernorm-scale-wrong": model(
        [N("LayerNormalization", ["x", "s"], ["y"], axis=-1)], [weight("s", [9])]),
    "add-broadcast-bad": model([N("Add", ["x", "c"], ["y"])], [weight("c", [5, 8])]),
    "add-broadcast-grow": model([N("Add", ["x", "c"], ["y"])], [weight("c", [2, 1, 1, 1, 1])]),
    "where-bad": model([N("Where", ["c", "x", "x"], ["y"])], [weight("c", [7])]),
    "conv-kshape-mismatch": model(
        [N("Conv", ["x", "w"], ["y"], kernel_shape=[5, 5])], [weight("w", [4, 3, 3, 3])]),
    "conv-weight-computed": model([N("Relu", ["x"], ["w"]), N("Conv", ["x", "w"], ["y"])]),
    "softmax-axis-big": model([N("Softmax", ["x"], ["y"], axis=100)]),
    "reshape-zero-allowzero": model(
        [constant_node("s", [1, 0, -1]), N("Reshape", ["x", "s"], ["y"], allowzero=1)]),
    "resize-both": model(
        [constant_node("sc", [1.0, 1.0, 2.0, 2.0], F), constant_node("s", [1, 3, 16, 16]),
         N("Resize", ["x", "", "sc", "s"], ["y"])]),
    "split-numout-zero": model([N("Split", ["x"], ["y"], axis=1, num_outputs=0)]),
    # Read, not refused: a constant whose extra leading axes are 1 adds no values (a layer
    # scale of 3 values, written [1, 1, 1, 3, 1, 1]).
    "add-leading-ones": model([N("Add", ["x", "c"], ["y"])], [weight("c", [1, 1, 1, 3, 1, 1])]),
    # Read: one slope for every channel (PyTorch's PReLU()) and one per value (Keras's PReLU()).
    "prelu-shared-slope": model([N("PRelu", ["x", "s"], ["y"])], [weight("s", [1])]),
    "prelu-slope-per-value": model([N("PRelu", ["x", "s"], ["y"])], [weight("s", [3, 8, 8])]),
})

def chain_of_transposes(n):
    nodes = []
    previous = "x"
    for i in range(n):
        perm = [0, 1, 3, 2]
        nodes.append(helper.make_node("Transpose", [previous], [f"t{i}"], perm=perm))
        previous = f"t{i}"
    nodes.append(helper.make_node("Relu", [previous], ["y"]))
    return model(nodes)


CASES["transposes-10000"] = chain_of_transposes(10000)

# A valid model (one Relu) with a dangling constant chain just under the folding budget, 15.8 M
# values, some 0.1 s at each import: `fit` and sweeps build it again at every point.
CASES["folding-side-chain"] = model(
    [helper.make_node("ConstantOfShape", ["n"], ["c"],
                      value=helper.make_tensor("v", TensorProto.FLOAT, [1], [1.0])),
     helper.make_node("Neg", ["c"], ["c2"]),
     helper.make_node("Relu", ["x"], ["y"])],
    [const("n", [7_900_000])], shape=(1, 3, 224, 224))

# The second review of 2026-12-07: folding a constant of no values but 2⁶² positions before its
# empty axis looped over them (a 146-byte file that never ended); equal channel parts were
# checked again for each part (99,000 parts: 95 s).
def empty_constant(dims):
    return helper.make_node(
        "Constant", [], ["e"], value=helper.make_tensor("v", TensorProto.FLOAT, dims, b"", raw=True))


CASES.update({
    "empty-constant-huge": model(
        [empty_constant([2**62, 0]), N("Concat", ["e", "e"], ["j"], axis=1),
         N("Relu", ["x"], ["y"])]),
    "empty-constant-wide": model(
        [empty_constant([2**31 - 1, 0]), N("Concat", ["e", "e"], ["j"], axis=1),
         N("Relu", ["x"], ["y"])]),
    "split-many-channels": model(
        [N("Split", ["x"], [f"p{i}" for i in range(3000)], axis=1, num_outputs=3000)],
        shape=(1, 3000, 1, 1)),
})

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    for name, m in CASES.items():
        path = os.path.join(out, f"hostile-onnx-tensor-{name}.onnx")
        onnx.save(m, path)
        print(path, os.path.getsize(path))
