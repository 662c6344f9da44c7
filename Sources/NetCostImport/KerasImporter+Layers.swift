import NetCostCore

/// Each Keras layer class as netcost's operations, with Keras's own defaults. Options that change
/// nothing netcost counts (initializers, regularizers, constraints, dtypes, momentum) are read
/// past; any other option set to something other than null or false is an error naming it.
extension KerasImporter {
  static let classes = [
    "InputLayer", "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Dense", "BatchNormalization",
    "Activation", "ReLU", "LeakyReLU", "ZeroPadding2D", "MaxPooling2D", "AveragePooling2D",
    "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Flatten", "Dropout", "Reshape",
    "Concatenate", "Add", "Multiply", "Maximum", "Rescaling", "Normalization", "Functional",
    "Sequential", "LayerNormalization", "Cropping2D", "LayerScale", "CustomScaleLayer",
    "Permute", "MultiHeadAttention", "Conv3D", "MaxPooling3D", "AveragePooling3D",
    "GlobalAveragePooling3D", "GlobalMaxPooling3D",
  ]

  /// Options of a class that netcost reads, beyond the harmless ones every layer may have.
  static let options: [String: Set<String>] = [
    "Conv2D": [
      "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
      "activation", "use_bias",
    ],
    "DepthwiseConv2D": [
      "kernel_size", "strides", "padding", "data_format", "dilation_rate", "depth_multiplier",
      "activation", "use_bias",
    ],
    "SeparableConv2D": [
      "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
      "depth_multiplier", "activation", "use_bias",
    ],
    "Dense": ["units", "activation", "use_bias"],
    "BatchNormalization": ["axis", "center", "scale", "momentum", "epsilon", "renorm_momentum"],
    "Activation": ["activation"],
    "ReLU": ["max_value", "negative_slope", "threshold"],
    "LeakyReLU": ["negative_slope", "alpha"],
    "ZeroPadding2D": ["padding", "data_format"],
    "UpSampling2D": ["size", "data_format", "interpolation"],
    "Conv2DTranspose": [
      "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
      "output_padding", "activation", "use_bias",
    ],
    "Conv1D": [
      "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
      "activation", "use_bias",
    ],
    "Conv3D": [
      "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
      "activation", "use_bias",
    ],
    "MaxPooling3D": ["pool_size", "strides", "padding", "data_format"],
    "AveragePooling3D": ["pool_size", "strides", "padding", "data_format"],
    "GlobalAveragePooling3D": ["data_format", "keepdims"],
    "GlobalMaxPooling3D": ["data_format", "keepdims"],
    "MaxPooling2D": ["pool_size", "strides", "padding", "data_format"],
    "AveragePooling2D": ["pool_size", "strides", "padding", "data_format"],
    "GlobalAveragePooling2D": ["data_format", "keepdims"],
    "GlobalMaxPooling2D": ["data_format", "keepdims"],
    "Flatten": ["data_format"],
    "Dropout": ["rate", "noise_shape", "seed"],
    "Reshape": ["target_shape"],
    "Concatenate": ["axis"],
    "Rescaling": ["scale", "offset"],
    "Normalization": ["axis", "mean", "variance", "invert"],
    "LayerNormalization": ["axis", "epsilon", "center", "scale", "rms_scaling"],
    "Cropping2D": ["cropping", "data_format"],
    "Permute": ["dims"],
    "MultiHeadAttention": [
      "num_heads", "key_dim", "value_dim", "dropout", "use_bias", "output_shape",
      "attention_axes", "flash_attention", "use_gate", "sliding_window",
    ],
    // keras.applications' own layers: ConvNeXt's layer scale (γ per channel) and
    // Inception-ResNet's residual sum `x + scale · branch`.
    "LayerScale": ["init_values", "projection_dim"],
    "CustomScaleLayer": ["scale"],
  ]

  static let harmless: Set<String> = [
    "name", "trainable", "dtype", "activity_regularizer", "seed", "registered_name", "module",
  ]

