import NetCostCore

/// ConvTranspose: the transposed convolution of N×C×H×W (or N×C×L), weights C_in × C_out/g ×
/// kH × kW.
extension OnnxImporter {
  /// Pads (or `output_shape`, or `auto_pad`) cut the output: equal ones are the layer's padding,
  /// and the rest of unequal ones a `crop` after it.
  mutating func transposedConvolution(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var (x, _) = try data(node, index, 0)
    let w = try tensor(node, index, 1)
    let flat = w.dims.count == 3
    guard x.dims.count == w.dims.count, x.dims.count == 4 || flat else {
      throw fail(node, index, "is not a 1-D or 2-D transposed convolution on N×C×L or N×C×H×W")
    }
    x = try asChannelsFirst(node, index, x)
    let groups = int(node, "group", 1)
    let two = { (values: [Int]?, fill: Int) -> [Int] in
      let v = values ?? [fill, fill]
      return flat && v.count == 1 ? [fill] + v : v
    }
    let kernel = flat ? [1, w.dims[2]] : [w.dims[2], w.dims[3]]
    let strides = two(ints(node, "strides"), 1)
    let dilations = two(ints(node, "dilations"), 1)
    let extra = two(ints(node, "output_padding"), 0)
    guard groups >= 1, strides.count == 2, dilations.count == 2, extra.count == 2,
      (strides + dilations + kernel).allSatisfy(Self.isWindowValue),
      extra.allSatisfy({ $0 >= 0 && $0 <= Int(Int32.max) }), extra[0] == extra[1] || flat
    else {
      throw fail(
        node, index,
        "has strides \(strides), dilations \(dilations), output_padding \(extra), group "
          + "\(groups) and kernel \(kernel); netcost reads two of each from 1 to 2³¹ − 1 and an "
          + "output_padding equal on both sides")
    }
    let channels = x.dims[1]
    let (filters, overflow) = w.dims[1].multipliedReportingOverflow(by: groups)
    guard w.dims[0] == channels, w.dims[1] >= 1, !overflow, channels % groups == 0 else {
      throw fail(
        node, index,
        "has weights \(w.dims) and group \(groups) on \(channels) input channels; ONNX's "
          + "ConvTranspose takes C_in × (C_out / group) × kH × kW")
    }
    guard w.input == nil else {
      throw fail(node, index, "reads its weights from computed data, not from the file")
    }
    if let given = ints(node, "kernel_shape"), given != Array(w.dims[2...]) {
      throw fail(node, index, "has kernel_shape \(given) but weights of dims \(w.dims)")
    }
    try checkApplied(node, index, 2, "bias", over: [filters], exactly: true)
    let inputs = flat ? [1, x.dims[2]] : [x.dims[2], x.dims[3]]
    let bias = node.inputs.count > 2 && !node.inputs[2].isEmpty
    // What the layer makes with no padding, then what the pads cut from each end.
    var made: [Int] = []
    for i in 0..<2 {
      // (n − 1)·s + d·(k − 1) + output_padding + 1, every step checked.
      var side: Int? = Shape.product([inputs[i] - 1, strides[i]])
      for term in [Shape.product([dilations[i], kernel[i] - 1]), extra[i], 1] {
        guard let a = side, let b = term else { side = nil; break }
        let (sum, overflow) = a.addingReportingOverflow(b)
        side = overflow ? nil : sum
      }
      guard let side, side >= 1 else { throw fail(node, index, "makes a side past 2⁶³") }
      made.append(side)
    }
    // PyTorch's rule: output padding smaller than the stride or the dilation.
    for i in 0..<2 where extra[i] >= max(strides[i], dilations[i]) {
      throw fail(
        node, index,
        "has output_padding \(extra[i]), which must be smaller than its stride or dilation")
    }
    let (begin, end) = try transposedPads(node, index, made: made, inputs: inputs, strides: strides)
    let common = Extent(min(begin[0], end[0]), min(begin[1], end[1]))
    sawConvBias = sawConvBias || bias
    let conv = Convolution(
      filters: .count(filters), kernel: Extent(kernel[0], kernel[1]),
      stride: Extent(strides[0], strides[1]), padding: .explicit(common),
      dilation: Extent(dilations[0], dilations[1]), groups: .count(groups), bias: bias)
    var y = try emit(
      node, index, .transposedConvolution(conv, outputPadding: flat ? extra[1] : extra[0]),
      reading: [x])
    let insets = Insets(
      top: begin[0] - common.height, bottom: end[0] - common.height,
      left: begin[1] - common.width, right: end[1] - common.width)
    if insets != Insets(top: 0, bottom: 0, left: 0, right: 0) {
      guard !flat else {
        throw fail(node, index, "pads one end of a 1-D output more than the other")
      }
      y = try emit(node, index, .crop(insets), reading: [y], suffix: "/crop")
    }
    define(node, as: y)
  }

  /// The rows and columns cut from each end: `pads`, or what `output_shape` or `auto_pad` SAME
  /// leaves (ONNX: total = made − wanted, SAME_UPPER cutting the odd one from the end, the others
  /// from the start).
  func transposedPads(
    _ node: OnnxNode, _ index: Int, made: [Int], inputs: [Int], strides: [Int]
  ) throws(Failure) -> (begin: [Int], end: [Int]) {
    let autoPad = string(node, "auto_pad") ?? "NOTSET"
    var wanted: [Int]? = nil
    if let shape = ints(node, "output_shape") {
      wanted = Array(shape.suffix(2))
      if made[0] == 1 && shape.count == 1 { wanted = [1] + shape }
    } else if autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER" {
      var sides: [Int] = []
      for (n, s) in zip(inputs, strides) {
        guard let side = Shape.product([n, s]) else {
          throw fail(node, index, "makes a side past 2⁶³")
        }
        sides.append(side)
      }
      wanted = sides
    }
    if let wanted {
      guard wanted.count == 2 else { throw fail(node, index, "has output_shape \(wanted)") }
      var begin: [Int] = []
      var end: [Int] = []
      for i in 0..<2 {
        let total = made[i] - wanted[i]
        guard total >= 0, wanted[i] >= 1 else {
          throw fail(node, index, "asks for an output of \(wanted) from one of \(made)")
        }
        // ONNX: SAME_UPPER cuts the odd one from the end, anything else from the start.
        let small = total / 2
        begin.append(autoPad == "SAME_UPPER" ? small : total - small)
        end.append(autoPad == "SAME_UPPER" ? total - small : small)
      }
      return (begin, end)
    }
    guard ["NOTSET", "", "VALID"].contains(autoPad) else {
      throw fail(node, index, "has auto_pad '\(autoPad)'")
    }
    var pads = autoPad == "VALID" ? [0, 0, 0, 0] : (ints(node, "pads") ?? [0, 0, 0, 0])
    if made[0] == 1, pads.count == 2 { pads = [0, pads[0], 0, pads[1]] }
    guard pads.count == 4, pads.allSatisfy({ $0 >= 0 && $0 <= Int(Int32.max) }) else {
      throw fail(node, index, "has pads \(pads); netcost reads four, none negative")
    }
    guard pads[0] + pads[2] < made[0], pads[1] + pads[3] < made[1] else {
      throw fail(node, index, "pads away all of its \(made[0])×\(made[1]) output")
    }
    return ([pads[0], pads[1]], [pads[2], pads[3]])
  }
}
