/// What a layer computes, with every hyper-parameter evaluated to a number.
///
/// Shapes and costs are in `Operation+Shape.swift` and `Operation+Cost.swift`, one small case each.
///
/// The cases with large values are `indirect`: boxed, so an operation is a few words and a
/// layer's row shares its layer's box (a million-layer network holds each once, issue 25).
public enum Operation: Hashable, Sendable {
  /// Every convolution: standard, grouped, depthwise (groups = input channels) and pointwise
  /// (kernel 1). One formula covers them all, as the MobileNet paper's F²K²NM does.
  indirect case convolution(Convolution)
  /// A transposed convolution (PyTorch's ConvTranspose2d, Caffe's Deconvolution): each input
  /// value scatters the kernel over the output, `stride` apart; `padding` cuts the output's
  /// borders and `outputPadding` adds rows and columns at its end. Its weights are
  /// C_in × C_out/g × k_h × k_w, each applied at every input position.
  indirect case transposedConvolution(Convolution, outputPadding: Int)
  /// Fully connected. `flattens`: the whole input is flattened first, as Caffe's InnerProduct
  /// does; otherwise the layer maps the channels at every position (Keras's Dense on a map).
  case dense(units: Int, bias: Bool, flattens: Bool)
  indirect case pooling(Pooling)
  /// Averages (or takes the maximum of) each channel's whole map: `H×W×C → 1×1×C`.
  case globalPooling(Pooling.Mode)
  /// Average pooling to a `size` × `size` map whatever the input (PyTorch's AdaptiveAvgPool2d):
  /// window i spans ⌊i·in/size⌋ to ⌈(i+1)·in/size⌉.
  case adaptivePooling(size: Int)
  indirect case batchNorm(BatchNorm)
  /// Zeros added around the map (Keras ZeroPadding2D), possibly more on one side than the other.
  indirect case pad(Insets)
  /// Values added before and after one axis of a tensor of any rank (`F.pad(x, (0, 1))` on the
  /// last axis, ONNX's Pad off the spatial axes): a copy, nothing computed.
  indirect case padAxis(axis: Int, before: Int, after: Int)
  /// Rows and columns cut off the map's sides (Keras Cropping2D): a slice, nothing computed.
  indirect case crop(Insets)
  /// Layer normalization over the channels at each position, with a learned scale (and offset when
  /// `bias`) per channel (ConvNeXt; ONNX's LayerNormalization over the last axis).
  case layerNorm(bias: Bool)
  /// Normalization of `groups` groups of channels, each over its channels at every position,
  /// with a learned scale and offset per channel when `affine` (PyTorch's GroupNorm; instance
  /// norm when every channel is a group, ONNX's InstanceNormalization).
  case groupNorm(groups: Int, affine: Bool)
  /// Every value times a constant plus a constant, none of them learned (Keras's Rescaling, and
  /// its Normalization given a mean and variance).
  case rescale
  /// A per-channel factor, plus a per-channel offset when `bias`: batch norm's γ and β when `norm`
  /// (Caffe's Scale layer), else a factor of its own (ConvNeXt's layer scale).
  case scale(bias: Bool, norm: Bool = true)
  /// A leaky ReLU whose slope is learned, one per channel (Caffe's PReLU).
  case parametricReLU
  /// Changes the shape, keeping the values (Keras's Reshape).
  indirect case reshape(Shape)
  /// Scales the map to `height` × `width` by interpolation, keeping the channels (ONNX's Resize
  /// and Upsample): no multiply-accumulates, as the papers count.
  case resize(height: Int, width: Int)
  case activation(Activation)
  case localResponseNorm(size: Int)
  case dropout(rate: Double)
  case flatten
  /// ShuffleNet's channel shuffle: a permutation, so the shape stays and nothing is computed.
  case channelShuffle(groups: Int)
  /// ShuffleNet v2's channel split: slice `part` (from 1) of `parts` equal slices.
  case channelSplit(parts: Int, part: Int)
  /// Joins its inputs along `axis` (from 0, negative from the last: −1, the channels, is the
  /// spec language's default); their other dims must agree.
  case concat(axis: Int)
  /// Adds its inputs elementwise, broadcast as NumPy and PyTorch broadcast (dims aligned from the
  /// last; a 1 stretches).
  case add
  /// The elementwise maximum of its inputs (Caffe's Eltwise MAX), broadcast as `add`.
  case maximum
  /// Multiplies its inputs elementwise, broadcast as `add`: squeeze-and-excite's 1×1×C scale
  /// stretches over the height and width.
  case multiply
  /// The product of two computed tensors (attention's Q·Kᵀ and A·V, bilinear pooling):
  /// `[…, M, K] · […, K, N] → […, M, N]`, the axes before the last two broadcast. `transposed`
  /// multiplies by the second's transpose over its last two axes (Q·Kᵀ). Its multiply-accumulates
  /// are not a weight's: they are counted apart (`Cost.activationMatmulMacs`).
  case matmul(transposed: Bool)
  /// The axes in another order: output axis i is input axis `perm[i]` (negative from the last).
  case transpose([Int])
  /// Some axes reduced to one value each (a mean, a sum, a maximum…).
  indirect case reduce(Reduction)
  /// A part of one axis: from `start` up to `end` by `step`.
  indirect case slice(Slice)
  /// The input repeated to a larger shape it broadcasts to (ONNX's Expand): a copy, no
  /// arithmetic.
  indirect case expand(Shape)
  /// The input repeated along each axis (ONNX's Tile, `Tensor.repeat`): axis i `repeats[i]`
  /// times. A copy, no arithmetic.
  case tile([Int])
  /// A tensor the model holds rather than computes, read as data (a fixed position encoding, a
  /// buffer of relative positions a linear layer maps): its input only places it in the graph.
  indirect case constant(Shape)
  /// Attention's relative position bias (Swin, MaxViT): one learned value per head and relative
  /// offset within a `window` × `window` window, added to the scores `[…, heads, w², w²]`; with
  /// `mlp` > 0, Swin V2's continuous bias, computed from the offsets by a 2 → mlp → heads MLP
  /// (`Operation+PositionBias.swift`).
  case positionBias(window: Int, mlp: Int)
}

