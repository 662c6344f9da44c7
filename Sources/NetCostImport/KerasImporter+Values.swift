import NetCostCore

/// Reading a Keras layer's options: Keras writes a size as `3` or `[3, 3]`, a padding as a word
/// or nested pairs, and leaves out what is at its default.
extension KerasImporter {
  static func onlyKnown(_ config: JSON, _ known: Set<String>, at place: Where) throws(Diagnostic) {
    for (key, value) in config.entries {
      // An option left at null or false asks for nothing netcost would count.
      if value.isNull || value.boolean == false { continue }
      // Every option of every layer passes here: looked up first, and only a name not found
      // compared with the ends of the initializers' and the like.
      let name = key.string ?? ""
      if known.contains(name) || harmless.contains(name)
        || ignoredSuffixes.contains(where: { key.isString($0, orEndingWith: true) })
      {
        continue
      }
      throw .unsupportedOption(
        name, value: value.described, layer: place.name, at: value.range,
        help: "netcost reads " + Suggest.quotedList(known.sorted()) + " of this layer")
    }
  }

  /// Initializers, regularizers and constraints shape training, not the count.
  static let ignoredSuffixes = ["_initializer", "_regularizer", "_constraint"]

  static func integer(
    _ config: JSON, _ key: String, default defaultValue: Int?, at place: Where
  ) throws(Diagnostic) -> Int {
    guard let value = config[key], !value.isNull else {
      if let defaultValue { return defaultValue }
      throw .missingField(key, in: "layer '\(place.name)'", at: place.range)
    }
    guard let n = value.integer, n >= 1, n <= Int(Int32.max) else {
      throw .badValue(
        key, expected: "a whole number from 1 to 2³¹ − 1", got: value.described, at: value.range)
    }
    return n
  }

  static func boolean(
    _ config: JSON, _ key: String, default defaultValue: Bool, at place: Where
  ) throws(Diagnostic) -> Bool {
    guard let value = config[key], !value.isNull else { return defaultValue }
    guard let b = value.boolean else {
      throw .badValue(key, expected: "true or false", got: value.described, at: value.range)
    }
    return b
  }

  /// `3` or `[1, 7]`.
  static func extent(
    _ config: JSON, _ key: String, default defaultValue: Int?, at place: Where
  ) throws(Diagnostic) -> Extent {
    guard let value = config[key], !value.isNull else {
      if let defaultValue { return .square(defaultValue) }
      throw .missingField(key, in: "layer '\(place.name)'", at: place.range)
    }
    if let n = value.integer, n >= 1 { return .square(n) }
    if let items = value.array, items.count == 2, let h = items[0].integer,
      let w = items[1].integer,
      h >= 1, w >= 1
    {
      return Extent(h, w)
    }
    throw .badValue(
      key, expected: "a whole number ≥ 1 or two of them", got: value.described, at: value.range)
  }

  /// A 3-D layer's size: one whole number ≥ 1 for every side, or depth, height and width.
  static func cube(
    _ config: JSON, _ key: String, default defaultValue: Int?, at place: Where
  ) throws(Diagnostic) -> Extent {
    guard let value = config[key], !value.isNull else {
      if let defaultValue { return Extent(defaultValue, defaultValue, depth: defaultValue) }
      throw .missingField(key, in: "layer '\(place.name)'", at: place.range)
    }
    if let n = value.integer, n >= 1 { return Extent(n, n, depth: n) }
    let sides = value.array?.compactMap(\.integer) ?? []
    guard sides.count == 3, value.array?.count == 3, sides.allSatisfy({ $0 >= 1 }) else {
      throw .badValue(
        key, expected: "a whole number ≥ 1 or three of them", got: value.described,
        at: value.range)
    }
    return Extent(sides[1], sides[2], depth: sides[0])
  }

  /// A 1-D layer's size: one whole number ≥ 1, alone or in a list of one (`[3]`, as Keras
  /// saves Conv1D's `kernel_size`).
  static func length(
    _ config: JSON, _ key: String, default defaultValue: Int?, at place: Where
  ) throws(Diagnostic) -> Int {
    guard let value = config[key], !value.isNull else {
      if let defaultValue { return defaultValue }
      throw .missingField(key, in: "layer '\(place.name)'", at: place.range)
    }
    if let n = value.integer ?? (value.array?.count == 1 ? value.array?[0].integer : nil),
      n >= 1, n <= Int(Int32.max)
    {
      return n
    }
    throw .badValue(
      key, expected: "a whole number from 1 to 2³¹ − 1, alone or in a list of one",
      got: value.described, at: value.range)
  }

