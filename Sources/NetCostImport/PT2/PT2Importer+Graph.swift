import NetCostCore

/// A node's arguments and tensors, its layers' names, and adding a layer whose output netcost's
/// own formulas compute (`emit`), checked against the size the file records.
extension PT2Importer {
  /// An error about `node`, located at it in the file: `node 'conv2d' (aten.conv2d) in
  /// 'features.0.0' on [1, 3, 224, 224]: …`.
  func fail(
    _ node: PT2Program.Node, _ message: String, help: String? = nil, notes: [Diagnostic.Note] = []
  ) -> Failure {
    Failure(
      diagnostic: Diagnostic(
        place(node) + ": " + message, at: node.range, notes: notes, help: help))
  }

  func place(_ node: PT2Program.Node) -> String {
    let output = node.outputNames.first ?? ""
    let module = node.modules.last.map { $0.path.isEmpty ? "" : " in '\($0.path)'" } ?? ""
    let shapes = node.inputs.compactMap { input -> String? in
      guard case .tensor(let name) = input.argument, let t = tensors[name], t.input != nil
      else { return nil }
      return "[" + t.dims.map(String.init).joined(separator: ", ") + "]"
    }
    let on = shapes.isEmpty ? "" : " on " + shapes.joined(separator: ", ")
    return "node '\(output)' (aten.\(node.operatorName))\(module)\(on)"
  }

  /// The tensor argument `name` (or the positional input `position`), which an earlier node or
  /// the signature made.
  func tensor(_ node: PT2Program.Node, _ name: String) throws(Failure) -> Tensor {
    guard let argument = node.argument(name) else {
      throw fail(node, "has no argument '\(name)'")
    }
    guard case .tensor(let tensorName) = argument else {
      throw fail(node, "argument '\(name)' is not a tensor")
    }
    guard let found = tensors[tensorName] else {
      throw fail(node, "reads '\(tensorName)', which nothing before it makes")
    }
    return found
  }

  /// A tensor argument that may be left out or None (a bias).
  func optionalTensor(_ node: PT2Program.Node, _ name: String) throws(Failure) -> Tensor? {
    switch node.argument(name) {
    case nil, .none?: return nil
    default: return try tensor(node, name)
    }
  }

  /// A computed tensor (made by a layer), not a weight or a constant.
  func data(_ node: PT2Program.Node, _ name: String) throws(Failure) -> Tensor {
    let t = try tensor(node, name)
    guard t.input != nil else {
      throw fail(node, "argument '\(name)' is a constant where netcost expects computed data")
    }
    return t
  }

  /// The first tensor a node reads, whatever its argument's name.
  func firstTensorName(_ node: PT2Program.Node) -> String? {
    for input in node.inputs {
      if case .tensor(let name) = input.argument { return name }
      if case .tensors(let names) = input.argument, let name = names.first ?? nil { return name }
    }
    return nil
  }

  func int(_ node: PT2Program.Node, _ name: String, _ defaultValue: Int) throws(Failure) -> Int {
    switch node.argument(name) {
    case nil, .none?: return defaultValue
    case .int(let n)?: return n
    case .symInt(let s)?: return try size(node, s)
    default: throw fail(node, "argument '\(name)' is not a whole number")
    }
  }

  /// A list of whole numbers (a stride, a shape); sizes a node computed are looked up.
  func ints(_ node: PT2Program.Node, _ name: String, _ defaultValue: [Int]) throws(Failure) -> [Int]
  {
    switch node.argument(name) {
    case nil, .none?: return defaultValue
    case .ints(let values)?: return values
    case .int(let n)?: return [n]
    case .symInts(let values)?:
      var ints: [Int] = []
      for s in values { ints.append(try size(node, s)) }
      return ints
    default: throw fail(node, "argument '\(name)' is not a list of whole numbers")
    }
  }

  func size(_ node: PT2Program.Node, _ s: PT2Program.SymInt) throws(Failure) -> Int {
    switch s {
    case .value(let n): return n
    case .name(let name):
      guard let n = sizes[name] ?? symbols[name] else {
        throw fail(node, "reads the size '\(name)', which nothing before it computes")
      }
      return n
    }
  }

  func float(_ node: PT2Program.Node, _ name: String) -> Double? {
    switch node.argument(name) {
    case .float(let x)?: x
    case .int(let n)?: Double(n)
    default: nil
    }
  }

  func bool(_ node: PT2Program.Node, _ name: String, _ defaultValue: Bool) -> Bool {
    if case .bool(let b)? = node.argument(name) { return b }
    return defaultValue
  }

  /// The module call that ran a node (`features.3.conv.1`, `layer4.1.relu@1` for a module's
  /// second call, as `nn_module_stack` keys it); empty for the model's own forward.
  static func call(of node: PT2Program.Node) -> String { node.modules.last?.call ?? "" }

  /// A layer's name while the graph is read: its call and the tensor its node makes
  /// (`blocks.0.attn/permute`), or that tensor alone for the model's own forward; unique, since
  /// the graph names each tensor once. `finalNames` gives the module's own name to the last
  /// layer of each call.
  static func provisionalName(_ node: PT2Program.Node) -> String {
    let output = node.outputNames.first.flatMap { $0.isEmpty ? nil : $0 } ?? node.operatorName
    let call = call(of: node)
    return call.isEmpty ? output : call + "/" + output
  }