  /// Keras's activation names, as netcost's; `linear` is none.
  static let activations: [String: Activation] = [
    "relu": .relu, "relu6": .relu6, "sigmoid": .sigmoid, "tanh": .tanh, "softmax": .softmax,
    "swish": .swish, "silu": .swish, "hard_sigmoid": .hsigmoid, "hard_swish": .hswish,
    "hard_silu": .hswish, "leaky_relu": .leakyrelu, "gelu": .gelu,
  ]

  /// One call of one layer on `inputs`; returns what it makes (several outputs only for a
  /// nested model with several).
  mutating func call(
    _ layer: JSON, className: String, config: JSON, prefix: String, on inputs: [Layer.Input],
    node: Int = 0
  ) throws(Diagnostic) -> [Layer.Input] {
    layerCount += 1
    let raw = layer["name"]?.string ?? config["name"]?.string ?? ""
    let name = prefix + raw + (node > 0 ? "/call_\(node + 1)" : "")
    let where_ = Where(name: name, index: layerCount, range: layer.range)
    if className == "Functional" || className == "Sequential" || className == "Model" {
      return try model(layer, prefix: name + "/", inputs: inputs)
    }
    guard let first = inputs.first else {
      throw Diagnostic("layer '\(name)' reads no tensor", at: layer.range)
    }
    if builder.skipped.contains(className) {
      builder.skip(className)
      return [first]
    }
    guard let known = Self.options[className] ?? (Self.mergeClasses.contains(className) ? [] : nil)
    else {
      throw .unsupportedLayer(
        format: "Keras", type: className, layer: name,
        at: layer["class_name"]?.range ?? layer.range, known: Self.classes,
        position: "layer \(where_.index)")
    }
    try Self.onlyKnown(config, known, at: where_)
    if let format = config["data_format"]?.string, format != "channels_last" {
      throw .unsupportedOption(
        "data_format", value: format, layer: name, at: config.range,
        help: "netcost reads channels-last models")
    }
    if className == "MultiHeadAttention" {
      return [try attention(config, on: inputs, at: where_)]
    }
    var steps: [(String, Operation)] = []
    let activation = try Self.activation(config["activation"], at: where_)
    try Self.checkStridesAndDilation(config, layer: name)
    switch className {
    case "Conv2D", "DepthwiseConv2D":
      let depthwise = className == "DepthwiseConv2D"
      let groups = try Self.integer(config, "groups", default: 1, at: where_)
      steps.append(
        (
          name,
          .convolution(
            Convolution(
              filters: depthwise
                ? .perInputChannel(
                  try Self.integer(config, "depth_multiplier", default: 1, at: where_))
                : .count(try Self.integer(config, "filters", default: nil, at: where_)),
              kernel: try Self.extent(config, "kernel_size", default: nil, at: where_),
              stride: try Self.extent(config, "strides", default: 1, at: where_),
              padding: try Self.padding(config, at: where_),
              dilation: try Self.extent(config, "dilation_rate", default: 1, at: where_),
              groups: depthwise ? .depthwise : .count(groups),
              bias: try Self.boolean(config, "use_bias", default: true, at: where_)))
        ))
    case "Conv3D", "MaxPooling3D", "AveragePooling3D", "GlobalAveragePooling3D",
      "GlobalMaxPooling3D":
      steps += try Self.volumeSteps(className, name: name, config, at: where_)
    case "Conv1D":
      // Along the steps of (steps, channels), as PyTorch's Conv1d: a kernel of height 1.
      if let network = input, let x = builder.shape(of: first, input: network), x.rank != 2 {
        throw Diagnostic(
          "layer '\(name)' (Conv1D) reads \(x), not (steps, channels)", at: layer.range)
      }
      let length = { (key: String) throws(Diagnostic) -> Int in
        try Self.length(config, key, default: key == "kernel_size" ? nil : 1, at: where_)
      }
      steps.append(
        (
          name,
          .convolution(
            Convolution(
              filters: .count(try Self.integer(config, "filters", default: nil, at: where_)),
              kernel: Extent(1, try length("kernel_size")),
              stride: Extent(1, try length("strides")),
              padding: try Self.padding(config, at: where_),
              dilation: Extent(1, try length("dilation_rate")),
              groups: .count(try Self.integer(config, "groups", default: 1, at: where_)),
              bias: try Self.boolean(config, "use_bias", default: true, at: where_)))
        ))
    case "Conv2DTranspose":
      steps.append((name, try Self.transposedConvolution(config, at: where_)))
    case "UpSampling2D":
      // Each row and column repeated (nearest) or interpolated (bilinear): a resize by `size`.
      let size = try Self.extent(config, "size", default: 2, at: where_)
      guard let network = input, let x = builder.shape(of: first, input: network), x.isMap,
        x.height >= 1, x.width >= 1,
        case (let h, false) = x.height.multipliedReportingOverflow(by: size.height),
        case (let w, false) = x.width.multipliedReportingOverflow(by: size.width),
        h <= Int(Int32.max), w <= Int(Int32.max)
      else {
        throw Diagnostic(
          "layer '\(name)' upsamples a tensor that is not a map of a known size, or past 2³¹ − 1 "
            + "a side", at: layer.range,
          help: "save the model with a fixed input, e.g. keras.Input((224, 224, 3))")
      }
      steps.append((name, .resize(height: h, width: w)))
    case "SeparableConv2D":
      // A depthwise convolution (no bias) then a pointwise one, which has the bias.
      let depthwise = Convolution(
        filters: .perInputChannel(
          try Self.integer(config, "depth_multiplier", default: 1, at: where_)),
        kernel: try Self.extent(config, "kernel_size", default: nil, at: where_),
        stride: try Self.extent(config, "strides", default: 1, at: where_),
        padding: try Self.padding(config, at: where_),
        dilation: try Self.extent(config, "dilation_rate", default: 1, at: where_),
        groups: .depthwise, bias: false)
      let pointwise = Convolution(
        filters: .count(try Self.integer(config, "filters", default: nil, at: where_)),
        kernel: 1, stride: 1, padding: .explicit(0), dilation: 1, groups: .count(1),
        bias: try Self.boolean(config, "use_bias", default: true, at: where_))
      steps += [(name + "/depthwise", .convolution(depthwise)), (name, .convolution(pointwise))]
    case "Dense":
      // Dense maps the last axis: on a map, every position (a 1×1 convolution's count).
      steps.append(
        (
          name,
          .dense(
            units: try Self.integer(config, "units", default: nil, at: where_),
            bias: try Self.boolean(config, "use_bias", default: true, at: where_),
            flattens: false)
        ))
    case "BatchNormalization":
      try Self.channelsAxis(config["axis"], at: where_)
      steps.append(
        (
          name,
          .batchNorm(
            BatchNorm(
              scale: try Self.boolean(config, "scale", default: true, at: where_),
              center: try Self.boolean(config, "center", default: true, at: where_)))
        ))
    case "Activation":
      // The layer is its activation, under its own name; `linear` is nothing at all.
      if let activation { steps.append((name, .activation(activation))) }
    case "ReLU":
      // Python writes an unbounded ReLU's cap as null, or as Infinity when it is the float.
      let maxValue = config["max_value"]?.number.flatMap { $0 == .infinity ? nil : $0 }
      let slope = config["negative_slope"]?.number ?? 0
      guard config["threshold"]?.number ?? 0 == 0, maxValue == nil || maxValue == 6 else {
        throw .unsupportedOption(
          maxValue.map { _ in "max_value" } ?? "threshold", layer: name, at: config.range,
          help: "netcost models ReLU, ReLU(6.0) and a negative slope")
      }
      steps.append((name, .activation(maxValue == 6 ? .relu6 : slope == 0 ? .relu : .leakyrelu)))
    case "LeakyReLU":
      steps.append((name, .activation(.leakyrelu)))
    case "ZeroPadding2D":
      steps.append((name, .pad(try Self.insets(config["padding"], at: where_))))
    case "Cropping2D":
      steps.append(
        (name, .crop(try Self.insets(config["cropping"], key: "cropping", at: where_))))
    case "LayerNormalization":
      try Self.channelsAxis(config["axis"], at: where_)
      // RMS scaling keeps γ alone (`center` and `scale` are then not read); otherwise γ when
      // `scale`, which netcost's layer norm always has, and β when `center`.
      let rms = try Self.boolean(config, "rms_scaling", default: false, at: where_)
      let scale = try Self.boolean(config, "scale", default: true, at: where_)
      guard rms || scale else {
        throw .unsupportedOption(
          "scale", value: "false", layer: name, at: config["scale"]?.range ?? layer.range,
          help: "netcost models a layer norm with its γ")
      }
      let center = try Self.boolean(config, "center", default: true, at: where_)
      steps.append((name, .layerNorm(bias: center && !rms)))
    case "LayerScale": steps.append((name, .scale(bias: false, norm: false)))
    case "CustomScaleLayer": steps.append((name, .add))
    case "MaxPooling2D", "AveragePooling2D":
      let kernel = try Self.extent(config, "pool_size", default: 2, at: where_)
      let stride =
        config["strides"]?.isNull ?? true
        ? kernel : try Self.extent(config, "strides", default: nil, at: where_)
      steps.append(
        (
          name,
          .pooling(
            Pooling(
              mode: className == "MaxPooling2D" ? .max : .average, kernel: kernel,
              stride: stride, padding: try Self.padding(config, at: where_), ceilMode: false))
        ))
    case "GlobalAveragePooling2D": steps.append((name, .globalPooling(.average)))
    case "GlobalMaxPooling2D": steps.append((name, .globalPooling(.max)))
    case "Flatten": steps.append((name, .flatten))
    case "Dropout":
      let rate = config["rate"]?.number ?? 0.5
      guard rate >= 0, rate < 1 else {
        throw .badValue(
          "rate", expected: "a number in [0, 1)", got: rate.shortDescription,
          at: config["rate"]?.range ?? layer.range)
      }
      steps.append((name, .dropout(rate: rate)))
    case "Reshape":
      steps.append((name, .reshape(try Self.target(config["target_shape"], at: where_))))
    case "Permute":
      steps.append((name, .transpose(try Self.permutation(config["dims"], at: where_))))
    case "Concatenate":
      try Self.channelsAxis(config["axis"], at: where_)
      steps.append((name, .concat(axis: -1)))
    case "Add": steps.append((name, .add))
    case "Multiply": steps.append((name, .multiply))
    case "Maximum": steps.append((name, .maximum))
    case "Rescaling": steps.append((name, .rescale))
    case "Normalization":
      // Given a mean and variance, Keras keeps them as constants (0 params); adapted, it keeps
      // mean, variance and a count as weights: 2·C + 1, none trained.
      let fixed = !(config["mean"]?.isNull ?? true)
      steps.append(
        (name, fixed ? .rescale : .batchNorm(BatchNorm(scale: false, center: false, factor: true))))
    default:
      throw .unsupportedLayer(
        format: "Keras", type: className, layer: name, at: layer.range, known: Self.classes,
        position: "layer \(where_.index)")
    }
    if let activation, className != "Activation" {
      steps.append((name + "/" + activation.rawValue, .activation(activation)))
    }
    var current = inputs
    for (stepName, operation) in steps {
      // Merges read every input; the layers after them in one Keras layer read the one before.
      current = [
        try builder.add(
          stepName, LayerKind.of(operation), operation, inputs: current, at: layer.range)
      ]
    }
    // `Activation('linear')` changes nothing: its output is its input.
    return steps.isEmpty ? [first] : current
  }

