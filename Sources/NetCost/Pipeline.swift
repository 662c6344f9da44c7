/// The public entry: text → tokens → syntax → network → analysis. The only file that knows the
/// whole chain; every stage is a function from one value to the next.
public enum Pipeline {
  /// A spec parsed once, to be resolved with many parameter values (sweeps, comparisons).
  public struct ParsedSpec: Sendable {
    public let source: SourceFile
    let syntax: SpecFile
    /// Lexer and parser diagnostics; when any is an error, nothing is resolved.
    public let diagnostics: [Diagnostic]
    /// The names that can change the layers (not only the input): see `namesShapingLayers`.
    let namesShapingLayers: Set<String>
    /// A network read from a Caffe or Keras file: then `syntax` is empty and this is resolved.
    public let imported: ImportedModel?
    public let format: ModelFormat
    /// The variant (`variant "vgg11_bn" …`) to resolve: its settings become the defaults, its name
    /// and title the network's.
    public var variant: String?

    /// The library a variant (or, for nil, the spec itself) follows: the variant's `library`,
    /// else the spec's.
    public func library(of variant: String?) -> String? {
      var spec: String?
      for statement in syntax.statements {
        switch statement {
        case .header(let key, let value) where key.value == "library": spec = value.value
        case .variant(let declaration) where declaration.name.value == variant:
          if let library = declaration.library { return library.value }
        default: break
        }
      }
      return spec
    }

    /// The variants the spec declares, in order: the networks of its family by name.
    public var variants: [String] {
      syntax.statements.compactMap {
        if case .variant(let declaration) = $0 { declaration.name.value } else { nil }
      }
    }
  }

  /// Reads `source` in the language it is written in (`ModelFormat.detect`): a spec is parsed;
  /// a Caffe or Keras file is imported whole. `skipping` names imported layer types to count as
  /// nothing (`--skip`).
  public static func parse(_ source: SourceFile, skipping: Set<String> = []) -> ParsedSpec {
    let format = ModelFormat.detect(source)
    let imported: Result<ImportedModel, Diagnostic>
    switch format {
    case .netspec: return parseSpec(source)
    case .caffe: imported = CaffeImporter.importNetwork(source, skipping: skipping)
    case .kerasJSON: imported = KerasImporter.importNetwork(source, skipping: skipping)
    case .onnx:
      // An ONNX model is bytes, not text: `parse(onnx:name:)` reads it.
      imported = .failure(Diagnostic("an ONNX model is read from its bytes", at: .start))
    }
    let empty = SpecFile(statements: [])
    switch imported {
    case .success(var model):
      model.skipping = skipping
      return ParsedSpec(
        source: source, syntax: empty, diagnostics: [], namesShapingLayers: [], imported: model,
        format: format)
    case .failure(let error):
      return ParsedSpec(
        source: source, syntax: empty, diagnostics: [error], namesShapingLayers: [],
        imported: nil, format: format)
    }
  }

  /// Reads an ONNX model from its bytes (a mapped file): only the graph is read, never the
  /// weights, and nothing of `bytes` is kept. `skipping` names operators to count as nothing.
  public static func parse(
    onnx bytes: UnsafeRawBufferPointer, name: String, skipping: Set<String> = []
  ) -> ParsedSpec {
    let source = SourceFile.binary(name: name)
    let empty = SpecFile(statements: [])
    switch OnnxImporter.importModel(bytes, name: source.baseName, skipping: skipping) {
    case .success(var model):
      model.skipping = skipping
      return ParsedSpec(
        source: source, syntax: empty, diagnostics: [], namesShapingLayers: [], imported: model,
        format: .onnx)
    case .failure(let error):
      return ParsedSpec(
        source: source, syntax: empty, diagnostics: [error], namesShapingLayers: [],
        imported: nil, format: .onnx)
    }
  }

  /// Whether bytes start as an ONNX model does: ModelProto's `ir_version` (field 1, a varint,
  /// the tag byte 0x08), which exporters write first and no text file starts with.
  public static func looksLikeONNX(_ bytes: [UInt8]) -> Bool {
    bytes.first == 0x08
  }

