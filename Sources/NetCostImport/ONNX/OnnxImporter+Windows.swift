import NetCostCore

/// Operators that slide a window over N×C×H×W (or N×C×L): convolutions, pooling, and their
/// padding.
extension OnnxImporter {
  /// Conv: weights N×C/g×kh×kw; pads begin and end per axis (asymmetric ones become a pad layer);
  /// one group per input channel is depthwise.
  mutating func convolution(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var (x, _) = try dataOrConstant(node, index, 0, layout: .channelsFirst)
    let w = try tensor(node, index, 1)
    // A 1-D convolution (N×C×L, ECA's attention) is a 2-D one of height 1.
    let flat = w.dims.count == 3
    guard x.dims.count == w.dims.count, x.dims.count == 4 || flat else {
      throw fail(node, index, "is not a 1-D or 2-D convolution on N×C×L or N×C×H×W")
    }
    x = try asChannelsFirst(node, index, x)
    let groups = int(node, "group", 1)
    guard groups >= 1 else {
      throw fail(node, index, "has group \(groups); ONNX's group is at least 1")
    }
    let kernel = Extent(flat ? 1 : w.dims[2], w.dims[flat ? 2 : 3])
    let strides = (flat ? [1] : []) + (ints(node, "strides") ?? (flat ? [1] : [1, 1]))
    let dilations = (flat ? [1] : []) + (ints(node, "dilations") ?? (flat ? [1] : [1, 1]))
    guard strides.count == 2, dilations.count == 2, groups >= 1,
      (strides + dilations + [kernel.height, kernel.width]).allSatisfy(Self.isWindowValue)
    else {
      throw fail(
        node, index,
        "has strides \(strides), dilations \(dilations) and kernel \(kernel.height)×\(kernel.width); "
          + "netcost reads two of each, 1 to 2³¹ − 1")
    }
    let filters = w.dims[0]
    let channels = x.dims[1]
    // The weight must fit the input: W is C_out × (C_in / group) × kH × kW.
    let (inputChannels, overflow) = w.dims[1].multipliedReportingOverflow(by: groups)
    guard filters >= 1, !overflow, inputChannels == channels, filters % groups == 0 else {
      throw fail(
        node, index,
        "has weights \(w.dims) and group \(groups) on \(channels) input channels; ONNX's Conv "
          + "takes C_out × (C_in / group) × kH × kW with C_out a multiple of group")
    }
    let padding = try windowPadding(node, index, &x, flat: flat)
    let bias = node.inputs.count > 2 && !node.inputs[2].isEmpty
    sawConvBias = sawConvBias || bias
    let depthwise = groups == channels && groups > 1 && filters % channels == 0
    let conv = Convolution(
      filters: depthwise ? .perInputChannel(filters / channels) : .count(filters),
      kernel: kernel, stride: Extent(strides[0], strides[1]), padding: padding,
      dilation: Extent(dilations[0], dilations[1]),
      groups: depthwise ? .depthwise : .count(groups), bias: bias)
    define(node, as: try emit(node, index, .convolution(conv), reading: [x]))
  }

  /// A window's padding: ONNX `pads` [top, left, bottom, right], or `auto_pad`. Unequal pads on
  /// an axis become a `pad` layer before the window, which `x` then reads.
  mutating func windowPadding(
    _ node: OnnxNode, _ index: Int, _ x: inout Tensor, flat: Bool = false
  ) throws(Failure) -> Padding {
    switch string(node, "auto_pad") ?? "NOTSET" {
    case "SAME_UPPER", "SAME_LOWER": return .same
    case "VALID": return .valid
    case "NOTSET", "": break
    case let other: throw fail(node, index, "has auto_pad '\(other)'")
    }
    var pads = ints(node, "pads") ?? [0, 0, 0, 0]
    if flat, pads.count == 2 { pads = [0, pads[0], 0, pads[1]] }
    guard pads.count == 4, pads.allSatisfy({ $0 == 0 || Self.isWindowValue($0) }) else {
      throw fail(node, index, "has pads \(pads); netcost reads four, none negative")
    }
    if pads[0] == pads[2] && pads[1] == pads[3] { return .explicit(Extent(pads[0], pads[1])) }
    let insets = Insets(top: pads[0], bottom: pads[2], left: pads[1], right: pads[3])
    x = try emit(node, index, .pad(insets), reading: [x], suffix: "/pad")
    return .explicit(0)
  }

  mutating func pooling(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var (x, _) = try data(node, index, 0)
    // A 1-D pooling (N×C×L, MaxPool1d) is a 2-D one of height 1.
    let flat = x.dims.count == 3
    guard var kernel = ints(node, "kernel_shape"), kernel.count == (flat ? 1 : 2),
      x.dims.count == 4 || flat
    else {
      throw fail(node, index, "is not a 1-D or 2-D pooling on N×C×L or N×C×H×W")
    }
    x = try asChannelsFirst(node, index, x)
    var strides = ints(node, "strides") ?? (flat ? [1] : [1, 1])
    if flat {
      kernel = [1] + kernel
      strides = [1] + strides
    }
    guard strides.count == 2, (ints(node, "dilations") ?? [1]).allSatisfy({ $0 == 1 }),
      (strides + kernel).allSatisfy(Self.isWindowValue)
    else {
      throw fail(
        node, index,
        "has strides \(strides), dilations \(ints(node, "dilations") ?? [1, 1]) and kernel \(kernel); "
          + "netcost reads dilation 1 and two strides and sides, 1 to 2³¹ − 1")
    }
    let padding = try windowPadding(node, index, &x, flat: flat)
    let pool = Pooling(
      mode: node.opType == "MaxPool" ? .max : .average, kernel: Extent(kernel[0], kernel[1]),
      stride: Extent(strides[0], strides[1]), padding: padding,
      ceilMode: int(node, "ceil_mode", 0) == 1)
    define(node, as: try emit(node, index, .pooling(pool), reading: [x]))
  }
}