/// What a `reduce` computes over its axes; none of them is a multiply-accumulate.
public struct Reduction: Hashable, Sendable {
  public enum Mode: String, CaseIterable, Sendable {
    case mean, sum, max, min, product, l1, l2, logsum, logsumexp, sumsquare
  }

  public var mode: Mode
  /// Axes from 0, negative from the last; none means every axis.
  public var axes: [Int]
  /// Whether reduced axes stay, as 1 (`keepdim=True`).
  public var keepsAxes: Bool

  public init(mode: Mode, axes: [Int], keepsAxes: Bool) {
    self.mode = mode
    self.axes = axes
    self.keepsAxes = keepsAxes
  }
}

/// Part of one axis, as Python slices it: `start..<end` by `step`, clamped to the axis.
public struct Slice: Hashable, Sendable {
  public var axis: Int
  public var start: Int
  public var end: Int
  public var step: Int

  public init(axis: Int, start: Int, end: Int, step: Int = 1) {
    self.axis = axis
    self.start = start
    self.end = end
    self.step = step
  }
}

/// A height and a width: a kernel, a stride, a dilation or a padding. Most are square, and a square
/// one is written as one number (`3`), as the papers write it; `1×7` otherwise. A window that also
/// slides over a volume's depth (PyTorch's Conv3d, D×H×W×C) has a `depth`, written first
/// (`3×3×3`); one without slides over height and width alone, on every frame of a volume.
public struct Extent: Hashable, Sendable, CustomStringConvertible {
  public var height: Int
  public var width: Int
  /// The side along a volume's depth; nil when the window has none (a map's window, or a 2-D
  /// window run on each frame of a volume: a kernel and stride of 1 and a padding of 0 there).
  public var depth: Int?

  public init(_ height: Int, _ width: Int, depth: Int? = nil) {
    self.height = height
    self.width = width
    self.depth = depth
  }

  public static func square(_ size: Int) -> Extent { Extent(size, size) }

  public var isSquare: Bool { height == width && depth == nil }

  /// Every side 1: a stride or a dilation that changes nothing.
  public var isUnit: Bool { height == 1 && width == 1 && depth(absent: 1) == 1 }

  /// The depth a volume's window spans: `absent` (1 for a kernel, stride or dilation, 0 for a
  /// padding) when the extent has none.
  public func depth(absent: Int) -> Int { depth ?? absent }

