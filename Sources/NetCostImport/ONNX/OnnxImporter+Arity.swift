/// How many inputs each operator takes, as the ONNX operator specs define them (opset 11 on):
/// the inputs it requires, which must be named, and the most it may have (optional ones given
/// as empty names count). A node outside these is refused before it is folded or read: a
/// constant `Gather` of one input crashed the folding, and a `Relu` of two, a `Conv` of four
/// were read as if their extra inputs were not there (issue 25).
extension OnnxImporter {
  struct Arity {
    var required: Int
    var most: Int
    init(_ required: Int, _ most: Int) { (self.required, self.most) = (required, most) }
    static let unary = Arity(1, 1)
    static let binary = Arity(2, 2)
    static let variadic = Arity(1, Int.max)
  }

  static let arities: [String: Arity] = {
    var table: [String: Arity] = [
      "Conv": Arity(2, 3), "ConvTranspose": Arity(2, 3), "Gemm": Arity(2, 3), "MatMul": .binary,
      "Clip": Arity(1, 3), "PRelu": .binary, "Concat": .variadic, "Split": Arity(1, 2),
      "Slice": Arity(3, 5), "Reshape": .binary, "Squeeze": Arity(1, 2), "Unsqueeze": Arity(1, 2),
      "Dropout": Arity(1, 3), "BatchNormalization": Arity(5, 5),
      "LayerNormalization": Arity(2, 3), "InstanceNormalization": Arity(3, 3),
      "GroupNormalization": Arity(3, 3), "Constant": Arity(0, 0), "Pad": Arity(2, 4),
      "Gather": .binary, "Resize": Arity(1, 4), "Upsample": .binary, "Expand": .binary,
      "Tile": .binary, "Einsum": .variadic, "RandomUniform": Arity(0, 0),
      "RandomNormal": Arity(0, 0), "Range": Arity(3, 3), "ScatterND": Arity(3, 3),
      "CumSum": .binary, "Where": Arity(3, 3), "Min": .variadic, "Max": .variadic,
    ]
    for op in [
      "Add", "Sub", "Mul", "Div", "Pow", "Mod", "BitShift", "And", "Or", "Xor", "Equal", "Less",
      "Greater", "LessOrEqual", "GreaterOrEqual",
    ] {
      table[op] = .binary
    }
    for op in [
      "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool",
      "Relu", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Gelu", "Mish",
      "Softplus", "Elu", "Erf", "Softmax", "LogSoftmax", "Flatten", "Transpose", "Identity",
      "Cast", "Shape", "DepthToSpace", "SpaceToDepth", "RandomUniformLike", "RandomNormalLike",
      "Bernoulli", "ConstantOfShape", "Sqrt", "Exp", "Log", "Neg", "Abs", "Reciprocal", "Sin",
      "Cos", "Tan", "Floor", "Ceil", "Round", "Sign", "Not", "IsNaN", "IsInf", "Selu", "Celu",
      "ThresholdedRelu", "Softsign", "Shrink",
    ] {
      table[op] = .unary
    }
    for op in [
      "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
      "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare",
    ] {
      table[op] = Arity(1, 2)
    }
    return table
  }()

  /// The node's inputs against its operator's arity; an operator not listed is left to the
  /// reader that knows it (or to the message that netcost does not model it).
  func checkArity(_ node: OnnxNode, _ index: Int) throws(Failure) {
    guard let arity = Self.arities[node.opType] else { return }
    if node.inputs.count > arity.most {
      let most = arity.most == 1 ? "1 input" : "\(arity.most) inputs"
      throw fail(
        node, index, "has \(node.inputs.count) inputs; ONNX's \(node.opType) takes at most \(most)")
    }
    for i in 0..<arity.required where i >= node.inputs.count || node.inputs[i].isEmpty {
      throw missingInput(node, index, i)
    }
  }
}
