import NetCostCore

/// Operators that slide a window over N×C×H×W (or N×C×L, or a volume's N×C×D×H×W):
/// convolutions, pooling, and their padding.
extension OnnxImporter {
  /// Conv: weights N×C/g×k… (one, two or three window sides); pads begin and end per axis
  /// (asymmetric ones become a pad layer); one group per input channel is depthwise.
  mutating func convolution(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var (x, _) = try dataOrConstant(node, index, 0, layout: .channelsFirst)
    let w = try tensor(node, index, 1)
    let spatial = x.dims.count - 2
    guard x.dims.count == w.dims.count, (1...3).contains(spatial) else {
      throw fail(
        node, index, "is not a 1-D, 2-D or 3-D convolution on N×C×L, N×C×H×W or N×C×D×H×W")
    }
    x = try asChannelsFirst(node, index, x)
    if spatial == 3 { x = try asVolume(node, index, x) }
    // Windows of a tensor whose batch was merged into its first axis: each of its H×W maps.
    if spatial == 2 { x = try mergedBatchAsChannelsFirst(node, index, x) }
    let groups = int(node, "group", 1)
    guard groups >= 1 else {
      throw fail(node, index, "has group \(groups); ONNX's group is at least 1")
    }
    let kernel = Array(w.dims[2...])
    let ones = Array(repeating: 1, count: spatial)
    let strides = ints(node, "strides") ?? ones
    let dilations = ints(node, "dilations") ?? ones
    guard strides.count == spatial, dilations.count == spatial,
      (strides + dilations + kernel).allSatisfy(Self.isWindowValue)
    else {
      throw fail(
        node, index,
        "has strides \(strides), dilations \(dilations) and kernel "
          + "\(kernel.map(String.init).joined(separator: "×")); netcost reads "
          + "\(Self.spelled(spatial)) of each, 1 to 2³¹ − 1")
    }
    let filters = w.dims[0]
    let channels = x.dims[1]
    // The weight must fit the input: W is C_out × (C_in / group) × k….
    let (inputChannels, overflow) = w.dims[1].multipliedReportingOverflow(by: groups)
    guard filters >= 1, !overflow, inputChannels == channels, filters % groups == 0 else {
      throw fail(
        node, index,
        "has weights \(w.dims) and group \(groups) on \(channels) input channels; ONNX's Conv "
          + "takes C_out × (C_in / group) × \(["kL", "kH × kW", "kD × kH × kW"][spatial - 1]) "
          + "with C_out a multiple of group")
    }
    // A weight computed from the network's input is not a parameter netcost can count.
    guard w.input == nil else {
      throw fail(node, index, "reads its weights from computed data, not from the file")
    }
    if let given = ints(node, "kernel_shape"), given != kernel {
      throw fail(node, index, "has kernel_shape \(given) but weights of dims \(w.dims)")
    }
    try checkApplied(node, index, 2, "bias", over: [filters], exactly: true)
    let padding = try windowPadding(node, index, &x, spatial: spatial)
    let bias = node.inputs.count > 2 && !node.inputs[2].isEmpty
    sawConvBias = sawConvBias || bias
    let depthwise = groups == channels && groups > 1 && filters % channels == 0
    let conv = Convolution(
      filters: depthwise ? .perInputChannel(filters / channels) : .count(filters),
      kernel: Self.extent(kernel, absent: 1), stride: Self.extent(strides, absent: 1),
      padding: padding, dilation: Self.extent(dilations, absent: 1),
      groups: depthwise ? .depthwise : .count(groups), bias: bias)
    define(
      node, as: try emit(node, index, Operation.convolution(conv).droppingIdleDepth, reading: [x]))
  }

  /// A count of axes in words, as messages give it.
  static func spelled(_ count: Int) -> String {
    let words = ["one", "two", "three", "four", "five", "six"]
    return words.indices.contains(count - 1) ? words[count - 1] : "\(count)"
  }

  /// A window's values, one per spatial axis, as netcost's extent: over a sequence (N×C×L) a
  /// height of `absent` (a kernel, stride or dilation of 1, a padding of 0), over a volume
  /// (N×C×D×H×W) a depth first.
  static func extent(_ values: [Int], absent: Int) -> Extent {
    switch values.count {
    case 1: Extent(absent, values[0])
    case 3: Extent(values[1], values[2], depth: values[0])
    default: Extent(values[0], values[1])
    }
  }

