/// The tensors' bookkeeping: where a node's inputs come from, netcost's H×W×C view of an ONNX
/// tensor, and adding a layer whose output netcost's own formulas compute.
extension OnnxImporter {
  /// What a node's problem is said with: `node 12 'Conv_12' (Conv)`.
  func place(_ node: OnnxNode, _ index: Int) -> String {
    "node \(index) '\(node.label)' (\(node.opType))"
  }

  func fail(
    _ node: OnnxNode, _ index: Int, _ message: String, help: String? = nil,
    notes: [Diagnostic.Note] = []
  ) -> Failure {
    let shapes = node.inputs.compactMap { tensors[$0] }.filter { $0.values == nil }
      .map { "[" + $0.dims.map(String.init).joined(separator: ", ") + "]" }
    let on = shapes.isEmpty ? "" : " on " + shapes.joined(separator: ", ")
    return Failure(message: place(node, index) + on + ": " + message, help: help, notes: notes)
  }

  func tensor(_ node: OnnxNode, _ index: Int, _ i: Int) throws(Failure) -> Tensor {
    guard i < node.inputs.count, !node.inputs[i].isEmpty else {
      throw fail(node, index, "input \(i + 1) is missing")
    }
    guard let found = tensors[node.inputs[i]] else {
      throw fail(node, index, "reads '\(node.inputs[i])', which nothing before it makes")
    }
    return found
  }

  /// A computed tensor (made by a layer), not a constant or a weight.
  func data(_ node: OnnxNode, _ index: Int, _ i: Int) throws(Failure) -> (Tensor, Layer.Input) {
    let t = try tensor(node, index, i)
    guard t.pattern == nil else {
      throw fail(
        node, index,
        "reads a tensor that is part of a pattern netcost folds (GELU, channel shuffle) in a way it does not recognise"
      )
    }
    guard let input = t.input else {
      throw fail(node, index, "input \(i + 1) is a constant where netcost expects computed data")
    }
    return (t, input)
  }

  func isConstant(_ node: OnnxNode, _ i: Int) -> Bool {
    guard i < node.inputs.count, let t = tensors[node.inputs[i]] else { return false }
    return t.input == nil && t.pattern == nil
  }

  /// Constant values an operator needs (a shape, axes, pads).
  func values(_ node: OnnxNode, _ index: Int, _ i: Int) throws(Failure) -> [Int] {
    let t = try tensor(node, index, i)
    guard let values = t.values else {
      throw fail(
        node, index,
        "input \(i + 1) ('\(node.inputs[i])') must be a constant netcost can read (a shape or axes), "
          + "but its values are computed or in external data")
    }
    var ints: [Int] = []
    for v in values {
      guard v == v.rounded(), abs(v) <= Double(Int64(Int32.max) * 4) else {
        throw fail(node, index, "input \(i + 1) holds \(v), not a whole number")
      }
      ints.append(Int(v))
    }
    return ints
  }

  /// netcost's H×W×C view of an ONNX tensor: N×C×H×W → H×W×C, N×H×W×C → H×W×C, N×F → 1×1×F,
  /// N×T×C → 1×T×C, N×g×c×H×W (a shuffle's middle) → H×W×(g·c).
  static func view(_ dims: [Int], _ layout: Tensor.Layout) -> Shape? {
    switch (dims.count, layout) {
    case (4, .channelsFirst): Shape(dims[2], dims[3], dims[1])
    case (4, .channelsLast): Shape(dims[1], dims[2], dims[3])
    case (3, _): Shape(1, dims[1], dims[2])
    case (2, _): Shape(1, 1, dims[1])
    // A flat run of values (the dynamo exporter's as_strided goes through one).
    case (1, _): Shape(1, 1, dims[0])
    case (5, .channelsFirst):
      dims[1].multipliedReportingOverflow(by: dims[2]).overflow
        ? nil : Shape(dims[3], dims[4], dims[1] * dims[2])
    default: nil
    }
  }

