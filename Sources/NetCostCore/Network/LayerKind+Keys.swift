/// Each kind's own keys, with their types, defaults and meanings: the schema the resolver checks a
/// layer against and docs/spec-language.md's tables show.
extension LayerKind {
  /// The keys a kind takes of its own (`from`, `inplace` and `torch` are added to them).
  /// A pooling window's keys: its stride defaults to its kernel.
  private var poolingKeys: [Key] {
    [
      kernel,
      Key(name: "stride", type: .extent, defaultValue: .key("kernel"), doc: "step"),
      padding,
      Key(
        name: "ceil", type: .boolean, defaultValue: .boolean(false),
        doc: "round the output size up (Caffe), not down"),
    ]
  }

  var ownKeys: [Key] {
    switch self {
    case .conv:
      [
        filters, kernel, stride, padding, dilation,
        Key(
          name: "groups", type: .positiveInteger, defaultValue: .integer(1),
          doc: "groups; input and output channels must divide by it"), bias,
      ]
    case .deconv:
      [
        filters, kernel, stride, padding, dilation,
        Key(
          name: "output_padding", type: .nonNegativeInteger, defaultValue: .integer(0),
          doc: "rows and columns added at the output's end"),
        Key(
          name: "groups", type: .positiveInteger, defaultValue: .integer(1),
          doc: "groups; input and output channels must divide by it"), bias,
      ]
    case .dwconv:
      [
        kernel, stride, padding, dilation,
        Key(
          name: "multiplier", type: .positiveInteger, defaultValue: .integer(1),
          doc: "filters per input channel"), bias,
      ]
    case .pwconv:
      [
        filters, stride,
        Key(name: "groups", type: .positiveInteger, defaultValue: .integer(1), doc: "groups"), bias,
      ]
    case .fc:
      [
        Key(name: "units", type: .positiveInteger, defaultValue: .required, doc: "output units"),
        bias,
        Key(
          name: "flatten", type: .boolean, defaultValue: .boolean(true),
          doc: "flatten the input; false maps the channels at every position"),
      ]
    case .bn:
      [
        Key(name: "scale", type: .boolean, defaultValue: .boolean(true), doc: "keep γ (trained)"),
        Key(name: "center", type: .boolean, defaultValue: .boolean(true), doc: "keep β (trained)"),
        Key(
          name: "factor", type: .boolean, defaultValue: .boolean(false),
          doc: "keep Caffe's moving-average factor (one value)"),
      ]
    case .scale:
      [
        Key(name: "bias", type: .boolean, defaultValue: .boolean(false), doc: "an offset as well"),
        Key(
          name: "norm", type: .boolean, defaultValue: .boolean(true),
          doc:
            "batch norm's γ and β, counted with batch norm; false: a factor of its own (layer scale)"
        ),
      ]
    case .layernorm:
      [Key(name: "bias", type: .boolean, defaultValue: .boolean(true), doc: "keep β")]
    case .groupnorm:
      [
        Key(
          name: "groups", type: .positiveInteger, defaultValue: .required,
          doc: "groups of channels normalized together (the channels: instance norm)"),
        Key(name: "affine", type: .boolean, defaultValue: .boolean(true), doc: "learn γ and β"),
      ]
    case .reshape:
      ["height", "width", "channels"].map {
        Key(
          name: $0, type: .positiveInteger, defaultValue: .requiredWithout("dims"), doc: "new \($0)"
        )
      } + [
        Key(
          name: "dims", type: .sizes, defaultValue: .absent,
          doc: "the new shape of any rank, batch left out, instead of a map's three sizes")
      ]
    case .resize:
      [
        Key(name: "height", type: .positiveInteger, defaultValue: .required, doc: "new height"),
        Key(name: "width", type: .positiveInteger, defaultValue: .required, doc: "new width"),
      ]
    case .pad:
      ["top", "bottom", "left", "right"].map {
        Key(
          name: $0, type: .nonNegativeInteger, defaultValue: .integerWithout(0, "axis"),
          doc: "rows or columns of zeros")
      } + [
        Key(
          name: "axis", type: .axis, defaultValue: .absent,
          doc: "instead, the one axis of a tensor of any rank to pad (F.pad on the last: −1)"),
        Key(
          name: "before", type: .nonNegativeInteger, defaultValue: .integerWith(0, "axis"),
          doc: "values added before the axis"),
        Key(
          name: "after", type: .nonNegativeInteger, defaultValue: .integerWith(0, "axis"),
          doc: "values added after it"),
      ]
    case .crop:
      ["top", "bottom", "left", "right"].map {
        Key(
          name: $0, type: .nonNegativeInteger, defaultValue: .integer(0),
          doc: "rows or columns cut off")
      }
    case .maxpool, .avgpool:
      poolingKeys
    case .lppool:
      poolingKeys + [
        Key(name: "p", type: .positiveInteger, defaultValue: .integer(2), doc: "the power p")
      ]
    case .lrn:
      [
        Key(
          name: "size", type: .positiveInteger, defaultValue: .integer(5),
          doc: "channels summed over")
      ]
    case .adaptiveavgpool:
      [
        Key(
          name: "size", type: .positiveInteger, defaultValue: .required,
          doc: "output height and width (1 is global pooling)")
      ]
    case .dropout:
      [
        Key(
          name: "rate", type: .probability, defaultValue: .number(0.5),
          doc: "fraction dropped in training")
      ]
    case .shuffle:
      [
        Key(
          name: "groups", type: .positiveInteger, defaultValue: .required,
          doc: "groups the channels are interleaved from")
      ]
    case .split:
      [
        Key(name: "parts", type: .positiveInteger, defaultValue: .integer(2), doc: "equal slices"),
        Key(
          name: "part", type: .positiveInteger, defaultValue: .required,
          doc: "which slice, from 1"),
      ]
    case .concat: [axis("the axis joined along")]
    case .matmul:
      [
        Key(
          name: "transposed", type: .boolean, defaultValue: .boolean(false),
          doc: "multiply by the second input's transpose over its last two axes (Q·Kᵀ)")
      ]
    case .transpose:
      [
        Key(
          name: "perm", type: .axes, defaultValue: .required,
          doc: "the input axis each output axis takes, batch left out (`[1, 0]`)")
      ]
    case .reduce:
      [
        Key(name: "op", type: .reduction, defaultValue: .reduction(.mean), doc: "what is computed"),
        Key(name: "axes", type: .axes, defaultValue: .required, doc: "the axes reduced"),
        Key(
          name: "keepdims", type: .boolean, defaultValue: .boolean(false),
          doc: "keep the reduced axes, as 1"),
      ]
    case .slice:
      [
        axis("the axis sliced"),
        Key(name: "start", type: .nonNegativeInteger, defaultValue: .integer(0), doc: "first kept"),
        Key(name: "end", type: .positiveInteger, defaultValue: .required, doc: "one past the last"),
        Key(name: "step", type: .positiveInteger, defaultValue: .integer(1), doc: "every step-th"),
      ]
    case .expand:
      [
        Key(
          name: "dims", type: .sizes, defaultValue: .required,
          doc: "the shape to repeat to, batch left out")
      ]
    case .posbias:
      [
        Key(
          name: "window", type: .positiveInteger, defaultValue: .required,
          doc: "the window's side w: w × w tokens, (2w − 1)² offsets"),
        Key(
          name: "mlp", type: .nonNegativeInteger, defaultValue: .integer(0),
          doc: "Swin V2: the bias computed by a 2 → mlp → heads MLP; 0: a learned table"),
      ]
    case .constant:
      [
        Key(
          name: "dims", type: .sizes, defaultValue: .required,
          doc: "the tensor's dims, batch left out (three: a map)")
      ]
    case .tile:
      [
        Key(
          name: "repeats", type: .sizes, defaultValue: .required,
          doc: "how many times each axis repeats, batch left out")
      ]
    default:
      []
    }
  }

  fileprivate func axis(_ doc: String) -> Key {
    Key(name: "axis", type: .axis, defaultValue: .integer(-1), doc: doc + "; −1 is the channels")
  }

  fileprivate var filters: Key {
    Key(name: "filters", type: .positiveInteger, defaultValue: .required, doc: "output channels")
  }
  fileprivate var kernel: Key {
    Key(
      name: "kernel", type: .extent, defaultValue: .required, doc: "window size: k (k×k) or h x w")
  }
  fileprivate var stride: Key {
    Key(name: "stride", type: .extent, defaultValue: .integer(1), doc: "step")
  }
  fileprivate var padding: Key {
    Key(
      name: "padding", type: .padding, defaultValue: .integer(0),
      doc: "zeros on each side (or above and below x left and right), or same / valid")
  }
  fileprivate var dilation: Key {
    Key(
      name: "dilation", type: .extent, defaultValue: .integer(1),
      doc: "spacing of the kernel's taps")
  }
  fileprivate var bias: Key {
    Key(
      name: "bias", type: .boolean, defaultValue: .boolean(true), doc: "one bias per output channel"
    )
  }
}
