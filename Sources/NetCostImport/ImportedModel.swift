import NetCostCore

/// A network read from another framework's file: its layers, fixed, and the input the file
/// declares, which the command line may change (`--resolution`, `--input`, `--set height=…`).
public struct ImportedModel: Sendable {
  public var format: ModelFormat
  public var name: String
  public var input: Shape
  /// The batch the file was written for: reported, never multiplied in (costs are per image).
  public var batch: Int?
  var layers: [Layer]
  /// Types the user asked to count as nothing (`--skip`) that the file has.
  public var skipped: [String]
  /// Every type the user asked to skip, so that one the file does not have is said to be unused.
  package var skipping: Set<String> = []
  /// What the output should say about the file (an ONNX export with batch norm folded away).
  public var notes: [String] = []
  /// Builds the layers again at another input size, for a format whose graph fixes its shapes
  /// (ONNX's reshapes); nil when the layers hold at any size.
  var rebuild: (@Sendable (Shape) -> Result<ImportedModel, Diagnostic>)?
  /// Where the file declares its input, for an error about a size it leaves open; the file's
  /// start where no place can be named (a binary file).
  var inputRange: SourceRange = .start
  /// A batch the file leaves symbolic (a `.pt2` exported with a `torch.export.Dim`): its symbol
  /// and the range it declares, which the byte counts' batch (`--batch`) must lie in.
  var batchSymbol: (name: String, range: ClosedRange<Int>)?

  /// The error for a batch of the byte counts outside the symbolic batch's range; nil when it
  /// lies in it or the batch is not a symbol.
  package func batchOutsideRange(_ batch: Int) -> Diagnostic? {
    guard let (name, range) = batchSymbol, !range.contains(batch) else { return nil }
    return .symbolOutOfRange("batch", name, batch, range, inputRange)
  }

  init(
    format: ModelFormat, name: String, input: Shape, batch: Int?, layers: [Layer],
    skipped: [String]
  ) {
    self.format = format
    self.name = name
    self.input = input
    self.batch = batch
    self.layers = layers
    self.skipped = skipped
  }

  /// What the command line may set, and the largest value it takes; `depth` only for a volume's
  /// input (a video model's clip, depth × height × width × channels).
  static let parameterNames = ["resolution", "depth", "height", "width", "channels"]

  /// Where each named size sits in an input of `rank` (a map's three axes, a volume's four);
  /// nil for a depth of a map. `resolution` is the height (and the width with it).
  static func axis(of name: String, rank: Int) -> Int? {
    let offset = rank == 4 ? 1 : 0
    switch name {
    case "depth": return rank == 4 ? 0 : nil
    case "width": return offset + 1
    case "channels": return rank - 1
    default: return offset  // resolution, height
    }
  }

  /// The names the input takes: a map's, or a volume's with its depth.
  var inputParameterNames: [String] {
    Self.parameterNames.filter { Self.axis(of: $0, rank: input.rank) != nil }
  }
  static let largestDimension = 65_536
  /// The largest size `fit` searches, as the built-in families declare for their resolution.
  static let largestSearched = 4096

  /// The parameters of the input that `netcost fit` may search, each from 1 to `largestSearched`
  /// (or the file's own size, if larger), with the file's own input as its default and the rest
  /// of the input kept as the file has it. A format whose graph fixes its shapes is built again
  /// at each size (`rebuild`); a size it cannot take is a point that cannot be built, as a too
  /// narrow width is for a spec.
  public var searchableParameters: [Network.Parameter] {
    inputParameterNames.map { name in
      let value = Self.axis(of: name, rank: input.rank).map { input[$0] } ?? 0
      let upper = max(value, Self.largestSearched)
      return Network.Parameter(
        name: name, value: Double(value), defaultValue: Double(value), doc: "input \(name)",
        interval: "[1, \(upper)]",
        domain: .range(lower: 1, lowerClosed: true, upper: Double(upper), upperClosed: true),
        wholeNumber: true)
    }
  }

  /// How many layers the file makes, before any is resolved.
  public var layerCount: Int { layers.count }
  /// Values constant folding made in building it (ONNX).
  public var foldedValues = 0
  /// The file's nodes (ONNX, `.pt2`), each read again when the model is built at another size.
  public var nodes = 0
  /// What building it again costs when the model is built at another size (each point of a
  /// sweep or a `fit`), counted as analysed layers: some hundred folded values cost what a
  /// layer's analysis does (a 174-byte file that folds 7.9 M values takes 0.1 s each time), and
  /// a node that makes no layer what three do (27,000 `Constant`s, built again at each of a
  /// thousand sizes, took 75 s: 1.2 µs a node, where a layer's totals take some 0.4 µs).
  public var rebuildWork: Int {
    (foldedValues / 100).saturatingAdd(max(0, nodes - layers.count).saturatingMultiply(3))
  }

  /// Whether the file leaves a side of its input open and `names` (parameters given or searched)
  /// give every such side: `resolution` gives height and width.
  public func opensOnly(_ names: Set<String>) -> Bool {
    let open = ["height", "width"].filter { name in
      Self.axis(of: name, rank: input.rank).map { input[$0] == 0 } ?? false
    }
    return !open.isEmpty
      && open.allSatisfy { names.contains($0) || names.contains("resolution") }
  }

