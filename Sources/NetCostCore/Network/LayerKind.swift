/// The schema of the spec language's layers: each kind's spelling, keys, defaults and meaning.
///
/// This is the one place that says which keys a kind takes (Caffe's `caffe.proto` plays this role):
/// the resolver validates against it, "did you mean" draws on it, and a test keeps
/// `docs/spec-language.md` in step with it.
public enum LayerKind: String, CaseIterable, Sendable {
  /// The kind a spec names, looked up by hash: a million-layer spec names a kind a million times.
  package static func named(_ name: String) -> LayerKind? { byName[name] }
  private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

  /// The kind's place in `allCases`, for tables kept in arrays: the byte a case-only enum is
  /// stored as, which numbers its cases in declaration order, as `allCases` lists them (a test
  /// checks every kind). Every layer asks, by name and for its keys: a search of `allCases`
  /// or a hash of the spelling would cost each a few hundred instructions.
  package var ordinal: Int { withUnsafeBytes(of: self) { Int($0[0]) } }

  /// Hashed by place, not by spelling (a raw-valued enum hashes its string).
  public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

  case conv, dwconv, pwconv, deconv, fc
  case maxpool, avgpool, lppool, globalavgpool, globalmaxpool, adaptiveavgpool
  case bn, layernorm, groupnorm, scale, rescale, lrn, dropout, flatten, reshape, resize, pad, crop,
    shuffle
  case split
  case concat, add, multiply, max, matmul
  case transpose, reduce, slice, expand, tile, constant
  case posbias
  case relu, relu6, leakyrelu, prelu, sigmoid, tanh, softmax, hsigmoid, hswish, swish, gelu
  case mish, softplus, elu, math

  /// What a key's value must be.
  public enum ValueType: String, Sendable {
    case positiveInteger = "integer ≥ 1"
    /// A height and a width: `3` (square) or `1 x 7`; or a volume's `3 x 3 x 3`, depth first.
    case extent = "integer ≥ 1, height x width, or depth x height x width"
    case nonNegativeInteger = "integer ≥ 0"
    case padding = "integer ≥ 0 (or height x width, or depth x height x width), same or valid"
    case boolean = "true or false"
    case probability = "number in [0, 1)"
    case layer = "layer name"
    case layers = "list of layer names"
    case torchCall = "module, functional, tensor, custom, fused, fastpath, einsum or absent"
    /// Axes of the input, the batch left out, each as `axis`.
    case axes = "list of axes: integers from 0, or from the last when negative"
    case sizes = "list of integers ≥ 1"
    /// An axis of the input, the batch left out: −1 is the last (the channels).
    case axis = "integer: an axis from 0, or from the last when negative (−1)"
    case reduction = "mean, sum, max, min, product, l1, l2, logsum, logsumexp or sumsquare"
  }

  /// The value a key takes when the spec leaves it out.
  public enum Default: Sendable, Equatable {
    case required
    /// Required unless the other key (an alternative way to say the same) is given.
    case requiredWithout(String)
    /// The number, unless the other key (another form of the layer) is given; both given is an
    /// error (a pad's `top` and its `axis`).
    case integerWithout(Int, String)
    /// The number, given only with the other key (a pad's `before` needs its `axis`).
    case integerWith(Int, String)
    /// No value: the layer does without (a reshape given by height, width and channels).
    case absent
    case integer(Int)
    case boolean(Bool)
    case number(Double)
    /// The value of another key (a pool's stride defaults to its kernel).
    case key(String)
    /// The layer written just before, or the block's or branch's input.
    case previousLayer
    /// The merged branches; required when the merge has none.
    case branches
    case torchCall(TorchCall)
    case reduction(Reduction.Mode)
  }

  public struct Key: Sendable {
    public var name: String
    public var type: ValueType
    public var defaultValue: Default
    public var doc: String
  }

