import NetCostCore

/// Each Caffe layer type as netcost's operations. Options that change nothing netcost counts
/// (fillers, learning rates, engines, LRN's α and β) are read past; any other unknown option is an
/// error, so a model is never costed as something it is not.
extension CaffeImporter {
  /// V1's enum spellings (`layers { type: CONVOLUTION }`) as the current type names.
  static let v1Types: [String: String] = [
    "CONVOLUTION": "Convolution", "POOLING": "Pooling", "INNER_PRODUCT": "InnerProduct",
    "RELU": "ReLU", "SIGMOID": "Sigmoid", "TANH": "TanH", "LRN": "LRN", "DROPOUT": "Dropout",
    "SOFTMAX": "Softmax", "CONCAT": "Concat", "ELTWISE": "Eltwise", "SPLIT": "Split",
    "FLATTEN": "Flatten",
  ]

  static let types = [
    "Convolution", "DepthwiseConvolution", "Pooling", "InnerProduct", "ReLU", "ReLU6", "PReLU",
    "Sigmoid", "TanH", "LRN", "Dropout", "BatchNorm", "Scale", "Concat", "Eltwise", "Softmax",
    "Flatten", "Split", "Input",
  ]

  /// Fields every layer may have that change no cost.
  static let layerFields: Set<String> = [
    "name", "type", "bottom", "top", "param", "blobs_lr", "weight_decay", "include", "exclude",
    "loss_weight", "phase", "propagate_down", "blobs",
  ]

  static let fillers: Set<String> = ["weight_filler", "bias_filler", "engine"]

