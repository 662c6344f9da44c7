import NetCostCore

/// A PyTorch ExportedProgram (`torch.export.save` → `.pt2`, its `models/*.json`) → `Network`. The
/// graph's ATen operators, of the default opset (`aten.conv2d`, `aten.linear`,
/// `aten.batch_norm`, …) or the core opset after `run_decompositions()` (`aten.convolution`,
/// `_native_batch_norm_legit*`, `addmm`, …), become netcost's operations, each layer named by the
/// module that ran it (`features.3.conv.1`, from `nn_module_stack`). Parameters and buffers are
/// the signature's; their values (the archive's weight payloads) are never read.
package struct PT2Importer {
  /// A tensor as the ONNX importer keeps one (its dims, which axis holds the channels, the layer
  /// that makes it or that it is a weight): the two front ends view tensors by the same rules
  /// (`OnnxImporter.view`, `frame`).
  typealias Tensor = OnnxImporter.Tensor

  struct Failure: Error {
    var diagnostic: Diagnostic
  }

  let program: PT2Program
  var builder: NetworkBuilder
  var tensors: [String: Tensor] = [:]
  /// Symbolic sizes bound to numbers (the batch, height and width a program leaves open).
  var symbols: [String: Int] = [:]
  /// Sizes computed by nodes (`aten.sym_size.int`), by name.
  var sizes: [String: Int] = [:]
  /// The batch the dims carry: the file's, or 1 for a symbolic batch.
  var batch = 1
  /// Whether the recorded sizes hold (the program at the size it was traced at): each output is
  /// then checked against `tensor_values`.
  var checksRecordedSizes = true
  /// The symbol of a symbolic batch and its range, which `--batch` must lie in.
  var batchSymbol: (name: String, range: ClosedRange<Int>)?
  /// The module call that made each layer, for its name (`finalNames`).
  var callOfLayer: [String] = []
  /// How PyTorch ran each layer's node, and whether in place (`torchCall(of:)`).
  var callers: [(TorchCall?, inPlace: Bool)] = []
  /// Modules inside which another module ran: not leaves, so what runs in their own forward is a
  /// function or a tensor method, not the module.
  var containers: Set<String> = []
  /// Whether batch norm or dropout ran as in evaluation, or as in training: what the program
  /// says of the mode it was exported in.
  var sawEvaluation = false
  var sawTraining = false

  /// Reads the program in `source` (the text of an archive's `models/*.json`).
  package static func importModel(
    _ source: SourceFile, skipping: Set<String>
  ) -> Result<ImportedModel, Diagnostic> {
    let program: PT2Program
    do throws(Diagnostic) {
      let root: JSON
      switch JSON.parse(source.utf8) {
      case .success(let json): root = json
      case .failure(let error): throw error
      }
      program = try PT2Program(root)
    } catch {
      return .failure(error)
    }
    return build(program, name: modelName(source.name), input: nil, skipping: skipping)
  }

  /// The archive's name without its extension (`resnet18` for `resnet18.pt2/resnet18/models/
  /// model.json`), as a network is named after its file; the file's own otherwise.
  static func modelName(_ path: String) -> String {
    var parts = path.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count >= 4, parts[parts.count - 2] == "models" { parts.removeLast(3) }
    var name = parts.last.map(String.init) ?? path
    for suffix in [".pt2", ".json"] where name.hasSuffix(suffix) && name.count > suffix.count {
      name.removeLast(suffix.count)
    }
    return name
  }

  static func build(
    _ program: PT2Program, name: String, input override: Shape?, skipping: Set<String>
  ) -> Result<ImportedModel, Diagnostic> {
    var importer = PT2Importer(program: program, builder: NetworkBuilder(skipping: skipping))
    for node in program.nodes {
      for frame in node.modules.dropLast() { importer.containers.insert(frame.path) }
    }
    do throws(Failure) {
      let (input, inputRange, notes, fileBatch) = try importer.bindInput(override)
      for node in program.nodes { try importer.apply(node) }
      guard !importer.builder.layers.isEmpty else {
        throw Failure(diagnostic: .importedNoLayers(at: program.range))
      }
      var model = ImportedModel(
        format: .pt2, name: name, input: input, batch: fileBatch,
        layers: importer.finalNames(importer.builder.layers),
        skipped: importer.builder.skippedSeen)
      model.inputRange = inputRange
      model.batchSymbol = importer.batchSymbol
      model.notes = notes + [importer.parameterNote()] + importer.modeNote()
      model.nodes = program.nodes.count
      model.rebuild = { shape in build(program, name: name, input: shape, skipping: skipping) }
      return .success(model)
    } catch {
      return .failure(error.diagnostic)
    }
  }

  /// The user's input (N×C×H×W, or a clip's N×C×T×H×W) at the size the program was traced at, or at `override`; every
  /// symbolic size bound within its declared range. Returns the input, where it is written, what
  /// the output should say of its symbols, and the file's batch when it is a number.
  mutating func bindInput(
    _ override: Shape?
  ) throws(Failure) -> (Shape, SourceRange, [String], Int?) {
    let users = program.inputs.filter { if case .user = $0.kind { true } else { false } }
    guard users.count == 1, let user = users.first, let meta = program.tensors[user.name] else {
      throw Failure(
        diagnostic: Diagnostic(
          "the program has \(users.count) tensor inputs; netcost analyses networks with one",
          at: program.range, help: "export a model that takes one image tensor"))
    }
    let rank = meta.sizes.count
    guard rank == 4 || rank == 5 else {
      throw Failure(
        diagnostic: Diagnostic(
          "the input '\(user.name)' has \(rank) dims; netcost reads N×C×H×W or N×C×T×H×W",
          at: meta.range))
    }
    if let override, override.rank != rank - 1 {
      throw Failure(
        diagnostic: Diagnostic(
          "'--input \(override)' gives \(override.rank) sizes for the input '\(user.name)' of "
            + "\(rank - 2) spatial axes", at: meta.range,
          help: rank == 5 ? "give it with '--input TxHxWxC'" : "give it with '--input HxWxC'"))
    }
    let names = ["batch", "channels"] + (rank == 5 ? ["depth"] : []) + ["height", "width"]
    // The command line's sizes in PyTorch's order: channels, then the spatial axes.
    let given: [Int?] =
      override.map { shape in [nil, shape.channels] + shape.dims.dropLast().map { $0 } }
      ?? Array(repeating: nil, count: rank)
    var dims: [Int] = []
    var notes: [String] = []
    var fileBatch: Int?
    for (axis, size) in meta.sizes.enumerated() {
      switch size {
      case .value(let n):
        guard n >= 1, n <= ImportedModel.largestDimension else {
          throw Failure(
            diagnostic: Diagnostic(
              "the input's \(names[axis]) is \(n); netcost reads 1 to "
                + "\(ImportedModel.largestDimension)", at: meta.range))
        }
        if axis == 0 { fileBatch = n }
        dims.append(given[axis] ?? n)
      case .symbol(let symbol, let hint):
        let range = program.ranges[symbol] ?? 1...ImportedModel.largestDimension
        // Costs are per image: a symbolic batch is one image, or the fewest the range allows.
        let value = axis == 0 ? max(1, range.lowerBound) : given[axis] ?? hint ?? range.lowerBound
        guard range.contains(value) else {
          throw Failure(
            diagnostic: .symbolOutOfRange(names[axis], symbol, value, range, meta.range))
        }
        if let bound = symbols[symbol], bound != value {
          throw Failure(
            diagnostic: Diagnostic(
              "the input's \(names[axis]) is the symbol '\(symbol)', bound to \(bound) already",
              at: meta.range, help: "give height and width one value: --resolution"))
        }
        symbols[symbol] = value
        if axis == 0 { batchSymbol = (symbol, range) }
        notes.append(
          "its \(names[axis]) is symbolic ('\(symbol)' in [\(range.lowerBound), "
            + "\(range.upperBound)]): \(axis == 0 ? "figures are per image" : "analysed at \(value)")"
        )
        dims.append(value)
      case .expression(let text, _):
        throw Failure(
          diagnostic: Diagnostic(
            "the input's \(names[axis]) is the expression '\(text)', which netcost cannot bind",
            at: meta.range))
      }
    }
    batch = dims[0]
    if override != nil { checksRecordedSizes = false }
    var input = Tensor(dims: dims, layout: .channelsFirst, input: .network)
    input.spatialAxes = rank - 2
    tensors[user.name] = input
    try defineWeights()
    guard let shape = OnnxImporter.view(input) else {
      throw Failure(diagnostic: Diagnostic("the input's dims \(dims) have no view", at: meta.range))
    }
    return (shape, meta.range, notes, fileBatch)
  }

  /// Parameters, buffers and constants: tensors of the file, their values never read.
  mutating func defineWeights() throws(Failure) {
    for input in program.inputs {
      let weight: Bool
      switch input.kind {
      case .parameter, .buffer: weight = true
      case .constant: weight = false
      case .user, .other: continue
      }
      guard let meta = program.tensors[input.name] else {
        throw Failure(diagnostic: .missingField(input.name, in: "tensor_values", at: input.range))
      }
      let dims = try recorded(meta, of: input.name)
      guard let count = Shape.product(dims) else {
        throw Failure(
          diagnostic: Diagnostic(
            "tensor '\(input.name)' has sizes \(dims), more values than 64 bits count",
            at: meta.range))
      }
      tensors[input.name] = Tensor(
        dims: dims, input: nil, weight: weight, weightValues: weight ? count : 0)
    }
  }

  /// A tensor's sizes as the file records them, its symbols bound; nil for a size computed from
  /// symbols.
  func recordedSizes(_ meta: PT2Program.TensorMeta) -> [Int?] {
    meta.sizes.map { size in
      switch size {
      case .value(let n): n
      case .symbol(let s, _): symbols[s]
      case .expression: nil
      }
    }
  }

  /// A weight's or a constant's sizes: each a number from 0 to 2³¹ − 1 (`Shape.product` then
  /// counts them without overflow).
  func recorded(_ meta: PT2Program.TensorMeta, of name: String) throws(Failure) -> [Int] {
    var dims: [Int] = []
    for size in recordedSizes(meta) {
      guard let n = size, n >= 0, n <= Int(Int32.max) else {
        throw Failure(
          diagnostic: Diagnostic(
            "tensor '\(name)' has sizes \(Self.describe(meta.sizes)); netcost reads sizes from "
              + "0 to 2³¹ − 1, and symbols the input binds", at: meta.range))
      }
      dims.append(n)
    }
    return dims
  }

  static func describe(_ sizes: [PT2Program.Size]) -> String {
    "["
      + sizes.map { size in
        switch size {
        case .value(let n): "\(n)"
        case .symbol(let s, _): s
        case .expression(let e, _): e
        }
      }.joined(separator: ", ") + "]"
  }

  /// What the signature holds, as PyTorch counts it: parameters (`sum(p.numel())`), those that
  /// require grad, and buffers.
  func parameterNote() -> String {
    var parameters: Int? = 0
    var trainable: Int? = 0
    var buffers: Int? = 0
    // `total + count`, nil once past 64 bits (then said as such, never wrapped).
    func add(_ total: Int?, _ count: Int?) -> Int? {
      guard let total, let count else { return nil }
      let (sum, overflow) = total.addingReportingOverflow(count)
      return overflow ? nil : sum
    }
    for input in program.inputs {
      guard let meta = program.tensors[input.name] else { continue }
      let count = Shape.product(recordedSizes(meta).map { $0 ?? 0 })
      switch input.kind {
      case .parameter:
        parameters = add(parameters, count)
        if meta.requiresGrad { trainable = add(trainable, count) }
      case .buffer: buffers = add(buffers, count)
      default: break
      }
    }
    func words(_ n: Int?) -> String { n.map(NumberFormat.grouped) ?? "more than 2⁶³" }
    return "the program's parameters: \(words(parameters)) values "
      + "(\(words(trainable)) requiring grad), and \(words(buffers)) in buffers"
  }
}

extension PT2Importer {
  /// What the mode the program was exported in means for training figures (`--optimizer`).
  func modeNote() -> [String] {
    switch (sawEvaluation, sawTraining) {
    case (true, false):
      [
        "exported in eval mode (batch norm on its running statistics, dropout not run): "
          + "training figures (--optimizer) leave out dropout's masks; export model.train() for them"
      ]
    case (false, true): ["exported in train mode: batch norm and dropout as they run in training"]
    case (true, true): ["exported with some modules in train mode and some in eval mode"]
    case (false, false): []
    }
  }
}

extension PT2Importer: Importer {
  package static let format = ModelFormat.pt2
}