  /// The ONNX dims of a view, in the layout and rank of `like`.
  static func dims(_ shape: Shape, like: Tensor) -> [Int] {
    let n = like.dims.first ?? 1
    switch (like.dims.count, like.layout) {
    case (4, .channelsFirst): return [n, shape.channels, shape.height, shape.width]
    case (4, .channelsLast): return [n, shape.height, shape.width, shape.channels]
    case (3, _): return [n, shape.width, shape.channels]
    case (1, _): return [shape.channels]
    default: return [n, shape.channels]
    }
  }

  /// Adds a layer for `node` reading `inputs`; its output is what netcost's formulas compute,
  /// given back as ONNX dims in `like`'s layout (and rank, unless `rank` says otherwise).
  mutating func emit(
    _ node: OnnxNode, _ index: Int, _ operation: Operation, reading inputs: [Tensor],
    suffix: String = "", like: Tensor? = nil
  ) throws(Failure) -> Tensor {
    var shapes: [Shape] = []
    var sources: [Layer.Input] = []
    for t in inputs {
      guard let source = t.input, let shape = Self.view(t.dims, t.layout) else {
        throw fail(node, index, "netcost has no H×W×C view of a \(t.dims.count)-D tensor here")
      }
      // Every size a layer reads is positive: a zero or negative dim from a file is an error
      // here, not a row of -8×8×-3.
      guard t.dims.allSatisfy({ $0 >= 1 }) else {
        throw fail(node, index, "reads a tensor of dims \(t.dims); every dim must be at least 1")
      }
      shapes.append(shape)
      sources.append(source)
    }
    let output: Shape
    do throws(LayerError) {
      output = try operation.outputShape(for: shapes)
    } catch {
      let words = Diagnostic.layerMessage(
        error, layer: node.label + suffix, kind: LayerKind.of(operation), inputs: shapes)
      throw fail(node, index, words.message)
    }
    let input: Layer.Input
    do throws(Diagnostic) {
      input = try builder.add(
        node.label + suffix, LayerKind.of(operation), operation, inputs: sources, at: .start)
    } catch {
      throw fail(node, index, error.message)
    }
    var result = like ?? inputs[0]
    result.dims = Self.dims(output, like: result)
    result.input = input
    result.values = nil
    result.pattern = nil
    return result
  }

  /// Records what a node makes. ONNX graphs are single-assignment: a name made twice is an error,
  /// raised by the next node (`apply` checks every output before it runs).
  mutating func define(_ node: OnnxNode, _ output: Int = 0, as tensor: Tensor) {
    guard output < node.outputs.count, !node.outputs[output].isEmpty else { return }
    tensors[node.outputs[output]] = tensor
  }

  func checkOutputsAreNew(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var seen = Set<String>()
    for name in node.outputs where !name.isEmpty {
      guard seen.insert(name).inserted else { throw fail(node, index, "makes '\(name)' twice") }
      guard tensors[name] == nil else {
        throw fail(node, index, "makes '\(name)', which the graph already has")
      }
    }
  }

  /// Integer and float attributes with ONNX's defaults.
  func int(_ node: OnnxNode, _ name: String, _ defaultValue: Int) -> Int {
    if case .int(let v)? = node.attributes[name] { return Int(clamping: v) }
    return defaultValue
  }

  func ints(_ node: OnnxNode, _ name: String) -> [Int]? {
    if case .ints(let v)? = node.attributes[name] { return v.map { Int(clamping: $0) } }
    return nil
  }

  func string(_ node: OnnxNode, _ name: String) -> String? {
    if case .string(let v)? = node.attributes[name] { return v }
    return nil
  }

  func float(_ node: OnnxNode, _ name: String) -> Double? {
    if case .float(let v)? = node.attributes[name] { return v }
    return nil
  }

  /// The number of values of a tensor of `dims`; nil past 64 bits or for a negative dim.
  static func count(_ dims: [Int]) -> Int? {
    var total = 1
    for d in dims {
      guard d >= 0 else { return nil }
      let (product, overflow) = total.multipliedReportingOverflow(by: d)
      if overflow { return nil }
      total = product
    }
    return total
  }

  /// An axis counted from the end when negative.
  func axis(_ value: Int, rank: Int) -> Int { value < 0 ? value + rank : value }
}
