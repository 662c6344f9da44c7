import NetCostCore

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

  /// Input `i` (from 0) not given, or given as an empty name.
  func missingInput(_ node: OnnxNode, _ index: Int, _ i: Int) -> Failure {
    fail(node, index, "input \(i + 1) is missing")
  }

  func tensor(_ node: OnnxNode, _ index: Int, _ i: Int) throws(Failure) -> Tensor {
    guard i < node.inputs.count, !node.inputs[i].isEmpty else {
      throw missingInput(node, index, i)
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
      guard v == v.rounded() else {
        throw fail(node, index, "input \(i + 1) holds \(v.shortDescription), not a whole number")
      }
      guard abs(v) <= Double(Int64(Int32.max) * 4) else {
        throw fail(
          node, index, "input \(i + 1) holds \(v.shortDescription), past the 2³³ netcost reads here"
        )
      }
      ints.append(Int(v))
    }
    return ints
  }

  /// The ONNX axes of `t` in netcost's order: the batch left out and, for N×C×…, the spatial
  /// axes (the last two, or the one of N×C×L) first and the channel axes after them (N×C×H×W →
  /// H×W×C; ResNeSt's N×r×C×H×W → H×W×r×C). A window read over a leading axis that is not the
  /// batch keeps that axis first (B·w×C×H×W → B·w×H×W×C).
  static func axesInOrder(_ t: Tensor) -> [Int] {
    let rank = t.dims.count
    if t.leadingAxis, t.layout == .channelsFirst, t.batchAxis == nil, rank == 4 {
      return [0, 2, 3, 1]
    }
    guard t.layout == .channelsFirst, t.batchAxis == 0, rank >= 2 else {
      return t.dims.indices.filter { $0 != t.batchAxis }
    }
    let spatial = min(t.spatialAxes, rank - 2)
    return Array((rank - spatial)..<rank) + Array(1..<(rank - spatial))
  }

  /// netcost's view of an ONNX tensor, one sample of it: N×C×H×W and N×H×W×C → the map H×W×C;
  /// N×F and a flat F → 1×1×F (a fully connected layer's output); N×C×L → L×C; N×T×D → T×D;
  /// any other tensor its dims less the
  /// batch. Nil past `Shape.maxRank`.
  static func view(_ t: Tensor) -> Shape? {
    let dims = t.dims
    switch (dims.count, t.layout, t.batchAxis) {
    case (1, _, _): return Shape(1, 1, dims[0])
    case (2, _, 0?): return Shape(1, 1, dims[1])
    case (4, _, 0?): return Self.axesInOrder(t).map { dims[$0] }.mapShape(layout: .map)
    default:
      let ordered = Self.axesInOrder(t).map { dims[$0] }
      return (ordered.isEmpty ? [1] : ordered).mapShape(layout: .plain)
    }
  }

  /// The ONNX dims of netcost's `shape`, in the frame (batch axis, layout, rank) of `like`; when
  /// the rank differs, the batch first and then netcost's dims, in a plain layout.
  static func frame(_ shape: Shape, like: Tensor) -> Tensor {
    var t = like
    let rank = like.dims.count
    let n = like.batchAxis.map { like.dims[$0] } ?? 1
    if rank <= 2, shape.isMap, shape.height == 1, shape.width == 1 {
      t.dims = rank == 1 ? [shape.channels] : [n, shape.channels]
      return t
    }
    let axes = Self.axesInOrder(like)
    if axes.count == shape.rank {
      for (i, a) in axes.enumerated() { t.dims[a] = shape[i] }
      return t
    }
    // N×C×… of another rank (a reduction's result): the same split into spatial and channel
    // axes, at the output's rank.
    if like.layout == .channelsFirst, like.batchAxis == 0 {
      t.dims = Array(repeating: n, count: shape.rank + 1)
      for (i, a) in Self.axesInOrder(t).enumerated() { t.dims[a] = shape[i] }
      return t
    }
    t.dims = (like.batchAxis == nil ? [] : [n]) + shape.dims
    t.batchAxis = like.batchAxis == nil ? nil : 0
    t.layout = .channelsLast
    return t
  }

  /// Adds a layer for `node` reading `inputs` (and the constants `learned`, weights it applies
  /// besides its inputs: a class token, a position embedding, a bias added after MatMul); its
  /// output is what netcost's formulas compute, given back as ONNX dims in `like`'s frame.
  mutating func emit(
    _ node: OnnxNode, _ index: Int, _ operation: Operation, reading inputs: [Tensor],
    suffix: String = "", like: Tensor? = nil, learnedShapes constants: [Shape] = []
  ) throws(Failure) -> Tensor {
    var shapes: [Shape] = []
    var sources: [Layer.Input] = []
    for t in inputs {
      guard let source = t.input, let shape = Self.view(t) else {
        throw fail(
          node, index, "reads a \(t.dims.count)-D tensor; netcost holds ranks 1 to \(Shape.maxRank)"
        )
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
      output = try operation.outputShape(for: shapes + constants)
    } catch {
      let words = Diagnostic.layerMessage(
        error, layer: node.label + suffix, kind: LayerKind.of(operation), inputs: shapes)
      throw fail(node, index, words.message)
    }
    let input: Layer.Input
    do throws(Diagnostic) {
      input = try builder.add(
        node.label + suffix, LayerKind.of(operation), operation, inputs: sources, at: .start,
        learned: constants)
    } catch {
      throw fail(node, index, error.message)
    }
    var result = Self.frame(output, like: like ?? inputs[0])
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
  static func count(_ dims: some Sequence<Int>) -> Int? { Shape.product(dims) }

  /// The dims two tensors broadcast to, aligned from the last (ONNX's and NumPy's rule: each
  /// pair equal or one of them 1); nil when they do not broadcast.
  static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    let x = Array(repeating: 1, count: rank - a.count) + a
    let y = Array(repeating: 1, count: rank - b.count) + b
    guard zip(x, y).allSatisfy({ $0 == $1 || $0 == 1 || $1 == 1 }) else { return nil }
    return zip(x, y).map { $0 == 1 ? $1 : $0 }
  }

  /// Checks optional input `i` of `node`, a tensor its operator applies over `dims` (a bias, a
  /// scale, batch norm's statistics, a slope): ONNX requires it to broadcast to them, one way
  /// (`exactly`: to be of those dims), and a file whose tensor does not would have netcost count
  /// values the model cannot hold.
  func checkApplied(
    _ node: OnnxNode, _ index: Int, _ i: Int, _ name: String, over dims: [Int],
    exactly: Bool = false
  ) throws(Failure) {
    guard i < node.inputs.count, !node.inputs[i].isEmpty else { return }
    let t = try tensor(node, index, i)
    let fits = exactly ? t.dims == dims : Self.broadcasts(t.dims, to: dims)
    guard fits else {
      throw fail(
        node, index,
        "has a \(name) of dims \(t.dims), which ONNX requires \(exactly ? "to be" : "to broadcast to") "
          + "\(dims)")
    }
  }

  /// Whether `small` broadcasts to `dims` without changing them (ONNX's one-way broadcast): each
  /// of its sizes, aligned from the last, equal to `dims`' or 1. Leading 1s past `dims`' rank
  /// are let pass: they only add axes of one value, which netcost's view of a tensor leaves out.
  static func broadcasts(_ small: [Int], to dims: [Int]) -> Bool {
    let extra = small.count - dims.count
    guard extra <= 0 || small.prefix(extra).allSatisfy({ $0 == 1 }) else { return false }
    return broadcast(Array(small.suffix(dims.count)), dims) == dims
  }

  /// An axis counted from the end when negative.
  func axis(_ value: Int, rank: Int) -> Int { value < 0 ? value + rank : value }
}

extension Array where Element == Int {
  /// These dims as a shape; nil outside ranks 1 to `Shape.maxRank`.
  func mapShape(layout: Shape.Layout = .plain) -> Shape? { Shape(dims: self, layout: layout) }
}
