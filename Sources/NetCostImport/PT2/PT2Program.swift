import NetCostCore

/// The parts of a serialized `ExportedProgram` (`models/model.json` in a `.pt2` archive, PyTorch's
/// `torch/_export/serde/schema.py`) that netcost reads: the graph's nodes with their ATen operator,
/// arguments, outputs and module stack; every tensor's sizes, dtype and `requires_grad`
/// (`tensor_values`); the signature (which graph inputs are parameters, buffers, constants and the
/// user's input); and the declared ranges of symbolic sizes (`range_constraints`). Each value keeps
/// where it was written, so an error points into the file.
struct PT2Program {
  /// One size of a tensor: a number, or a symbol (`s77`) with the size it was traced at.
  enum Size: Equatable {
    case value(Int)
    case symbol(String, hint: Int?)
    /// A size computed from symbols (`((s1 - 1)//2) + 1`), with the size it was traced at.
    case expression(String, hint: Int?)
  }

  struct TensorMeta {
    var sizes: [Size]
    var requiresGrad: Bool
    var range: SourceRange
  }

  /// An argument as the schema's `Argument` union writes it: one key naming its kind.
  enum Argument {
    case none
    case tensor(String)
    case tensors([String?])
    case int(Int)
    case ints([Int])
    case float(Double)
    case floats([Double])
    case bool(Bool)
    case string(String)
    /// A size: a number, or the name of a value a node computed (`sym_size_int`).
    case symInt(SymInt)
    case symInts([SymInt])
    /// Any other kind (`as_scalar_type`, `as_device`, …), by its key.
    case other(String)
  }

  enum SymInt: Equatable {
    case value(Int)
    case name(String)
  }

  /// One frame of `nn_module_stack`: the module's path (`features.3.conv.1`), its call
  /// (`features.3.conv.1@1` for its second) and its class.
  struct ModuleFrame {
    var path: String
    var call: String
    var type: String
  }

  struct Node {
    /// `torch.ops.aten.conv2d.default`, as the file writes it.
    var target: String
    var inputs: [(name: String, argument: Argument)]
    var outputs: [Argument] {
      didSet { outputNames = Self.names(of: outputs) }
    }
    /// The names of the tensors (and symbolic sizes) it makes, in order, "" for an unnamed
    /// one: made once, not for each output a reader defines (a split of 60,000 outputs made
    /// them 60,000 times, 96 s, issue 25).
    private(set) var outputNames: [String]
    var modules: [ModuleFrame]
    /// How the model's Python called it (`torch_fn`'s kind: `function.relu`,
    /// `builtin_function_or_method.conv2d`, `method_descriptor.add`); empty when not recorded.
    var function: String = ""
    var range: SourceRange

    init(
      target: String, inputs: [(name: String, argument: Argument)], outputs: [Argument],
      modules: [ModuleFrame], function: String = "", range: SourceRange
    ) {
      (self.target, self.inputs, self.outputs) = (target, inputs, outputs)
      outputNames = Self.names(of: outputs)
      (self.modules, self.function, self.range) = (modules, function, range)
    }

    private static func names(of outputs: [Argument]) -> [String] {
      outputs.flatMap { output -> [String] in
        switch output {
        case .tensor(let name): [name]
        case .tensors(let names): names.map { $0 ?? "" }
        case .symInt(.name(let name)): [name]
        default: []
        }
      }
    }

    /// The argument named `name`, nil when the file leaves it at its default.
    func argument(_ name: String) -> Argument? {
      inputs.first { $0.name == name }?.argument
    }

    /// The operator without its namespace and overload: `conv2d` of `torch.ops.aten.conv2d.default`.
    var operatorName: String {
      let parts = target.split(separator: ".")
      guard parts.count >= 4, parts[0] == "torch", parts[1] == "ops" else { return target }
      return String(parts[3])
    }
  }

  /// What a graph input is, from the signature.
  enum InputKind {
    case parameter(name: String)
    case buffer(name: String)
    case constant(name: String)
    case user
    /// A custom object or token: nothing netcost counts.
    case other
  }

  var nodes: [Node] = []
  var tensors: [String: TensorMeta] = [:]
  /// The graph's inputs in order, each a tensor's name and what the signature says it is.
  var inputs: [(name: String, kind: InputKind, range: SourceRange)] = []
  var ranges: [String: ClosedRange<Int>] = [:]
  /// Where the graph is written, for an error about the whole graph.
  var range: SourceRange = .start

  /// The largest number of nodes, tensors or inputs read: beyond any vision model's graph.
  static let largestList = 1_000_000