  /// One line for the docs and `netcost help`.
  public var doc: String {
    switch self {
    case .conv: "convolution, standard or grouped"
    case .dwconv: "depthwise convolution: one filter per input channel (groups = channels)"
    case .pwconv: "pointwise (1×1) convolution"
    case .deconv: "transposed convolution (ConvTranspose2d, Caffe's Deconvolution), upsampling"
    case .fc: "fully connected; flattens its input, or maps each position's channels"
    case .maxpool: "max pooling"
    case .avgpool: "average pooling"
    case .lppool: "power-average pooling (Σ xᵖ)^(1/p) over each window (PyTorch's LPPool2d)"
    case .globalavgpool: "global average pooling: H×W×C → 1×1×C"
    case .globalmaxpool: "global max pooling: H×W×C → 1×1×C"
    case .adaptiveavgpool:
      "average pooling to a size × size map, windows from the input (PyTorch's AdaptiveAvgPool2d)"
    case .bn: "batch normalization: γ, β trainable; moving mean and variance not"
    case .layernorm: "layer normalization over the channels at each position: γ, β per channel"
    case .groupnorm:
      "group normalization over groups of channels at every position: γ, β per channel"
    case .scale: "per-channel factor and offset (Caffe's Scale, batch norm's γ and β)"
    case .rescale: "every value times a constant plus a constant (Keras Rescaling), nothing learned"
    case .reshape: "the same values in another shape (Keras Reshape, PyTorch's view)"
    case .resize: "the map scaled to height × width by interpolation (ONNX Resize, Upsample)"
    case .pad: "zeros around the map, each side its own (Keras ZeroPadding2D)"
    case .crop: "rows and columns cut off the map, each side its own (Keras Cropping2D)"
    case .lrn: "local response normalization (AlexNet, GoogLeNet)"
    case .dropout: "dropout (no cost at inference)"
    case .flatten: "H×W×C → 1×1×(H·W·C)"
    case .shuffle: "channel shuffle (ShuffleNet): reorders channels across groups, at no cost"
    case .split: "channel split (ShuffleNet v2): one of `parts` equal slices of the channels"
    case .concat: "concatenation along the channels, or along `axis`"
    case .add: "elementwise sum, broadcast (sizes equal or 1, from the last axis)"
    case .multiply:
      "elementwise product, broadcast: a 1×1×C input scales every position (squeeze-and-excite)"
    case .max: "elementwise maximum (Caffe's Eltwise MAX), broadcast"
    case .matmul:
      "product of two computed tensors (attention's Q·Kᵀ, A·V), counted apart from weights' MACs"
    case .transpose: "the axes in another order (PyTorch's permute), at no cost"
    case .reduce: "a mean, sum, maximum… over some axes (PyTorch's x.mean(dim)), no MACs"
    case .slice: "part of one axis, start to end by step (x[:, 1:]), at no cost"
    case .expand: "the input repeated to a larger shape it broadcasts to, at no cost"
    case .tile: "the input repeated along each axis (Tile, Tensor.repeat), at no cost"
    case .constant:
      "a tensor the model holds rather than computes (a buffer, a fixed encoding), read as data"
    case .posbias:
      "attention's relative position bias (Swin, MaxViT): a learned bias per head and offset in a window, added to the scores"
    case .relu: "activation max(0, x)"
    case .relu6: "activation min(max(0, x), 6)"
    case .leakyrelu:
      "activation max(a·x, x), a fixed slope, or one learned as it is stored (`learned`: PyTorch's PReLU() shares one)"
    case .prelu: "activation max(a·x, x), one learned slope a per channel (PReLU)"
    case .sigmoid: "activation 1 / (1 + e^−x)"
    case .tanh: "activation tanh(x)"
    case .softmax: "activation: exponentials normalised over the channels"
    case .hsigmoid: "activation relu6(x + 3) / 6 (MobileNetV3's hard sigmoid)"
    case .hswish: "activation x · relu6(x + 3) / 6 (MobileNetV3's hard swish)"
    case .swish: "activation x · sigmoid(x)"
    case .gelu: "activation x · Φ(x), Φ the standard normal's distribution (GELU)"
    case .mish: "activation x · tanh(softplus(x)) (Mish)"
    case .softplus: "activation log(1 + eˣ)"
    case .elu: "activation x for x > 0, α(eˣ − 1) otherwise (ELU)"
    case .math: "any other elementwise function of one tensor (√x, eˣ, a clamp), at no MAC"
    }
  }

  /// BN, activations, LRN and dropout change no shape, so the table folds them into the row of the
  /// layer they follow, as the papers' tables do ("Conv / s2" means conv + BN + ReLU).
  public var foldsIntoPrevious: Bool {
    switch self {
    case .bn, .layernorm, .groupnorm, .scale, .rescale, .lrn, .dropout, .shuffle, .relu, .relu6,
      .leakyrelu, .prelu,
      .sigmoid,
      .tanh, .softmax, .hsigmoid, .hswish, .swish, .gelu, .mish, .softplus, .elu, .math:
      true
    case .conv, .dwconv, .pwconv, .deconv, .fc, .maxpool, .avgpool, .lppool, .globalavgpool,
      .globalmaxpool, .adaptiveavgpool, .flatten, .reshape, .resize, .pad, .crop, .split, .concat,
      .add, .multiply,
      .max, .matmul, .transpose, .reduce, .slice, .expand, .tile, .constant, .posbias:
      false
    }
  }

  public var isMerge: Bool {
    self == .concat || self == .add || self == .multiply || self == .max || self == .matmul
  }

  /// The keys, built once per kind: the resolver asks for them for every layer it makes.
  public var keys: [Key] { Self.keyTable[ordinal] }

  /// Each kind's keys, by `ordinal`.
  private static let keyTable: [[Key]] = allCases.map(\.schemaKeys)

