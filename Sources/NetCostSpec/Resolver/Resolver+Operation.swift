import NetCostCore

/// Maps a kind and its checked key values to an `Operation`.
extension Resolver {
  static func operation(_ kind: LayerKind, _ values: KeyValues) -> Operation {
    func int(_ key: String) -> Int {
      if case .integer(let n)? = values[key] { return n }
      return 1  // Unreachable: the resolver filled every key from the schema.
    }
    func extent(_ key: String) -> Extent {
      switch values[key] {
      case .extent(let e)?: return e
      case .integer(let n)?: return .square(n)  // A default, or a key defaulting to another.
      default: return .square(1)
      }
    }
    func ints(_ key: String) -> [Int] {
      if case .integers(let n)? = values[key] { return n }
      return []  // Unreachable: the key is required.
    }
    func bool(_ key: String) -> Bool {
      if case .boolean(let b)? = values[key] { return b }
      return false
    }
    func padding() -> Padding {
      if case .padding(let p)? = values["padding"] {
        if case .explicit(let e) = p { return .explicit(cube(e)) }
        return p
      }
      return .explicit(cube(.square(0)))
    }
    // With a window over depth (a kernel of three sizes), one number is every side's, as
    // PyTorch's Conv3d(k=3, s=2, p=1): a stride, dilation or padding of depth too.
    let windowHasDepth = extent("kernel").depth != nil
    func cube(_ e: Extent) -> Extent {
      guard e.depth == nil, e.isSquare, windowHasDepth else { return e }
      return Extent(e.height, e.width, depth: e.height)
    }
    func pooling(_ mode: Pooling.Mode, power: Int? = nil) -> Operation {
      .pooling(
        Pooling(
          mode: mode, kernel: extent("kernel"), stride: cube(extent("stride")),
          padding: padding(), ceilMode: bool("ceil"), power: power))
    }
    switch kind {
    case .conv:
      return .convolution(
        Convolution(
          filters: .count(int("filters")), kernel: extent("kernel"),
          stride: cube(extent("stride")), padding: padding(), dilation: cube(extent("dilation")),
          groups: .count(int("groups")), bias: bool("bias")))
    case .deconv:
      return .transposedConvolution(
        Convolution(
          filters: .count(int("filters")), kernel: extent("kernel"),
          stride: cube(extent("stride")), padding: padding(), dilation: cube(extent("dilation")),
          groups: .count(int("groups")), bias: bool("bias")),
        outputPadding: int("output_padding"))
    case .dwconv:
      return .convolution(
        Convolution(
          filters: .perInputChannel(int("multiplier")),
          kernel: extent("kernel"), stride: cube(extent("stride")), padding: padding(),
          dilation: cube(extent("dilation")), groups: .depthwise, bias: bool("bias")))
    case .pwconv:
      return .convolution(
        Convolution(
          filters: .count(int("filters")), kernel: .square(1),
          stride: extent("stride"), padding: .explicit(.square(0)), dilation: .square(1),
          groups: .count(int("groups")), bias: bool("bias")))
    case .fc: return .dense(units: int("units"), bias: bool("bias"), flattens: bool("flatten"))
    case .maxpool: return pooling(.max)
    case .avgpool: return pooling(.average)
    case .lppool: return pooling(.average, power: int("p"))
    case .globalavgpool: return .globalPooling(.average)
    case .adaptiveavgpool: return .adaptivePooling(size: int("size"))
    case .globalmaxpool: return .globalPooling(.max)
    case .bn:
      return .batchNorm(
        BatchNorm(scale: bool("scale"), center: bool("center"), factor: bool("factor")))
    case .scale: return .scale(bias: bool("bias"), norm: bool("norm"))
    case .layernorm: return .layerNorm(bias: bool("bias"))
    case .groupnorm: return .groupNorm(groups: int("groups"), affine: bool("affine"))
    case .rescale: return .rescale
    case .reshape:
      if case .integers(let dims)? = values["dims"], let shape = Shape(dims: dims) {
        return .reshape(shape)
      }
      return .reshape(Shape(int("height"), int("width"), int("channels")))
    case .resize: return .resize(height: int("height"), width: int("width"))
    case .pad where values["axis"] != nil:
      return .padAxis(axis: int("axis"), before: int("before"), after: int("after"))
    case .pad:
      return .pad(
        Insets(top: int("top"), bottom: int("bottom"), left: int("left"), right: int("right")))
    case .crop:
      return .crop(
        Insets(top: int("top"), bottom: int("bottom"), left: int("left"), right: int("right")))
    case .max: return .maximum
    case .prelu: return .parametricReLU
    case .lrn: return .localResponseNorm(size: int("size"))
    case .dropout:
      if case .number(let rate)? = values["rate"] { return .dropout(rate: rate) }
      return .dropout(rate: 0.5)
    case .flatten: return .flatten
    case .shuffle: return .channelShuffle(groups: int("groups"))
    case .split: return .channelSplit(parts: int("parts"), part: int("part"))
    case .multiply: return .multiply
    case .concat: return .concat(axis: int("axis"))
    case .matmul: return .matmul(transposed: bool("transposed"))
    case .transpose: return .transpose(ints("perm"))
    case .reduce:
      var mode = Reduction.Mode.mean
      if case .reduction(let m)? = values["op"] { mode = m }
      return .reduce(Reduction(mode: mode, axes: ints("axes"), keepsAxes: bool("keepdims")))
    case .slice:
      return .slice(
        Slice(axis: int("axis"), start: int("start"), end: int("end"), step: int("step")))
    case .expand:
      // One to eight sizes, each ≥ 1: the resolver checked the list.
      // Three sizes are a map, as an input's are (ECA's attention expanded over H×W×C).
      guard let dims = Shape(dims: ints("dims"), layout: .map) else {
        return .expand(Shape(1, 1, 1))
      }
      return .expand(dims)
    case .tile: return .tile(ints("repeats"))
    case .constant:
      // One to eight sizes, each ≥ 1 (the resolver checked the list); three are a map.
      let dims = ints("dims")
      return .constant(
        Shape(dims: dims, layout: dims.count == 3 ? .map : .plain) ?? Shape(1, 1, 1))
    case .add: return .add
    case .posbias: return .positionBias(window: int("window"), mlp: int("mlp"))
    case .relu: return .activation(.relu)
    case .relu6: return .activation(.relu6)
    case .leakyrelu: return .activation(.leakyrelu)
    case .sigmoid: return .activation(.sigmoid)
    case .tanh: return .activation(.tanh)
    case .softmax: return .activation(.softmax)
    case .hsigmoid: return .activation(.hsigmoid)
    case .hswish: return .activation(.hswish)
    case .swish: return .activation(.swish)
    case .gelu: return .activation(.gelu)
    case .mish: return .activation(.mish)
    case .softplus: return .activation(.softplus)
    case .elu: return .activation(.elu)
    case .math: return .activation(.math)
    }
  }
}