  /// A window's padding: ONNX `pads` [begin…, end…] per spatial axis, or `auto_pad`. Unequal pads
  /// on an axis become a `pad` layer before the window (an axis's own, over a volume), which `x`
  /// then reads.
  mutating func windowPadding(
    _ node: OnnxNode, _ index: Int, _ x: inout Tensor, spatial: Int
  ) throws(Failure) -> Padding {
    switch string(node, "auto_pad") ?? "NOTSET" {
    case "SAME_UPPER", "SAME_LOWER": return .same
    case "VALID": return .valid
    case "NOTSET", "": break
    case let other: throw fail(node, index, "has auto_pad '\(other)'")
    }
    let pads = ints(node, "pads") ?? Array(repeating: 0, count: 2 * spatial)
    guard pads.count == 2 * spatial, pads.allSatisfy({ $0 == 0 || Self.isWindowValue($0) }) else {
      throw fail(
        node, index, "has pads \(pads); netcost reads \(Self.spelled(2 * spatial)), none negative")
    }
    var begins = Array(pads[..<spatial])
    let ends = Array(pads[spatial...])
    if begins == ends { return .explicit(Self.extent(begins, absent: 0)) }
    guard spatial == 3 else {
      // A sequence's pads are a map's left and right, as its window's sides are.
      let (b, e) = (Self.extent(begins, absent: 0), Self.extent(ends, absent: 0))
      let insets = Insets(top: b.height, bottom: e.height, left: b.width, right: e.width)
      x = try emit(node, index, .pad(insets), reading: [x], suffix: "/pad")
      return .explicit(0)
    }
    // Over a volume, each axis with unequal ends is padded on its own; the rest stay the window's.
    for axis in 0..<spatial where begins[axis] != ends[axis] {
      x = try emit(
        node, index, .padAxis(axis: axis, before: begins[axis], after: ends[axis]), reading: [x],
        suffix: "/pad\(axis + 1)")
      begins[axis] = 0
    }
    return .explicit(Self.extent(begins, absent: 0))
  }

  /// MaxPool, AveragePool and LpPool over one, two or three spatial axes.
  mutating func pooling(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var (x, _) = try data(node, index, 0)
    let spatial = x.dims.count - 2
    guard let kernel = ints(node, "kernel_shape"), kernel.count == spatial,
      (1...3).contains(spatial)
    else {
      throw fail(node, index, "is not a 1-D, 2-D or 3-D pooling on N×C×L, N×C×H×W or N×C×D×H×W")
    }
    x = try asChannelsFirst(node, index, x)
    if spatial == 3 { x = try asVolume(node, index, x) }
    // Windows of a tensor whose batch was merged into its first axis: each of its H×W maps.
    if spatial == 2 { x = try mergedBatchAsChannelsFirst(node, index, x) }
    let strides = ints(node, "strides") ?? Array(repeating: 1, count: spatial)
    let dilations = ints(node, "dilations") ?? [1]
    let power = node.opType == "LpPool" ? int(node, "p", 2) : nil
    guard strides.count == spatial, dilations.allSatisfy({ $0 == 1 }),
      (strides + kernel).allSatisfy(Self.isWindowValue), Self.isWindowValue(power ?? 1)
    else {
      throw fail(
        node, index,
        "has strides \(strides), dilations \(ints(node, "dilations") ?? [1, 1]) and kernel "
          + "\(kernel)" + (power.map { " and p \($0)" } ?? "") + "; netcost reads dilation 1 and "
          + "\(Self.spelled(spatial)) strides and sides, 1 to 2³¹ − 1"
          + (power == nil ? "" : ", and a p from 1 to 2³¹ − 1"))
    }
    let padding = try windowPadding(node, index, &x, spatial: spatial)
    let pool = Pooling(
      mode: node.opType == "MaxPool" ? .max : .average, kernel: Self.extent(kernel, absent: 1),
      stride: Self.extent(strides, absent: 1), padding: padding,
      ceilMode: int(node, "ceil_mode", 0) == 1, power: power)
    define(node, as: try emit(node, index, Operation.pooling(pool).droppingIdleDepth, reading: [x]))
  }

  /// GlobalLpPool: one Lp window over every spatial axis.
  mutating func globalLpPooling(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var (x, _) = try data(node, index, 0)
    let spatial = x.dims.count - 2
    guard (1...3).contains(spatial) else {
      throw fail(node, index, "is not a pooling on N×C×L, N×C×H×W or N×C×D×H×W")
    }
    x = try asChannelsFirst(node, index, x)
    if spatial == 3 { x = try asVolume(node, index, x) }
    // Windows of a tensor whose batch was merged into its first axis: each of its H×W maps.
    if spatial == 2 { x = try mergedBatchAsChannelsFirst(node, index, x) }
    let power = int(node, "p", 2)
    guard Self.isWindowValue(power) else {
      throw fail(node, index, "has p \(power); netcost reads p from 1 to 2³¹ − 1")
    }
    let whole = Self.extent(Array(x.dims[2...]), absent: 1)
    let pool = Pooling(
      mode: .average, kernel: whole, stride: whole, padding: .explicit(0), ceilMode: false,
      power: power)
    define(node, as: try emit(node, index, .pooling(pool), reading: [x]))
  }
}