  /// How PyTorch ran a node, for the conventions of the tools that hook modules: in a leaf
  /// module (no module ran inside it) of torch.nn's own classes, `module`; of another class
  /// (timm's LayerNorm, a subclass), `custom`; in a module's own forward, a tensor method
  /// (`out += identity`, `x.mean()`) is `tensor` and a function (`F.relu`, `torch.cat`)
  /// `functional`. Nil where the file does not say (no `torch_fn`).
  func torchCall(of node: PT2Program.Node) -> TorchCall? {
    if let frame = node.modules.last, !frame.path.isEmpty, !containers.contains(frame.path) {
      return frame.type.hasPrefix("torch.nn.modules.") ? .module : .custom
    }
    if node.function.hasPrefix("method_descriptor.")
      || node.function.hasPrefix("wrapper_descriptor.")
    {
      return .tensor
    }
    return node.function.isEmpty ? nil : .functional
  }

  /// Whether the node overwrote its input (`relu_`, `add_`, `hardtanh_`): the `pytorch` memory
  /// policy's in-place write.
  static func isInPlace(_ node: PT2Program.Node) -> Bool {
    let op = node.operatorName
    return op.hasSuffix("_") && !op.hasSuffix("__")
  }

  /// The layers, each call's last one named by the module (its output is the module's, what
  /// torchinfo's row shows: `features.3.conv.1`), the rest keeping their provisional names.
  func finalNames(_ layers: [Layer]) -> [Layer] {
    var last: [String: Int] = [:]
    for (i, call) in callOfLayer.enumerated() where !call.isEmpty { last[call] = i }
    var layers = layers
    for (i, (call, inPlace)) in callers.enumerated() where i < layers.count {
      if let call { layers[i].torchCall = call }
      if layers[i].kind.inPlaceDefault != nil { layers[i].inPlace = inPlace }
    }
    var taken = Set(layers.map(\.name))
    for (call, i) in last.sorted(by: { $0.value < $1.value }) where i < layers.count {
      guard !taken.contains(call), call.utf8.count <= Limit.nameLength.value else { continue }
      taken.remove(layers[i].name)
      taken.insert(call)
      layers[i].name = call
    }
    return layers
  }

  /// Adds a layer for `node` reading `inputs` (and `learned`, weights it applies besides them);
  /// its output is what netcost's formulas compute, given back as dims in `like`'s frame.
  mutating func emit(
    _ node: PT2Program.Node, _ operation: Operation, reading inputs: [Tensor],
    suffix: String = "", like: Tensor? = nil, learned: [Shape] = []
  ) throws(Failure) -> Tensor {
    var shapes: [Shape] = []
    var sources: [Layer.Input] = []
    for t in inputs {
      guard let source = t.input, let shape = OnnxImporter.view(t) else {
        throw fail(
          node, "reads a \(t.dims.count)-D tensor; netcost holds ranks 1 to \(Shape.maxRank)")
      }
      guard t.dims.allSatisfy({ $0 >= 1 }) else {
        throw fail(node, "reads a tensor of dims \(t.dims); every dim must be at least 1")
      }
      shapes.append(shape)
      sources.append(source)
    }
    let layerName = Self.provisionalName(node) + suffix
    let output: Shape
    do throws(LayerError) {
      output = try operation.outputShape(for: shapes + learned)
    } catch {
      let words = Diagnostic.layerMessage(
        error, layer: layerName, kind: LayerKind.of(operation), inputs: shapes)
      throw fail(node, words.message)
    }
    let input: Layer.Input
    do throws(Diagnostic) {
      input = try builder.add(
        layerName, LayerKind.of(operation), operation, inputs: sources, at: node.range,
        learned: learned)
    } catch {
      throw fail(node, error.message)
    }
    callOfLayer.append(Self.call(of: node))
    callers.append((torchCall(of: node), inPlace: Self.isInPlace(node)))
    var result = OnnxImporter.frame(output, like: like ?? inputs[0])
    result.input = input
    result.values = nil
    result.weight = false
    return result
  }

  /// Records what a node makes, after checking its dims against those the file records for it
  /// (when the program is read at the size it was traced at): a rule netcost follows
  /// differently from PyTorch is an error here, not a wrong count later.
  mutating func define(
    _ node: PT2Program.Node, _ output: Int = 0, as tensor: Tensor
  ) throws(Failure) {
    let names = node.outputNames
    guard output < names.count, !names[output].isEmpty else { return }
    let name = names[output]
    if tensor.input != nil, checksRecordedSizes, let meta = program.tensors[name] {
      let recorded = recordedSizes(meta)
      let agrees =
        recorded.count == tensor.dims.count
        && zip(recorded, tensor.dims).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
      guard agrees else {
        throw fail(
          node,
          "netcost computes its output '\(name)' as \(tensor.dims), where the file records "
            + Self.describe(meta.sizes))
      }
    }
    tensors[name] = tensor
  }

  /// A tensor the node makes from weights and constants alone: its dims as the file records them;
  /// a weight only moved (`permute`, `t`, `expand`, `view`) stays a weight.
  mutating func defineConstant(
    _ node: PT2Program.Node, _ output: Int = 0, from source: Tensor?, moved: Bool
  ) throws(Failure) {
    let names = node.outputNames
    guard output < names.count, !names[output].isEmpty else { return }
    guard let meta = program.tensors[names[output]] else {
      throw fail(node, "makes '\(names[output])', which tensor_values does not describe")
    }
    let weight = moved && source?.weight == true
    tensors[names[output]] = Tensor(
      dims: try recorded(meta, of: names[output]), input: nil, weight: weight,
      weightValues: weight ? source?.weightValues ?? 0 : 0)
  }

  /// An axis counted from the end when negative.
  static func axis(_ value: Int, rank: Int) -> Int { value < 0 ? value + rank : value }
}