  /// Keras's own check (keras/src/layers/convolutional/base_conv.py): a stride and a dilation
  /// above 1 together are refused, so no saved model has them.
  static func checkStridesAndDilation(_ config: JSON, layer name: String) throws(Diagnostic) {
    guard let strides = config["strides"], let dilation = config["dilation_rate"],
      [strides, dilation].allSatisfy({ value in
        (value.integer.map { [$0] } ?? value.array?.compactMap(\.integer) ?? []).contains { $0 > 1 }
      })
    else { return }
    throw Diagnostic(
      "layer '\(name)' has strides \(strides.described) and dilation_rate "
        + "\(dilation.described); Keras takes a stride or a dilation above 1, not both",
      at: dilation.range)
  }

  /// Conv2DTranspose as Keras sizes its output (keras/src/ops/operation_utils.py
  /// compute_conv_transpose_output_length, with the dilated kernel k′ = d·(k − 1) + 1): without
  /// `output_padding`, n·s for `same` and n·s + max(k′ − s, 0) for `valid` (an output padding of
  /// s − k′ where the kernel is the shorter); with it, (n − 1)·s + k′ − 2·⌊k′/2⌋ (`same`) or
  /// (n − 1)·s + k′ (`valid`), plus it. netcost's deconv pads both sides alike.
  static func transposedConvolution(
    _ config: JSON, at place: Where
  ) throws(Diagnostic)
    -> Operation
  {
    let kernel = try extent(config, "kernel_size", default: nil, at: place)
    let stride = try extent(config, "strides", default: 1, at: place)
    let dilation = try extent(config, "dilation_rate", default: 1, at: place)
    let dilated = Extent(
      dilation.height * (kernel.height - 1) + 1, dilation.width * (kernel.width - 1) + 1)
    var padding = try Self.padding(config, at: place)
    var extra: (Int, Int) = (0, 0)
    var said = config
    if let given = config["output_padding"], !given.isNull {
      said = given
      let sizes = given.integer.map { [$0, $0] } ?? given.array?.compactMap(\.integer) ?? []
      guard sizes.count == 2, sizes.allSatisfy({ $0 >= 0 && $0 <= Int(Int32.max) }) else {
        throw .badValue(
          "output_padding", expected: "a whole number ≥ 0 or two of them",
          got: given.described, at: given.range)
      }
      extra = (sizes[0], sizes[1])
      if padding == .same { padding = .explicit(Extent(dilated.height / 2, dilated.width / 2)) }
    } else if padding == .valid {
      extra = (max(0, stride.height - dilated.height), max(0, stride.width - dilated.width))
      said = config["kernel_size"] ?? config
    }
    guard extra.0 == extra.1 else {
      throw Diagnostic(
        "layer '\(place.name)' adds \(extra.0) rows and \(extra.1) columns of output padding; "
          + "netcost's deconv adds one size to both sides", at: said.range)
    }
    return .transposedConvolution(
      Convolution(
        filters: .count(try integer(config, "filters", default: nil, at: place)), kernel: kernel,
        stride: stride, padding: padding, dilation: dilation, groups: .count(1),
        bias: try boolean(config, "use_bias", default: true, at: place)),
      outputPadding: extra.0)
  }

  static func padding(_ config: JSON, at place: Where) throws(Diagnostic) -> Padding {
    // A padding that is not a word (`"padding": 5`) is refused, not read as the default.
    if let given = config["padding"], given.string == nil, !given.isNull {
      throw .badValue(
        "padding", expected: "'same' or 'valid'", got: given.described, at: given.range)
    }
    switch config["padding"]?.string ?? "valid" {
    case "valid": return .valid
    case "same": return .same
    case let other:
      throw .unsupportedOption(
        "padding", value: "'\(other)'", layer: place.name, at: config.range,
        help: "netcost models 'same' and 'valid'")
    }
  }