  mutating func add(_ layer: ProtoMessage, v1: Bool) throws(Diagnostic) {
    guard let typeWord = try layer.word("type") else {
      throw .missingField("type", in: "the layer", at: layer.range)
    }
    let type = v1 ? Self.v1Types[typeWord.value] ?? typeWord.value : typeWord.value
    let name = try layer.word("name")?.value ?? ""
    let inputs = try inputs(of: layer, name: name)
    let tops = try layer.words("top")
    guard !inputs.isEmpty else {
      throw Diagnostic("layer '\(name)' reads no 'bottom'", at: layer.range)
    }
    // A type the user chose to skip passes its first input through, at no cost.
    if builder.skipped.contains(type) {
      builder.skip(type)
      for top in tops { blobs[top.value] = inputs[0] }
      return
    }
    try Self.checkBottoms(type: type, layer: layer, name: name)
    let param: (String) throws(Diagnostic) -> ProtoMessage = { (field) throws(Diagnostic) in
      try layer.message(field) ?? ProtoMessage(fields: [], range: layer.range)
    }
    let operation: Operation
    var ownFields: Set<String> = []
    switch type {
    case "Convolution", "DepthwiseConvolution":
      ownFields = ["convolution_param"]
      operation = try convolution(
        try param("convolution_param"), depthwise: type == "DepthwiseConvolution", layer: name)
    case "Pooling":
      ownFields = ["pooling_param"]
      operation = try pooling(try param("pooling_param"), layer: name)
    case "InnerProduct":
      ownFields = ["inner_product_param"]
      let p = try param("inner_product_param")
      try p.onlyKnown(Self.fillers.union(["num_output", "bias_term", "axis"]), layer: name)
      if let axis = try p.integer("axis", minimum: -100), axis != 1 {
        throw .unsupportedOption("axis", value: "\(axis)", layer: name, at: p.range)
      }
      guard let units = try p.integer("num_output", minimum: 1) else {
        throw .missingField("num_output", in: "layer '\(name)'", at: p.range)
      }
      operation = .dense(
        units: units, bias: try p.boolean("bias_term", default: true), flattens: true)
    case "ReLU":
      ownFields = ["relu_param"]
      let p = try param("relu_param")
      try p.onlyKnown(["negative_slope", "engine"], layer: name)
      operation = .activation((try p.number("negative_slope") ?? 0) == 0 ? .relu : .leakyrelu)
    case "ReLU6": operation = .activation(.relu6)
    case "PReLU":
      ownFields = ["prelu_param"]
      let p = try param("prelu_param")
      try p.onlyKnown(["filler", "channel_shared"], layer: name)
      if try p.boolean("channel_shared", default: false) {
        throw .unsupportedOption("channel_shared", value: "true", layer: name, at: p.range)
      }
      operation = .parametricReLU
    case "Sigmoid": operation = .activation(.sigmoid)
    case "TanH": operation = .activation(.tanh)
    case "Softmax":
      ownFields = ["softmax_param"]
      let p = try param("softmax_param")
      try p.onlyKnown(["axis", "engine"], layer: name)
      // The axis changes neither shape nor cost; one past a blob's four axes is Caffe's error.
      try Self.axisOfABlob(p, layer: name)
      operation = .activation(.softmax)
    case "LRN":
      ownFields = ["lrn_param"]
      let p = try param("lrn_param")
      try p.onlyKnown(["local_size", "alpha", "beta", "k", "norm_region", "engine"], layer: name)
      let size = try p.integer("local_size", default: 5, minimum: 1) ?? 5
      guard size % 2 == 1 else {
        throw Diagnostic(
          "layer '\(name)' sets 'local_size' = \(size); Caffe's LRN takes an odd size",
          at: p.range)
      }
      operation = .localResponseNorm(size: size)
    case "Dropout":
      ownFields = ["dropout_param"]
      let p = try param("dropout_param")
      try p.onlyKnown(["dropout_ratio", "scale_train"], layer: name)
      operation = .dropout(rate: try Self.rate(p.number("dropout_ratio"), at: p.range))
    case "BatchNorm":
      ownFields = ["batch_norm_param"]
      operation = .batchNorm(BatchNorm(scale: false, center: false, factor: true))
    case "Scale":
      ownFields = ["scale_param"]
      let p = try param("scale_param")
      try p.onlyKnown(["axis", "num_axes", "filler", "bias_term", "bias_filler"], layer: name)
      guard inputs.count == 1 else {
        throw .unsupportedOption("bottom", value: "two blobs", layer: name, at: layer.range)
      }
      // One factor per channel, as netcost's scale has: other axes scale other values.
      let axis = try p.integer("axis", default: 1, minimum: -4) ?? 1
      let axes = try p.integer("num_axes", default: 1, minimum: -1) ?? 1
      guard axis == 1 || axis == -3, axes == 1 else {
        throw .unsupportedOption(
          axis == 1 || axis == -3 ? "num_axes" : "axis",
          value: "\(axis == 1 || axis == -3 ? axes : axis)", layer: name, at: p.range,
          help: "netcost scales each channel (axis 1, num_axes 1)")
      }
      operation = .scale(bias: try p.boolean("bias_term", default: false))
    case "Concat":
      ownFields = ["concat_param"]
      let p = try param("concat_param")
      try p.onlyKnown(["axis", "concat_dim"], layer: name)
      let dim = try p.integer("concat_dim", default: 1) ?? 1
      let axis = try p.integer("axis", default: dim, minimum: -4) ?? dim
      guard axis == 1 || axis == -3 else {
        throw .unsupportedOption(
          "axis", value: "\(axis)", layer: name, at: p.range,
          help: "netcost concatenates along channels (axis 1)")
      }
      operation = .concat(axis: -1)
    case "Eltwise":
      ownFields = ["eltwise_param"]
      let p = try param("eltwise_param")
      try p.onlyKnown(["operation", "coeff", "stable_prod_grad"], layer: name)
      // Caffe's own checks (eltwise_layer.cpp): one coefficient per bottom, none for a product.
      let coefficients = p.all("coeff")
      if let first = coefficients.first {
        guard coefficients.count == inputs.count else {
          throw Diagnostic(
            "layer '\(name)' gives \(coefficients.count) "
              + (coefficients.count == 1 ? "coefficient" : "coefficients")
              + " for \(inputs.count) bottoms; Caffe's Eltwise takes one for each",
            at: first.name.range)
        }
        guard (try p.word("operation")?.value ?? "SUM") != "PROD" else {
          throw Diagnostic(
            "layer '\(name)' gives coefficients to a product; Caffe's Eltwise takes them for a "
              + "sum or a maximum", at: first.name.range)
        }
      }
      switch try p.word("operation")?.value ?? "SUM" {
      case "SUM": operation = .add
      case "PROD": operation = .multiply
      case "MAX": operation = .maximum
      case let other:
        throw .unsupportedOption("operation", value: other, layer: name, at: p.range)
      }
    case "Flatten":
      ownFields = ["flatten_param"]
      let p = try param("flatten_param")
      try p.onlyKnown(["axis", "end_axis"], layer: name)
      let (axis, end) = (
        try p.integer("axis", default: 1, minimum: -100) ?? 1,
        try p.integer("end_axis", default: -1, minimum: -100) ?? -1
      )
      // From the channels to the last axis of an N×C×H×W blob, counted from either end.
      let (fromChannels, toTheEnd) = (axis == 1 || axis == -3, end == -1 || end == 3)
      guard fromChannels, toTheEnd else {
        throw .unsupportedOption(
          fromChannels ? "end_axis" : "axis", value: "\(fromChannels ? end : axis)",
          layer: name, at: p.range,
          help: "netcost flattens every axis after the batch (axis 1, end_axis -1)")
      }
      operation = .flatten
    case "Split":
      // A split makes copies: every top is its bottom.
      for top in tops { blobs[top.value] = inputs[0] }
      return
    default:
      throw .unsupportedLayer(
        format: "Caffe", type: type, layer: name, at: typeWord.range, known: Self.types)
    }
    try layer.onlyKnown(
      Self.layerFields.union(ownFields).union(["transform_param"]), layer: name)
    // Caffe's layers of these types make one blob each.
    if tops.count > 1 {
      throw Diagnostic(
        "layer '\(name)' writes \(tops.count) tops; a \(type) layer writes one",
        at: tops[1].range)
    }
    let input = try builder.add(
      name, LayerKind.of(operation), operation, inputs: inputs, at: layer.range)
    for top in tops { blobs[top.value] = input }
  }