  static let mergeClasses: Set<String> = ["Add", "Multiply", "Maximum"]

  /// Where a layer is, for messages: its name, its position and its text.
  struct Where {
    var name: String
    var index: Int
    var range: SourceRange
  }

  /// Keras's MultiHeadAttention on tokens (L×D), called on (query, value), the key being the
  /// value: its four projections as fully connected layers at every token (Keras keeps each as a
  /// D×h×d kernel and an h×d bias: the same count), the heads split and joined by reshapes and
  /// transposes, and its two products, Q·Kᵀ and A·V, counted apart. The sequence's length comes
  /// from the shapes so far.
  mutating func attention(
    _ config: JSON, on inputs: [Layer.Input], at place: Where
  ) throws(Diagnostic) -> Layer.Input {
    let heads = try Self.integer(config, "num_heads", default: nil, at: place)
    let keyDim = try Self.integer(config, "key_dim", default: nil, at: place)
    let valueDim =
      config["value_dim"]?.isNull ?? true
      ? keyDim : try Self.integer(config, "value_dim", default: nil, at: place)
    let bias = try Self.boolean(config, "use_bias", default: true, at: place)
    guard config["output_shape"]?.isNull ?? true else {
      throw .unsupportedOption(
        "output_shape", layer: place.name, at: config["output_shape"]?.range ?? config.range,
        help: "netcost reads attention whose output has the query's size")
    }
    // Over the tokens: Keras builds a (batch, length, features) query's axes as [1].
    let axes = config["attention_axes"]
    guard axes?.isNull ?? true || axes?.array?.compactMap(\.integer) == [1] else {
      throw .unsupportedOption(
        "attention_axes", value: axes?.described ?? "", layer: place.name,
        at: axes?.range ?? config.range, help: "netcost reads attention over the tokens (axis 1)")
    }
    guard inputs.count == 2 || inputs.count == 1, let query = inputs.first else {
      throw Diagnostic(
        "layer '\(place.name)' reads \(inputs.count) tensors; netcost reads (query, value)",
        at: place.range)
    }
    let value = inputs.count == 2 ? inputs[1] : query
    guard let network = input,
      let q = builder.shape(of: query, input: network), q.rank == 2,
      let v = builder.shape(of: value, input: network), v.rank == 2
    else {
      throw Diagnostic(
        "layer '\(place.name)' attends over a query or value that is not tokens (L, D) of a known "
          + "size", at: place.range,
        help: "netcost reads MultiHeadAttention on a Reshape to (length, features)")
    }
    func add(
      _ suffix: String, _ operation: Operation, _ reads: [Layer.Input]
    ) throws(Diagnostic)
      -> Layer.Input
    {
      try builder.add(
        place.name + suffix, LayerKind.of(operation), operation, inputs: reads, at: place.range)
    }
    // Each projection split into heads: L×(h·d) → L×h×d → h×L×d.
    func project(
      _ suffix: String, _ source: Layer.Input, length: Int, dim: Int
    )
      throws(Diagnostic) -> Layer.Input
    {
      let dense = try add(suffix, .dense(units: heads * dim, bias: bias, flattens: false), [source])
      guard let split = Shape(dims: [length, heads, dim]) else { return dense }
      let reshaped = try add(suffix + "/heads", .reshape(split), [dense])
      return try add(suffix + "/transpose", .transpose([1, 0, 2]), [reshaped])
    }
    let qh = try project("/query", query, length: q[0], dim: keyDim)
    let kh = try project("/key", value, length: v[0], dim: keyDim)
    let vh = try project("/value", value, length: v[0], dim: valueDim)
    let scores = try add("/scores", .matmul(transposed: true), [qh, kh])
    let weights = try add("/softmax", .activation(.softmax), [scores])
    let context = try add("/context", .matmul(transposed: false), [weights, vh])
    let back = try add("/context/transpose", .transpose([1, 0, 2]), [context])
    guard let joined = Shape(dims: [q[0], heads * valueDim]) else { return back }
    let merged = try add("/context/merge", .reshape(joined), [back])
    return try add("", .dense(units: q[1], bias: bias, flattens: false), [merged])
  }
}