  static func parseSpec(_ source: SourceFile) -> ParsedSpec {
    let (tokens, lexical) = Lexer.tokenize(source.text)
    var (syntax, syntactic) = Parser.parse(tokens)
    syntax.isIncomplete = (lexical + syntactic).hasErrors
    // A line with a character the language does not use gets that one error: what the parser
    // then finds wrong on it follows from the character it could not see.
    let badLines = Set(lexical.map(\.range.lowerBound.line))
    let independent = syntactic.filter { !badLines.contains($0.range.lowerBound.line) }
    return ParsedSpec(
      source: source, syntax: syntax, diagnostics: lexical + independent,
      namesShapingLayers: syntax.namesShapingLayers, imported: nil, format: .netspec)
  }

  /// Binds `overrides` (parameter name → value) and builds the network.
  /// `figures: false` skips the published figures, for the many resolutions of a sweep.
  public static func resolve(
    _ spec: ParsedSpec, overrides: [String: Double] = [:],
    figures: Bool = true, names: Bool = true, reusing: Network? = nil
  ) -> Outcome<Network> {
    if spec.format != .netspec {
      guard let imported = spec.imported else {
        return Outcome(value: nil, diagnostics: spec.diagnostics)
      }
      let (network, errors, diagnostics) = imported.network(
        source: spec.source, overrides: overrides)
      return Outcome(value: network, diagnostics: diagnostics, parameterErrors: errors)
    }
    let (network, diagnostics, parameterErrors) = Resolver.resolve(
      spec.syntax, overrides: overrides, fallbackName: spec.source.baseName,
      variant: spec.variant, figures: figures,
      names: names, reusing: reusing?.layers)
    // After syntax errors the rest of the spec is still resolved, so one run reports every
    // independent error; but a network with statements missing is not one to analyse.
    return Outcome(
      value: spec.diagnostics.hasErrors ? nil : network,
      diagnostics: spec.diagnostics + diagnostics, parameterErrors: parameterErrors)
  }

  /// `rows: false` computes the totals alone, for the many analyses of a sweep.
  /// `convention` counts MACs as a peer tool does (`Convention`); the papers' by default.
  /// `memory` sets the batch and data type of byte counts and the memory walks to make.
  public static func analyze(
    _ network: Network, rows: Bool = true, convention: Convention = .paper,
    memory: MemorySettings = .standard
  ) -> Outcome<Analysis> {
    let (analysis, diagnostics) = Analyzer.analyze(
      network, rows: rows, convention: convention, memory: memory)
    return Outcome(value: analysis, diagnostics: diagnostics)
  }

  /// All stages at once.
  public static func analyze(
    _ source: SourceFile, overrides: [String: Double] = [:]
  )
    -> Outcome<Analysis>
  {
    analyze(parse(source), overrides: overrides)
  }

  public static func analyze(
    _ spec: ParsedSpec, overrides: [String: Double] = [:],
    figures: Bool = true, rows: Bool = true, reusing: Network? = nil,
    convention: Convention = .paper, memory: MemorySettings = .standard
  ) -> Outcome<Analysis> {
    let resolved = resolve(
      spec, overrides: overrides, figures: figures, names: rows,
      reusing: reusing)
    guard let network = resolved.value else {
      return Outcome(
        value: nil, diagnostics: resolved.diagnostics,
        parameterErrors: resolved.parameterErrors)
    }
    let analyzed = analyze(network, rows: rows, convention: convention, memory: memory)
    if !rows && !analyzed.diagnostics.isEmpty {
      // Diagnostics name layers: analyse again with every layer named.
      return analyze(
        spec, overrides: overrides, figures: figures, rows: true, convention: convention,
        memory: memory)
    }
    return Outcome(value: analyzed.value, diagnostics: resolved.diagnostics + analyzed.diagnostics)
  }
}

extension SourceFile {
  /// `Specs/mobilenet.netspec` → `mobilenet`: the network's name when the spec gives none.
  var baseName: String {
    let file = name.split(separator: "/").last.map(String.init) ?? name
    if let dot = file.lastIndex(of: "."), dot > file.startIndex { return String(file[..<dot]) }
    return file
  }
}
