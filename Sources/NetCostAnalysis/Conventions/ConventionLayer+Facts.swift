import NetCostCore

/// What the rules read of a layer: its values, its bias, its norm, its pooling; and the kinds
/// some rules single out.
extension ConventionLayer {
  func outputValues() throws(LayerError) -> Int {
    guard let values = output.elementCount else { throw .overflow }
    return values
  }

  func inputValues() throws(LayerError) -> Int {
    guard let input = inputs.first else { return 0 }
    guard let values = input.elementCount else { throw .overflow }
    return values
  }

  /// Output values of a convolution (transposed too, unless `transposed` is false) that has a
  /// bias: its bias additions.
  func convBias(transposed: Bool = true) throws(LayerError) -> Int? {
    switch operation {
    case .convolution(let conv) where conv.bias: return try outputValues()
    case .transposedConvolution(let conv, _) where conv.bias && transposed:
      return try outputValues()
    default: return nil
    }
  }

  /// A fully connected layer's units, when it has a bias and the reference runs it apart.
  var fcBias: (units: Int, positions: Int)? {
    guard case .dense(let units, true, let flattens) = operation, call != .absent,
      call != .fastpath
    else {
      return nil
    }
    return (units, flattens ? 1 : output.positions ?? 0)
  }

  /// A fully connected layer's bias when a module hook sees it (not in `F.linear`).
  var hookedFCBias: (units: Int, positions: Int)? {
    call == .functional ? nil : fcBias
  }

  /// A bias's additions at every position: a fully connected layer's (`hooked`: only when a
  /// module hook sees it), or the first Linear's of Swin V2's position-bias MLP.
  func fcBiasPerPosition(hooked: Bool) throws(LayerError) -> Int? {
    if let hidden = try positionBiasHidden() { return hidden }
    guard let bias = hooked ? hookedFCBias : fcBias else { return nil }
    return try product([bias.units, bias.positions])
  }

  /// A group (or instance) norm PyTorch runs.
  var groupNorm: (groups: Int, affine: Bool)? {
    guard case .groupNorm(let groups, let affine) = operation, call != .absent else { return nil }
    return (groups, affine)
  }

  var batchNorm: BatchNorm? {
    if case .batchNorm(let bn) = operation, call != .absent { bn } else { nil }
  }

  var isPooling: Bool {
    switch operation {
    case .pooling, .globalPooling, .adaptivePooling: true
    default: false
    }
  }

  var isAdaptiveAverage: Bool {
    switch operation {
    case .globalPooling(.average), .adaptivePooling: true
    default: false
    }
  }
}

/// The kinds some rules single out, made once: a rule's term runs for every layer of every
/// analysis under its convention (a million layers in the largest spec).
enum Kinds {
  /// ptflops' functions patched inside hooked modules (pytorch_engine.py patch_functional).
  static let ptflopsPatched: Set<LayerKind> = [
    .relu, .prelu, .elu, .gelu, .swish, .softmax, .maxpool, .avgpool, .globalavgpool,
    .globalmaxpool,
    .adaptiveavgpool,
  ]
  /// ptflops' FUNCTIONAL_MAPPING (pytorch_ops.py).
  static let ptflopsFunctional: Set<LayerKind> = [
    .relu, .relu6, .prelu, .elu, .gelu, .swish, .softmax, .maxpool, .avgpool, .globalavgpool,
    .globalmaxpool, .adaptiveavgpool,
  ]
  /// calflops' patched activations (pytorch_ops.py).
  static let calflopsPatched: Set<LayerKind> = [
    .relu, .prelu, .elu, .leakyrelu, .swish, .gelu, .softmax,
  ]
}