  /// Reads the program from its JSON, or the first thing wrong with it, located.
  init(_ root: JSON) throws(Diagnostic) {
    guard let module = root["graph_module"], let graph = module["graph"] else {
      throw Diagnostic(
        "this JSON is not a serialized ExportedProgram: it has no 'graph_module' with a 'graph'",
        at: root.range,
        help: "netcost reads the models/*.json inside a .pt2 archive (torch.export.save)")
    }
    range = graph.range
    tensors = try Self.tensorValues(graph)
    // A loop, not `map` with a throwing closure: Swift 6.3's optimizer crashes on that here.
    for json in try Self.list(graph, "nodes") { nodes.append(try Self.node(json)) }
    inputs = try Self.signature(module["signature"], graph: graph)
    ranges = Self.ranges(root["range_constraints"])
  }

  /// Each symbol's declared range (`{"s0": {"min_val": 64, "max_val": 512}}`); an unbounded or
  /// unreadable end is 0 below and 2³¹ − 1 above.
  static func ranges(_ constraints: JSON?) -> [String: ClosedRange<Int>] {
    guard let constraints, case .object(let members) = constraints.value else { return [:] }
    var ranges: [String: ClosedRange<Int>] = [:]
    for (symbol, bounds) in members {
      let low = bounds["min_val"].flatMap(whole) ?? 0
      let high = bounds["max_val"].flatMap(whole) ?? Int(Int32.max)
      ranges[symbol] = low...max(low, high)
    }
    return ranges
  }

  static func list(_ json: JSON, _ key: String) throws(Diagnostic) -> [JSON] {
    guard let items = json[key]?.array else {
      throw .missingField(key, in: "the graph", at: json.range)
    }
    guard items.count <= largestList else {
      throw Diagnostic(
        "the graph's '\(key)' holds \(items.count) entries; netcost reads at most \(largestList)",
        at: json.range)
    }
    return items
  }

  static func tensorValues(_ graph: JSON) throws(Diagnostic) -> [String: TensorMeta] {
    guard let values = graph["tensor_values"], case .object(let members) = values.value else {
      throw .missingField("tensor_values", in: "the graph", at: graph.range)
    }
    var tensors: [String: TensorMeta] = [:]
    tensors.reserveCapacity(members.count)
    for (name, meta) in members {
      guard let sizes = meta["sizes"]?.array else {
        throw .missingField("sizes", in: "tensor '\(name)'", at: meta.range)
      }
      var read: [Size] = []
      for size in sizes { read.append(try Self.size(size, of: name)) }
      tensors[name] = TensorMeta(
        sizes: read, requiresGrad: meta["requires_grad"]?.boolean ?? false, range: meta.range)
    }
    return tensors
  }

  /// `{"as_int": 64}`, or `{"as_expr": {"expr_str": "s77", "hint": {"as_int": 2}}}`.
  static func size(_ json: JSON, of tensor: String) throws(Diagnostic) -> Size {
    if let n = json["as_int"] {
      guard let value = n.number, value == value.rounded(), abs(value) < 9.0e15 else {
        throw .badValue("sizes", expected: "whole numbers", got: n.described, at: n.range)
      }
      return .value(Int(value))
    }
    if let expression = json["as_expr"], let text = expression["expr_str"]?.string {
      let hint = expression["hint"]?["as_int"]?.integer
      if let symbol = symbolName(text) { return .symbol(symbol, hint: hint) }
      return .expression(text, hint: hint)
    }
    throw .badValue(
      "sizes", expected: "{\"as_int\": …} or {\"as_expr\": …}", got: json.described,
      at: json.range)
  }

  /// The symbol a size names: `s77`, or `Symbol('s77', positive=True, integer=True)` as
  /// PyTorch 2.9 and later write it; nil for an expression of symbols.
  static func symbolName(_ text: String) -> String? {
    var name = Substring(text)
    if name.hasPrefix("Symbol('") {
      name = name.dropFirst(8)
      guard let quote = name.firstIndex(of: "'") else { return nil }
      name = name[..<quote]
    }
    guard let first = name.first, first.isLetter || first == "_",
      name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
    else { return nil }
    return String(name)
  }

  static func node(_ json: JSON) throws(Diagnostic) -> Node {
    guard let target = json["target"]?.string else {
      throw .missingField("target", in: "a node", at: json.range)
    }
    var inputs: [(String, Argument)] = []
    for input in json["inputs"]?.array ?? [] {
      guard let name = input["name"]?.string, let arg = input["arg"] else {
        throw .missingField("arg", in: "an input of '\(target)'", at: input.range)
      }
      inputs.append((name, try argument(arg)))
    }
    var outputs: [Argument] = []
    for output in json["outputs"]?.array ?? [] { outputs.append(try argument(output)) }
    let stack = json["metadata"]?["nn_module_stack"]?.string ?? ""
    let function = json["metadata"]?["torch_fn"]?.string?.split(separator: ";").last ?? ""
    return Node(
      target: target, inputs: inputs, outputs: outputs, modules: moduleStack(stack),
      function: String(function), range: json.range)
  }