  /// Caffe's own counts of bottoms (its layers' `ExactNumBottomBlobs` and `MinBottomBlobs`): a
  /// merge reads several, an Eltwise at least two, a Scale its factor beside its input (read
  /// by its own case), every other layer one. A second bottom was read as nothing (the
  /// importers' review, issue 25).
  static func checkBottoms(type: String, layer: ProtoMessage, name: String) throws(Diagnostic) {
    let bottoms = try layer.words("bottom")
    switch type {
    case "Concat", "Scale": return
    case "Eltwise":
      guard bottoms.count < 2 else { return }
      throw Diagnostic(
        "layer '\(name)' reads one bottom; an Eltwise layer reads two or more", at: layer.range)
    default:
      // A type netcost does not read is named as such, whatever it reads (a loss, its labels).
      guard bottoms.count > 1, types.contains(type) else { return }
      throw Diagnostic(
        "layer '\(name)' reads \(bottoms.count) bottoms; a \(type) layer reads one",
        at: bottoms[1].range)
    }
  }

  /// A dropout ratio, in [0, 1) as every framework requires.
  static func rate(_ value: Double?, at range: SourceRange) throws(Diagnostic) -> Double {
    guard let value else { return 0.5 }
    guard value >= 0, value < 1 else {
      throw .badValue(
        "dropout_ratio", expected: "a number in [0, 1)", got: value.shortDescription, at: range)
    }
    return value
  }

  /// `kernel_size` (one or two values) or `kernel_h` / `kernel_w`, and likewise for stride, pad
  /// and dilation; `group` and `bias_term`.
  func convolution(
    _ p: ProtoMessage, depthwise: Bool, layer: String
  ) throws(Diagnostic) -> Operation {
    try p.onlyKnown(
      Self.fillers.union([
        "num_output", "kernel_size", "kernel_h", "kernel_w", "stride", "stride_h", "stride_w",
        "pad", "pad_h", "pad_w", "dilation", "group", "bias_term", "axis", "force_nd_im2col",
      ]), layer: layer)
    guard let filters = try p.integer("num_output", minimum: 1) else {
      throw .missingField("num_output", in: "layer '\(layer)'", at: p.range)
    }
    guard
      let kernel = try extent(p, "kernel_size", "kernel_h", "kernel_w", default: nil, minimum: 1)
    else {
      throw .missingField("kernel_size", in: "layer '\(layer)'", at: p.range)
    }
    let group = try p.integer("group", minimum: 1)
    return .convolution(
      Convolution(
        filters: .count(filters), kernel: kernel,
        stride: try extent(p, "stride", "stride_h", "stride_w", default: 1, minimum: 1) ?? 1,
        padding: .explicit(try extent(p, "pad", "pad_h", "pad_w", default: 0, minimum: 0) ?? 0),
        dilation: try extent(p, "dilation", "", "", default: 1, minimum: 1) ?? 1,
        // MobileNet's Caffe releases spell a depthwise layer DepthwiseConvolution, with or
        // without `group`; without, it has one group per output channel.
        groups: .count(group ?? (depthwise ? filters : 1)),
        bias: try p.boolean("bias_term", default: true)))
  }