  private var schemaKeys: [Key] {
    let from =
      isMerge
      ? Key(name: "from", type: .layers, defaultValue: .branches, doc: "the layers to merge")
      : Key(name: "from", type: .layer, defaultValue: .previousLayer, doc: "the input layer")
    var keys = ownKeys
    if let inPlace = inPlaceDefault {
      keys.append(
        Key(
          name: "inplace", type: .boolean, defaultValue: .boolean(inPlace),
          doc:
            "PyTorch overwrites the input (`ReLU(inplace=True)`, `out += x`): memory policy pytorch"
        ))
    }
    if takesLearned {
      keys.append(
        Key(
          name: "learned", type: .sizes, defaultValue: .absent,
          doc:
            "a learned tensor applied besides the inputs (a class token, a position embedding, a bias), counted as params"
        ))
    }
    if takesTorchCall {
      keys.append(
        Key(
          name: "torch", type: .torchCall,
          defaultValue: .torchCall(TorchCall.defaultCall(for: self)),
          doc: "how the PyTorch reference runs it, for the counting conventions"))
    }
    return keys + [from]
  }

  /// Whether PyTorch runs the kind in place when the spec does not say (the `inplace` key), for
  /// the `pytorch` memory policy; nil for a kind PyTorch has no in-place form of. torchvision builds
  /// ReLU, ReLU6, LeakyReLU, Hardswish and SiLU with `inplace=True` (its Conv2dNormActivation's
  /// default) nearly everywhere; a sum is `x + y` unless the model writes `out += identity`.
  package var inPlaceDefault: Bool? {
    switch self {
    case .relu, .relu6, .leakyrelu, .hswish, .swish: true
    case .hsigmoid, .dropout, .add: false
    default: nil
    }
  }

  /// Kinds that may apply a learned tensor of their own (`Layer.learned`): what an imported graph
  /// joins to or adds to its data.
  var takesLearned: Bool {
    self == .rescale || self == .concat || self == .add || self == .multiply || self == .max
      || self == .constant || self == .groupnorm || self == .leakyrelu
  }

  /// Kinds whose count some tool changes with how PyTorch runs them (`TorchCall`); a convolution
  /// or a reshape is a module or nothing in every reference implementation.
  package var takesTorchCall: Bool {
    switch self {
    case .maxpool, .avgpool, .lppool, .globalavgpool, .globalmaxpool, .adaptiveavgpool, .bn,
      .layernorm,
      .groupnorm, .dropout, .concat, .add, .multiply, .max, .relu, .relu6, .leakyrelu, .prelu,
      .sigmoid, .tanh,
      .softmax, .hsigmoid, .hswish, .swish, .gelu, .mish, .softplus, .elu, .math, .fc, .matmul,
      .reduce:
      true
    case .conv, .dwconv, .pwconv, .deconv, .scale, .rescale, .lrn, .flatten, .reshape, .resize,
      .pad, .crop,
      .shuffle, .split, .transpose, .slice, .expand, .tile, .constant, .posbias:
      false
    }
  }

}

extension LayerKind {
  /// The spec-language kind an operation is shown as: an imported one, or one `convert` writes.
  package static func of(_ operation: Operation) -> LayerKind {
    switch operation {
    case .convolution(let conv):
      if case .perInputChannel = conv.filters, conv.groups == .depthwise { .dwconv } else { .conv }
    case .transposedConvolution: .deconv
    case .dense: .fc
    case .pooling(let pool) where pool.power != nil: .lppool
    case .pooling(let pool): pool.mode == .max ? .maxpool : .avgpool
    case .globalPooling(let mode): mode == .max ? .globalmaxpool : .globalavgpool
    case .adaptivePooling: .adaptiveavgpool
    case .batchNorm: .bn
    case .scale: .scale
    case .layerNorm: .layernorm
    case .groupNorm: .groupnorm
    case .rescale: .rescale
    case .parametricReLU: .prelu
    case .activation(let a):
      switch a {
      case .relu: .relu
      case .relu6: .relu6
      case .leakyrelu: .leakyrelu
      case .sigmoid: .sigmoid
      case .tanh: .tanh
      case .softmax: .softmax
      case .hsigmoid: .hsigmoid
      case .hswish: .hswish
      case .swish: .swish
      case .gelu: .gelu
      case .mish: .mish
      case .softplus: .softplus
      case .elu: .elu
      case .math: .math
      }
    case .localResponseNorm: .lrn
    case .dropout: .dropout
    case .flatten: .flatten
    case .reshape: .reshape
    case .resize: .resize
    case .pad, .padAxis: .pad
    case .crop: .crop
    case .channelShuffle: .shuffle
    case .channelSplit: .split
    case .concat: .concat
    case .add: .add
    case .maximum: .max
    case .multiply: .multiply
    case .matmul: .matmul
    case .transpose: .transpose
    case .reduce: .reduce
    case .slice: .slice
    case .expand: .expand
    case .tile: .tile
    case .constant: .constant
    case .positionBias: .posbias
    }
  }
}