  /// One number when every side is equal (`3`: 3×3, or 3×3×3 for a window over depth), as
  /// papers write a stride; each side otherwise.
  public var description: String {
    var bytes: [UInt8] = []
    appendDescription(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `description`'s bytes appended to `bytes`.
  public func appendDescription(to bytes: inout [UInt8]) {
    if height == width && depth(absent: height) == height {
      NumberFormat.appendInteger(height, to: &bytes)
    } else {
      appendWindow(to: &bytes)
    }
  }

  /// The window's sides, `3×3`, `1×7` or `3×3×3`, as tables label a kernel.
  public var window: String {
    var bytes: [UInt8] = []
    appendWindow(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `window`'s bytes appended to `bytes`: a million-row table labels a window per row.
  public func appendWindow(to bytes: inout [UInt8]) {
    if let depth {
      NumberFormat.appendInteger(depth, to: &bytes)
      bytes.appendTimes()
    }
    NumberFormat.appendInteger(height, to: &bytes)
    bytes.appendTimes()
    NumberFormat.appendInteger(width, to: &bytes)
  }
}

extension Extent: ExpressibleByIntegerLiteral {
  /// `3` is the square 3×3, as the papers write a kernel.
  public init(integerLiteral size: Int) { self.init(size, size) }
}

/// Zeros on each side of a map, which may differ (`((1, 0), (1, 0))` pads the top and left only).
public struct Insets: Hashable, Sendable {
  public var top: Int
  public var bottom: Int
  public var left: Int
  public var right: Int

  public init(top: Int, bottom: Int, left: Int, right: Int) {
    self.top = top
    self.bottom = bottom
    self.left = left
    self.right = right
  }
}

public enum Padding: Hashable, Sendable, CustomStringConvertible {
  /// The same number of zeros above and below (`height`) and left and right (`width`).
  case explicit(Extent)
  /// TensorFlow's `same`: output = ⌈input / stride⌉.
  case same
  /// TensorFlow's `valid`: no padding.
  case valid

  public var description: String {
    switch self {
    case .explicit(let p): p.description
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
  public var kernel: Extent
  public var stride: Extent
  public var padding: Padding
  public var dilation: Extent
  public var groups: Groups
  public var bias: Bool

  package init(
    filters: Filters, kernel: Extent, stride: Extent, padding: Padding,
    dilation: Extent, groups: Groups, bias: Bool
  ) {
    self.filters = filters
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.dilation = dilation
    self.groups = groups
    self.bias = bias
  }
}

public struct Pooling: Hashable, Sendable {
  public enum Mode: String, Hashable, Sendable {
    case max
    case average
  }
  public var mode: Mode
  public var kernel: Extent
  public var stride: Extent
  public var padding: Padding
  /// Caffe's rounding: the output size is rounded up, so a partial window at the edge counts.
  public var ceilMode: Bool
  /// Lp pooling's p, with mode `average`: (Σ xᵖ)^(1/p) over each window, which PyTorch computes
  /// as the average of the p-th powers times the window's size (`F.lp_pool2d`). Nil otherwise.
  public var power: Int?

  package init(
    mode: Mode, kernel: Extent, stride: Extent, padding: Padding, ceilMode: Bool,
    power: Int? = nil
  ) {
    self.mode = mode
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.ceilMode = ceilMode
    self.power = power
  }
}

/// Which of batch norm's per-channel vectors a layer keeps. Keras keeps γ (`scale`), β (`center`),
/// the moving mean and variance; Caffe's BatchNorm keeps the two statistics and one scalar, the
/// moving-average factor (`factor`), and puts γ and β in a Scale layer after it.
public struct BatchNorm: Hashable, Sendable {
  public var scale: Bool
  public var center: Bool
  public var factor: Bool

  public init(scale: Bool = true, center: Bool = true, factor: Bool = false) {
    self.scale = scale
    self.center = center
    self.factor = factor
  }
}

public enum Activation: String, Hashable, Sendable, CaseIterable {
  case relu, relu6, leakyrelu, sigmoid, tanh, softmax, hsigmoid, hswish, swish, gelu
  case mish, softplus, elu
  /// Any other elementwise function of one tensor (a square root, an exponential, a clamp to
  /// other bounds, a comparison with a constant): no multiply-accumulate, as for activations.
  case math
}