  /// The network at the file's input, or with `overrides` (`resolution` sets height and width).
  package func network(
    source: SourceFile, overrides: [String: Double]
  ) -> (Network?, [ParameterError], [Diagnostic]) {
    var errors: [ParameterError] = []
    var input = self.input
    var parameters: [Network.Parameter] = []
    for name in Self.parameterNames {
      guard let value = overrides[name] else { continue }
      guard let at = Self.axis(of: name, rank: input.rank) else {
        errors.append(.unknown(name: name, network: self.name, known: inputParameterNames))
        continue
      }
      guard value == value.rounded() else {
        errors.append(.notWhole(name: name, value: value))
        continue
      }
      guard value >= 1, value <= Double(Self.largestDimension) else {
        errors.append(
          .outOfRange(name: name, value: value, interval: "[1, \(Self.largestDimension)]"))
        continue
      }
      let n = Int(value)
      let before = input[at]
      input[at] = n
      // The resolution is the height and the width.
      if name == "resolution" { input[at + 1] = n }
      parameters.append(
        Network.Parameter(
          name: name, value: value, defaultValue: Double(before), doc: "input \(name)"))
    }
    for name in overrides.keys.sorted() where !Self.parameterNames.contains(name) {
      errors.append(.unknown(name: name, network: self.name, known: inputParameterNames))
    }
    guard errors.isEmpty else { return (nil, errors, []) }
    let open = inputParameterNames.dropFirst().filter { name in
      Self.axis(of: name, rank: input.rank).map { input[$0] == 0 } ?? false
    }
    if !open.isEmpty {
      return (
        nil, [],
        [
          Diagnostic(
            "the model leaves its input's \(open.joined(separator: " and ")) open",
            at: inputRange,
            help: "give them with '--input \(input.rank == 4 ? "DxHxWxC" : "HxWxC")' (or "
              + "'--resolution' for height and width)")
        ]
      )
    }
    var layers = self.layers
    var skipped = self.skipped
    if let rebuild, input != self.input {
      switch rebuild(input) {
      case .success(let again): (layers, skipped) = (again.layers, again.skipped)
      case .failure(let error): return (nil, [], [error])
      }
    }
    var notes = ["\(format.rawValue) \(source.name)"]
    if let batch, batch > 1 {
      notes.append("its batch of \(batch) is not multiplied in: figures are per image")
    }
    if !skipped.isEmpty {
      notes.append("counted as nothing (--skip): " + skipped.joined(separator: ", "))
    }
    let unused = skipping.subtracting(skipped).sorted()
    if !unused.isEmpty {
      notes.append("no layer has the type given to --skip: " + unused.joined(separator: ", "))
    }
    notes += self.notes
    var network = Network(
      name: name, title: nil, source: notes.joined(separator: "; "), parameters: parameters,
      input: input, layers: layers)
    network.provenance = format.provenance
    return (network, [], [])
  }
}

/// The languages netcost reads a network in.
public enum ModelFormat: String, Sendable, CaseIterable {
  case netspec = "netcost spec"
  case caffe = "Caffe prototxt"
  case kerasJSON = "Keras JSON"
  case onnx = "ONNX"
  /// A serialized ExportedProgram: the `models/*.json` of a `.pt2` archive (torch.export.save).
  case pt2 = "PyTorch ExportedProgram"

  /// What a model read in this format can claim of itself.
  public var provenance: Provenance {
    switch self {
    case .netspec: .spec
    case .caffe: .layerFile("Caffe")
    case .kerasJSON: .framework("Keras")
    case .onnx: .inferenceGraph("ONNX")
    case .pt2: .framework("PyTorch")
    }
  }

  /// By content, with the file's extension as a hint: JSON starts with `{`; Caffe's text format
  /// starts with one of NetParameter's fields (`name: "…"`, `input:`, `layer {`) or is named
  /// `.prototxt`; anything else is a spec, whose own errors then explain what is wrong.
  public static func detect(_ source: SourceFile) -> ModelFormat {
    let name = source.name.lowercased()
    // The whole text, shared, not copied: comments before the first field may be long.
    var scanner = TextScanner(source.utf8)
    while true {
      scanner.skipWhitespace()
      guard scanner.peek() == UInt8(ascii: "#") else { break }
      while let byte = scanner.peek(), byte != 0x0A, byte != 0x0D { scanner.advance() }
    }
    if scanner.peek() == UInt8(ascii: "{") || name.hasSuffix(".json") {
      // torch.export writes the program's first key first: `{"graph_module": …`.
      var key = scanner
      if !key.isAtEnd { key.advance() }
      key.skipWhitespace()
      let start = key.offset
      for _ in 0..<14 where !key.isAtEnd { key.advance() }
      return key.text(from: start) == "\"graph_module\"" ? .pt2 : .kerasJSON
    }
    if name.hasSuffix(".prototxt") || name.hasSuffix(".pbtxt") { return .caffe }
    if name.hasSuffix(".netspec") { return .netspec }
    let start = scanner.offset
    while let byte = scanner.peek(), byte.isIdentifierByte { scanner.advance() }
    let word = scanner.text(from: start)
    scanner.skipWhitespace()
    let next = scanner.peek()
    switch word {
    case "layer", "layers", "input_shape": if next == UInt8(ascii: "{") { return .caffe }
    case "input", "input_dim", "force_backward", "debug_info":
      if next == UInt8(ascii: ":") { return .caffe }
    case "name":
      if next == UInt8(ascii: ":") {
        scanner.advance()
        scanner.skipWhitespace()
        if scanner.peek() == UInt8(ascii: "\"") || scanner.peek() == UInt8(ascii: "'") {
          return .caffe
        }
      }
    default: break
    }
    return .netspec
  }
}