  /// ZeroPadding2D's `padding`: `1`, `[1, 2]` (height, width) or `[[top, bottom], [left, right]]`.
  /// ZeroPadding2D's `padding` and Cropping2D's `cropping` (`key`): n, (h, w) or
  /// ((top, bottom), (left, right)); 1 on every side when absent.
  static func insets(
    _ value: JSON?, key: String = "padding", at place: Where
  ) throws(Diagnostic) -> Insets {
    let bad = Diagnostic.badValue(
      key, expected: "n, [h, w] or [[top, bottom], [left, right]]",
      got: value?.described ?? "nothing", at: value?.range ?? place.range)
    guard let value else { return Insets(top: 1, bottom: 1, left: 1, right: 1) }
    if let n = value.integer, n >= 0 { return Insets(top: n, bottom: n, left: n, right: n) }
    guard let items = value.array, items.count == 2 else { throw bad }
    if let h = items[0].integer, let w = items[1].integer, h >= 0, w >= 0 {
      return Insets(top: h, bottom: h, left: w, right: w)
    }
    guard let rows = items[0].array, let columns = items[1].array, rows.count == 2,
      columns.count == 2, let top = rows[0].integer, let bottom = rows[1].integer,
      let left = columns[0].integer, let right = columns[1].integer,
      min(top, bottom, left, right) >= 0
    else { throw bad }
    return Insets(top: top, bottom: bottom, left: left, right: right)
  }

  /// Reshape's `target_shape`: (C) or (H, W, C), whole numbers; `-1` is not read.
  /// Reshape's target, the batch left out: (C) is a 1×1×C map, (H, W, C) a map, any other rank
  /// (tokens (L, D), heads (h, L, d)) a tensor of those dims.
  static func target(_ value: JSON?, at place: Where) throws(Diagnostic) -> Shape {
    let dims = value?.array?.compactMap(\.integer) ?? []
    if dims.count == value?.array?.count, dims.allSatisfy({ $0 >= 1 }) {
      if dims.count == 1 { return Shape(1, 1, dims[0]) }
      if dims.count == 3 { return Shape(dims[0], dims[1], dims[2]) }
      if let shape = Shape(dims: dims) { return shape }
    }
    throw .unsupportedOption(
      "target_shape", value: value?.described ?? "nothing", layer: place.name,
      at: value?.range ?? place.range,
      help: "netcost reshapes to 1 to \(Shape.maxRank) sizes, each given and at least 1 (no -1)")
  }

  /// Permute's `dims`: a permutation of 1…n, the batch left out, as netcost's axes 0…n−1.
  static func permutation(_ value: JSON?, at place: Where) throws(Diagnostic) -> [Int] {
    let dims = value?.array?.compactMap(\.integer) ?? []
    guard dims.count == value?.array?.count, !dims.isEmpty,
      dims.sorted() == Array(1...dims.count)
    else {
      throw .unsupportedOption(
        "dims", value: value?.described ?? "nothing", layer: place.name,
        at: value?.range ?? place.range,
        help: "Keras's Permute takes each axis from 1 to the rank once")
    }
    return dims.map { $0 - 1 }
  }

  /// Concatenation and batch norm work on channels: axis -1 or 3 (channels last).
  static func channelsAxis(_ value: JSON?, at place: Where) throws(Diagnostic) {
    guard let value, !value.isNull else { return }
    let axis = value.integer ?? value.array.flatMap { $0.count == 1 ? $0[0].integer : nil }
    guard axis == -1 || axis == 3 else {
      throw .unsupportedOption(
        "axis", value: value.described, layer: place.name, at: value.range,
        help: "netcost works along the channels (axis -1)")
    }
  }

  static func activation(_ value: JSON?, at place: Where) throws(Diagnostic) -> Activation? {
    guard let value, !value.isNull else { return nil }
    guard let name = value.string else {
      throw .unsupportedOption(
        "activation", value: value.described, layer: place.name, at: value.range)
    }
    if name == "linear" { return nil }
    guard let activation = activations[name] else {
      throw .unsupportedOption(
        "activation", value: "'\(name)'", layer: place.name, at: value.range,
        help: Suggest.closest(to: name, in: Array(activations.keys).sorted() + ["linear"]).map {
          "did you mean '\($0)'?"
        } ?? "netcost models " + Suggest.quotedList(Array(activations.keys).sorted()))
    }
    return activation
  }
}
