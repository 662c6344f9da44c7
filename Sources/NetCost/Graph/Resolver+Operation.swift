/// Maps a kind and its checked key values to an `Operation`.
extension Resolver {
  static func operation(_ kind: LayerKind, _ values: KeyValues) -> Operation {
    func int(_ key: String) -> Int {
      if case .integer(let n)? = values[key] { return n }
      return 1  // Unreachable: the resolver filled every key from the schema.
    }
    func bool(_ key: String) -> Bool {
      if case .boolean(let b)? = values[key] { return b }
      return false
    }
    func padding() -> Padding {
      if case .padding(let p)? = values["padding"] { return p }
      return .explicit(0)
    }
    func pooling(_ mode: Pooling.Mode) -> Operation {
      .pooling(
        Pooling(
          mode: mode, kernel: int("kernel"), stride: int("stride"), padding: padding(),
          ceilMode: bool("ceil")))
    }
    switch kind {
    case .conv:
      return .convolution(
        Convolution(
          filters: .count(int("filters")), kernel: int("kernel"),
          stride: int("stride"), padding: padding(), dilation: int("dilation"),
          groups: .count(int("groups")), bias: bool("bias")))
    case .dwconv:
      return .convolution(
        Convolution(
          filters: .perInputChannel(int("multiplier")),
          kernel: int("kernel"), stride: int("stride"), padding: padding(),
          dilation: int("dilation"), groups: .depthwise, bias: bool("bias")))
    case .pwconv:
      return .convolution(
        Convolution(
          filters: .count(int("filters")), kernel: 1,
          stride: int("stride"), padding: .explicit(0), dilation: 1,
          groups: .count(int("groups")), bias: bool("bias")))
    case .fc: return .dense(units: int("units"), bias: bool("bias"))
    case .maxpool: return pooling(.max)
    case .avgpool: return pooling(.average)
    case .globalavgpool: return .globalPooling(.average)
    case .globalmaxpool: return .globalPooling(.max)
    case .bn: return .batchNorm
    case .lrn: return .localResponseNorm(size: int("size"))
    case .dropout:
      if case .number(let rate)? = values["rate"] { return .dropout(rate: rate) }
      return .dropout(rate: 0.5)
    case .flatten: return .flatten
    case .shuffle: return .channelShuffle(groups: int("groups"))
    case .split: return .channelSplit(parts: int("parts"), part: int("part"))
    case .multiply: return .multiply
    case .concat: return .concat
    case .add: return .add
    case .relu: return .activation(.relu)
    case .relu6: return .activation(.relu6)
    case .leakyrelu: return .activation(.leakyrelu)
    case .sigmoid: return .activation(.sigmoid)
    case .tanh: return .activation(.tanh)
    case .softmax: return .activation(.softmax)
    case .hsigmoid: return .activation(.hsigmoid)
    case .hswish: return .activation(.hswish)
    case .swish: return .activation(.swish)
    }
  }
}