  func pooling(_ p: ProtoMessage, layer: String) throws(Diagnostic) -> Operation {
    try p.onlyKnown(
      [
        "pool", "kernel_size", "kernel_h", "kernel_w", "stride", "stride_h", "stride_w", "pad",
        "pad_h", "pad_w", "global_pooling", "round_mode", "engine",
      ], layer: layer)
    let mode: Pooling.Mode
    switch try p.word("pool")?.value ?? "MAX" {
    case "MAX": mode = .max
    case "AVE": mode = .average
    case let other: throw .unsupportedOption("pool", value: other, layer: layer, at: p.range)
    }
    if try p.boolean("global_pooling", default: false) {
      // Caffe's check: "With Global_pooling: true Filter size cannot specified".
      if let size = ["kernel_size", "kernel_h", "kernel_w"].lazy.compactMap(p.last).first {
        throw Diagnostic(
          "layer '\(layer)' gives '\(size.name.value)' with global_pooling, which pools the "
            + "whole map", at: size.name.range)
      }
      return .globalPooling(mode)
    }
    guard
      let kernel = try extent(p, "kernel_size", "kernel_h", "kernel_w", default: nil, minimum: 1)
    else {
      throw .missingField("kernel_size", in: "layer '\(layer)'", at: p.range)
    }
    // Caffe rounds a pooling's output up unless `round_mode: FLOOR` (caffe.proto).
    let ceil: Bool
    switch try p.word("round_mode")?.value ?? "CEIL" {
    case "CEIL": ceil = true
    case "FLOOR": ceil = false
    case let other: throw .unsupportedOption("round_mode", value: other, layer: layer, at: p.range)
    }
    let pad = try extent(p, "pad", "pad_h", "pad_w", default: 0, minimum: 0) ?? 0
    // Caffe's check: a pad smaller than the kernel, so that every window holds some of the map.
    guard pad.height < kernel.height, pad.width < kernel.width else {
      throw Diagnostic(
        "layer '\(layer)' pads \(pad.height)×\(pad.width) around a \(kernel.height)×"
          + "\(kernel.width) window; Caffe's pooling needs a pad smaller than its kernel",
        at: p.range)
    }
    return .pooling(
      Pooling(
        mode: mode, kernel: kernel,
        stride: try extent(p, "stride", "stride_h", "stride_w", default: 1, minimum: 1) ?? 1,
        padding: .explicit(pad), ceilMode: ceil))
  }

  /// A height and width from `name` (one value for both, or two: height then width) or from
  /// `name_h` and `name_w`.
  func extent(
    _ p: ProtoMessage, _ name: String, _ h: String, _ w: String, default defaultValue: Int?,
    minimum: Int
  ) throws(Diagnostic) -> Extent? {
    let values = try p.integers(name, minimum: minimum)
    if !h.isEmpty, p.last(h) != nil || p.last(w) != nil {
      guard values.isEmpty,
        let height = try p.integer(h, default: defaultValue, minimum: minimum),
        let width = try p.integer(w, default: defaultValue, minimum: minimum)
      else {
        throw Diagnostic(
          "give '\(name)' or both '\(h)' and '\(w)'", at: (p.last(h) ?? p.last(w))?.range ?? p.range
        )
      }
      return Extent(height, width)
    }
    switch values.count {
    case 0: return defaultValue.map { .square($0) }
    case 1: return .square(values[0])
    case 2: return Extent(values[0], values[1])
    default:
      throw Diagnostic(
        "'\(name)' has \(values.count) values; netcost reads 2-D layers (1 or 2 values)",
        at: p.all(name)[2].range)
    }
  }
}

extension CaffeImporter {
  /// An `axis` that names one of a blob's axes (at most four: N, C, H, W, from −4 to 3).
  static func axisOfABlob(_ p: ProtoMessage, layer: String) throws(Diagnostic) {
    guard let axis = try p.integer("axis", default: 1, minimum: -100), !(-4...3).contains(axis)
    else { return }
    throw Diagnostic(
      "layer '\(layer)' sets 'axis' = \(axis); a Caffe blob has at most 4 axes (−4 to 3)",
      at: p.range)
  }
}