  /// `key,path,type;key,path,type`: the modules a node ran in, outermost first (the root's path
  /// is empty).
  static func moduleStack(_ text: String) -> [ModuleFrame] {
    text.split(separator: ";").compactMap { frame in
      let parts = frame.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
      guard parts.count == 3 else { return nil }
      let key = parts[0]
      // The key is `L__self__` + the call (`L__self__layer4.1.relu@1`).
      let call = key.hasPrefix("L__self__") ? String(key.dropFirst(9)) : String(parts[1])
      return ModuleFrame(path: String(parts[1]), call: call, type: String(parts[2]))
    }
  }

  static func argument(_ json: JSON) throws(Diagnostic) -> Argument {
    guard case .object(let members) = json.value, let (key, value) = members.first else {
      throw .badValue("arg", expected: "an object of one kind", got: json.described, at: json.range)
    }
    func bad(_ what: String) -> Diagnostic {
      .badValue(key, expected: what, got: value.described, at: value.range)
    }
    switch key {
    case "as_none": return .none
    case "as_tensor":
      guard let name = value["name"]?.string else { throw bad("a tensor's name") }
      return .tensor(name)
    case "as_tensors", "as_optional_tensors":
      guard let items = value.array else { throw bad("a list of tensors") }
      return .tensors(items.map { $0["name"]?.string ?? $0["as_tensor"]?["name"]?.string })
    case "as_int":
      guard let n = whole(value) else { throw bad("a whole number") }
      return .int(n)
    case "as_ints":
      guard let items = value.array else { throw bad("a list of whole numbers") }
      var ints: [Int] = []
      for item in items {
        guard let n = whole(item) else { throw bad("a list of whole numbers") }
        ints.append(n)
      }
      return .ints(ints)
    case "as_float":
      // PyTorch writes the floats JSON cannot hold as strings ("-Infinity", "NaN").
      switch value.string {
      case "Infinity"?: return .float(.infinity)
      case "-Infinity"?: return .float(-.infinity)
      case "NaN"?: return .float(.nan)
      default: break
      }
      guard let x = value.number else { throw bad("a number") }
      return .float(x)
    case "as_floats":
      // Finite numbers only: a scale of "NaN" or "Infinity" is no size.
      guard let items = value.array else { throw bad("a list of numbers") }
      var floats: [Double] = []
      for item in items {
        guard let x = item.number, x.isFinite else { throw bad("a list of finite numbers") }
        floats.append(x)
      }
      return .floats(floats)
    case "as_bool":
      guard let b = value.boolean else { throw bad("true or false") }
      return .bool(b)
    case "as_string": return .string(value.string ?? "")
    case "as_sym_int": return .symInt(try symInt(value))
    case "as_sym_ints":
      guard let items = value.array else { throw bad("a list of sizes") }
      var sizes: [SymInt] = []
      for item in items { sizes.append(try symInt(item)) }
      return .symInts(sizes)
    default: return .other(key)
    }
  }

  static func symInt(_ json: JSON) throws(Diagnostic) -> SymInt {
    if let n = json["as_int"].flatMap(whole) { return .value(n) }
    if let name = json["as_name"]?.string { return .name(name) }
    throw .badValue("as_sym_int", expected: "a size or a name", got: json.described, at: json.range)
  }

  /// A whole number; one past ±2⁵³ (`sys.maxsize`, a slice's open end) is held as ±2⁵³, beyond
  /// every size, which later checks refuse where a size is meant.
  static func whole(_ json: JSON) -> Int? {
    guard let n = json.number, n == n.rounded() else { return nil }
    return Int(max(-9_007_199_254_740_992, min(n, 9_007_199_254_740_992)))
  }

  /// The graph's inputs, each as the signature's `input_specs` names it.
  static func signature(
    _ signature: JSON?, graph: JSON
  ) throws(Diagnostic) -> [(String, InputKind, SourceRange)] {
    guard let specs = signature?["input_specs"]?.array else {
      throw .missingField("input_specs", in: "the signature", at: signature?.range ?? graph.range)
    }
    guard specs.count <= largestList else {
      throw Diagnostic("the signature has \(specs.count) inputs", at: graph.range)
    }
    var inputs: [(String, InputKind, SourceRange)] = []
    for spec in specs {
      guard case .object(let members) = spec.value, let (kind, body) = members.first else {
        throw .badValue("input_specs", expected: "objects", got: spec.described, at: spec.range)
      }
      let arg = body["arg"]
      let name = arg?["name"]?.string ?? arg?["as_tensor"]?["name"]?.string
      guard let name else {
        // A user input that is not a tensor (an int, a token): nothing netcost reads.
        inputs.append(("", .other, spec.range))
        continue
      }
      let what: InputKind =
        switch kind {
        case "parameter": .parameter(name: body["parameter_name"]?.string ?? name)
        case "buffer": .buffer(name: body["buffer_name"]?.string ?? name)
        case "tensor_constant", "constant_input": .constant(name: name)
        case "user_input": .user
        default: .other
        }
      inputs.append((name, what, spec.range))
    }
    return inputs
  }
}
