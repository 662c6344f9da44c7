import NetCostCore

/// Parts of a tensor: Split and Slice of any axis, and the slices Gather of a run of indices
/// makes; equal parts of the channels stay channel splits (ShuffleNet v2).
extension OnnxImporter {
  /// Split: equal parts of the channels are channel splits (ShuffleNet v2); any other parts, on
  /// any axis, slices.
  mutating func split(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let (x, _) = try data(node, index, 0)
    let rank = x.dims.count
    let at = axis(int(node, "axis", 0), rank: rank)
    guard (0..<rank).contains(at) else {
      throw fail(node, index, "splits along axis \(int(node, "axis", 0)) of a rank-\(rank) tensor")
    }
    let parts = node.outputs.count
    guard int(node, "num_outputs", parts) == parts else {
      throw fail(
        node, index, "has num_outputs \(int(node, "num_outputs", parts)) but \(parts) outputs")
    }
    var sizes =
      node.inputs.count > 1 && !node.inputs[1].isEmpty
      ? try values(node, index, 1) : (ints(node, "split") ?? [])
    let size = x.dims[at]
    if sizes.isEmpty {
      // Equal parts, the last smaller when they do not divide (opset 18's num_outputs).
      let part = parts > 0 ? (size + parts - 1) / parts : 0
      sizes = (0..<parts).map { max(0, min(part, size - $0 * part)) }
    }
    // Each part at least 1 and at most the whole, so that their sum cannot wrap around.
    guard parts >= 1, sizes.count == parts, sizes.allSatisfy({ $0 >= 1 && $0 <= size }),
      sizes.reduce(0, { $0 &+ $1 }) == size
    else {
      throw fail(node, index, "splits \(size) into \(sizes) for \(parts) outputs")
    }
    // Equal channel parts asked once, not for each part (99,000 parts took 95 s, issue 25).
    let equalChannels = Self.axesInOrder(x).last == at && sizes.allSatisfy { $0 == sizes[0] }
    var start = 0
    for part in 0..<parts {
      let suffix = parts > 1 ? "/\(part + 1)" : ""
      if equalChannels {
        define(
          node, part,
          as: try emit(
            node, index, .channelSplit(parts: parts, part: part + 1), reading: [x], suffix: suffix))
      } else {
        define(
          node, part,
          as: try sliced(
            node, index, x, axis: at, start: start, end: start + sizes[part], step: 1,
            suffix: suffix))
      }
      start += sizes[part]
    }
  }

  /// Slice: a part of the channels that is one of equal parts is a channel split (ShuffleNet's
  /// chunk); any other part of any axes, one `slice` per axis.
  mutating func slice(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var (x, _) = try data(node, index, 0)
    let (starts, ends, axes, steps) = try sliceArguments(node, index)
    guard !axes.isEmpty else {
      throw fail(node, index, "has starts, ends, axes and steps of different lengths")
    }
    let rank = x.dims.count
    for (i, a) in axes.enumerated() {
      let at = axis(a, rank: rank)
      guard (0..<rank).contains(at) else {
        throw fail(node, index, "slices axis \(a) of a rank-\(rank) tensor")
      }
      let c = x.dims[at]
      let (from, to) = Self.clamped(starts[i], ends[i], size: c)
      let length = to - from
      // The whole axis: nothing to do.
      if from == 0, to == c, steps[i] == 1 { continue }
      if Self.axesInOrder(x).last == at, steps[i] == 1, length > 0, c % length == 0,
        from % length == 0, axes.count == 1
      {
        x = try emit(
          node, index, .channelSplit(parts: c / length, part: from / length + 1), reading: [x])
        continue
      }
      x = try sliced(
        node, index, x, axis: at, start: from, end: to, step: steps[i],
        suffix: axes.count > 1 ? "/\(at)" : "")
    }
    define(node, as: x)
  }

  /// One `slice` of ONNX axis `at` of `x`, in netcost's order of the axes.
  mutating func sliced(
    _ node: OnnxNode, _ index: Int, _ x: Tensor, axis at: Int, start: Int, end: Int, step: Int,
    suffix: String
  ) throws(Failure) -> Tensor {
    guard at != x.batchAxis else {
      throw fail(node, index, "slices the batch; netcost follows one sample")
    }
    guard step >= 1, let internalAxis = Self.axesInOrder(x).firstIndex(of: at) else {
      throw fail(node, index, "slices axis \(at) by step \(step); netcost slices forward")
    }
    let channels = internalAxis == Self.axesInOrder(x).count - 1
    return try emit(
      node, index,
      .slice(Slice(axis: channels ? -1 : internalAxis, start: start, end: end, step: step)),
      reading: [x], suffix: suffix)
  }

  /// Slice's starts, ends, axes (all of them, in order, when absent) and steps (1), as many of
  /// each.
  func sliceArguments(
    _ node: OnnxNode, _ index: Int
  ) throws(Failure) -> (starts: [Int], ends: [Int], axes: [Int], steps: [Int]) {
    let starts = try clampedValues(node, index, 1)
    let ends = try clampedValues(node, index, 2)
    let axes =
      node.inputs.count > 3 && !node.inputs[3].isEmpty
      ? try values(node, index, 3) : Array(0..<starts.count)
    let steps =
      node.inputs.count > 4 && !node.inputs[4].isEmpty
      ? try clampedValues(node, index, 4, lowest: -0x1p63) : starts.map { _ in 1 }
    guard starts.count == ends.count, axes.count == starts.count, steps.count == starts.count
    else {
      throw fail(node, index, "has starts, ends, axes and steps of different lengths")
    }
    return (starts, ends, axes, steps)
  }

  /// A forward slice's ends on an axis of `size`, negative ones from the end, clamped to it as
  /// ONNX clamps them; the end never before the start.
  static func clamped(_ start: Int, _ end: Int, size n: Int) -> (from: Int, to: Int) {
    let from = max(0, min(start < 0 ? start + n : start, n))
    return (from, max(from, min(end < 0 ? end + n : end, n)))
  }

  /// Constant integers that may be ±2⁶³ − 1 (a slice's "to the end"), clamped to ±2⁴⁰: no axis
  /// is that long. `lowest`: a lower clamp instead, for steps, whose negative values are refused
  /// and named as the file wrote them (−2⁶³ is exact as a Double and as an Int).
  func clampedValues(
    _ node: OnnxNode, _ index: Int, _ i: Int, lowest: Double = -Double(1 << 40)
  ) throws(Failure) -> [Int] {
    let t = try tensor(node, index, i)
    guard let values = t.values else {
      throw fail(
        node, index, "input \(i + 1) ('\(node.inputs[i])') must be a constant netcost can read")
    }
    let bound = Double(1 << 40)
    return values.map { Int(max(lowest, min(bound, $0.rounded(.towardZero)))) }
  }
}
