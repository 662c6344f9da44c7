/// What a layer computes, with every hyper-parameter evaluated to a number.
///
/// Shapes and costs are in `Operation+Shape.swift` and `Operation+Cost.swift`, one small case each.
public enum Operation: Hashable, Sendable {
  /// Every convolution: standard, grouped, depthwise (groups = input channels) and pointwise
  /// (kernel 1). One formula covers them all, as the MobileNet paper's F²K²NM does.
  case convolution(Convolution)
  /// Fully connected; flattens its input first, as Caffe's InnerProduct does.
  case dense(units: Int, bias: Bool)
  case pooling(Pooling)
  /// Averages (or takes the maximum of) each channel's whole map: `H×W×C → 1×1×C`.
  case globalPooling(Pooling.Mode)
  case batchNorm
  case activation(Activation)
  case localResponseNorm(size: Int)
  case dropout(rate: Double)
  case flatten
  /// ShuffleNet's channel shuffle: a permutation, so the shape stays and nothing is computed.
  case channelShuffle(groups: Int)
  /// ShuffleNet v2's channel split: slice `part` (from 1) of `parts` equal slices.
  case channelSplit(parts: Int, part: Int)
  /// Joins its inputs along the channel axis; their heights and widths must agree.
  case concat
  /// Adds its inputs elementwise; their shapes must agree.
  case add
  /// Multiplies its first input elementwise by the others, each of its shape or 1×1×C
  /// (squeeze-and-excite's channel scale, broadcast over height and width).
  case multiply
}

public enum Padding: Hashable, Sendable, CustomStringConvertible {
  /// The same number of zeros on every side.
  case explicit(Int)
  /// TensorFlow's `same`: output = ⌈input / stride⌉.
  case same
  /// TensorFlow's `valid`: no padding.
  case valid

  public var description: String {
    switch self {
    case .explicit(let p): "\(p)"
    case .same: "same"
    case .valid: "valid"
    }
  }
}

public struct Convolution: Hashable, Sendable {
  public enum Filters: Hashable, Sendable {
    case count(Int)
    /// Depthwise: `multiplier` filters per input channel.
    case perInputChannel(Int)
  }
  public enum Groups: Hashable, Sendable {
    case count(Int)
    /// One group per input channel.
    case depthwise
  }
  public var filters: Filters
  public var kernel: Int
  public var stride: Int
  public var padding: Padding
  public var dilation: Int
  public var groups: Groups
  public var bias: Bool
}

public struct Pooling: Hashable, Sendable {
  public enum Mode: String, Hashable, Sendable {
    case max
    case average
  }
  public var mode: Mode
  public var kernel: Int
  public var stride: Int
  public var padding: Padding
  /// Caffe's rounding: the output size is rounded up, so a partial window at the edge counts.
  public var ceilMode: Bool
}

public enum Activation: String, Hashable, Sendable, CaseIterable {
  case relu, relu6, leakyrelu, sigmoid, tanh, softmax, hsigmoid, hswish, swish
}
