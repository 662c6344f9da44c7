import NetCostAnalysis
import NetCostCore
import NetCostImport
import NetCostSpec

/// The public entry: text → tokens → syntax → network → analysis. The only file that knows the
/// whole chain; every stage is a function from one value to the next.
public enum Pipeline {
  /// A spec parsed once, to be resolved with many parameter values (sweeps, comparisons).
  public struct ParsedSpec: Sendable {
    /// What was read: a spec's syntax, a model another framework wrote, or nothing (the
    /// diagnostics say why).
    enum Content: Sendable {
      /// A spec's syntax, and the names that can change its layers (not only the input): see
      /// `SpecFile.namesShapingLayers`.
      case spec(SpecFile, namesShapingLayers: Set<String>)
      case imported(ImportedModel)
      /// A model file that could not be read.
      case unread
    }

    public let source: SourceFile
    let content: Content
    /// Lexer and parser diagnostics, or the importer's; when any is an error, nothing is
    /// resolved.
    public let diagnostics: [Diagnostic]
    public let format: ModelFormat

    /// The model another framework wrote, when that is what was read.
    public var imported: ImportedModel? {
      if case .imported(let model) = content { model } else { nil }
    }

    var namesShapingLayers: Set<String> {
      if case .spec(_, let names) = content { names } else { [] }
    }

    /// The variant (`variant "vgg11_bn" …`) to resolve: its settings become the defaults, its name
    /// and title the network's.
    public var variant: String?

    /// The library a variant (or, for nil, the spec itself) follows: the variant's `library`,
    /// else the spec's.
    public func library(of variant: String?) -> String? {
      if case .spec(let syntax, _) = content { syntax.library(of: variant) } else { nil }
    }

    /// The variants the spec declares, in order: the networks of its family by name.
    public var variants: [String] {
      if case .spec(let syntax, _) = content { syntax.variants } else { [] }
    }

    init(source: SourceFile, content: Content, diagnostics: [Diagnostic], format: ModelFormat) {
      self.source = source
      self.content = content
      self.diagnostics = diagnostics
      self.format = format
    }

    /// What an importer made of `source`, or the first problem it found.
    init(
      _ imported: Result<ImportedModel, Diagnostic>, skipping: Set<String>, source: SourceFile,
      format: ModelFormat
    ) {
      switch imported {
      case .success(var model):
        model.skipping = skipping
        self.init(source: source, content: .imported(model), diagnostics: [], format: format)
      case .failure(let error):
        self.init(source: source, content: .unread, diagnostics: [error], format: format)
      }
    }
  }

  /// Reads `source` in the language it is written in (`ModelFormat.detect`): a spec is parsed;
  /// a Caffe or Keras file is imported whole. `skipping` names imported layer types to count as
  /// nothing (`--skip`).
  public static func parse(_ source: SourceFile, skipping: Set<String> = []) -> ParsedSpec {
    let format = ModelFormat.detect(source)
    switch format {
    case .netspec: return parseSpec(source)
    case .caffe: return read(source, with: CaffeImporter.self, from: source, skipping: skipping)
    case .kerasJSON:
      return read(source, with: KerasImporter.self, from: source, skipping: skipping)
    case .pt2: return read(source, with: PT2Importer.self, from: source, skipping: skipping)
    case .onnx:
      // An ONNX model is bytes, not text: `parse(onnx:name:)` reads it.
      return ParsedSpec(
        .failure(Diagnostic("an ONNX model is read from its bytes", at: .start)),
        skipping: skipping, source: source, format: format)
    }
  }

  /// Reads a `.pt2` archive's program (`<folder>/models/*.json`) as one, whatever its first key:
  /// an empty or damaged program is refused as a program, not as a Keras model.
  public static func parse(program source: SourceFile, skipping: Set<String> = []) -> ParsedSpec {
    read(source, with: PT2Importer.self, from: source, skipping: skipping)
  }

  /// Reads an ONNX model from its bytes (a mapped file): only the graph is read, never the
  /// weights, and nothing of `bytes` is kept. `skipping` names operators to count as nothing.
  public static func parse(
    onnx bytes: UnsafeRawBufferPointer, name: String, skipping: Set<String> = []
  ) -> ParsedSpec {
    let source = SourceFile.binary(name: name)
    return read(
      OnnxImporter.Input(bytes: bytes, name: source.baseName), with: OnnxImporter.self,
      from: source, skipping: skipping)
  }

  /// What an importer made of `input`, the model in `source`: the model, or the first problem
  /// it found.
  static func read<Reading: Importer>(
    _ input: Reading.Input, with importer: Reading.Type, from source: SourceFile,
    skipping: Set<String>
  ) -> ParsedSpec {
    ParsedSpec(
      importer.importModel(input, skipping: skipping), skipping: skipping, source: source,
      format: importer.format)
  }

  /// Whether bytes start as an ONNX model does: ModelProto's `ir_version` (field 1, a varint,
  /// the tag byte 0x08), which exporters write first and no text file starts with.
  public static func looksLikeONNX(_ bytes: [UInt8]) -> Bool {
    bytes.first == 0x08
  }

  static func parseSpec(_ source: SourceFile) -> ParsedSpec {
    let (tokens, lexical) = Lexer.tokenize(source.utf8)
    var (syntax, syntactic) = Parser.parse(tokens)
    syntax.isIncomplete = (lexical + syntactic).hasErrors
    // A line with a character the language does not use gets that one error: what the parser
    // then finds wrong on it follows from the character it could not see.
    let badLines = Set(lexical.map(\.range.lowerBound.line))
    let independent = syntactic.filter { !badLines.contains($0.range.lowerBound.line) }
    return ParsedSpec(
      source: source, content: .spec(syntax, namesShapingLayers: syntax.namesShapingLayers),
      diagnostics: lexical + independent, format: .netspec)
  }

  /// Binds `overrides` (parameter name → value) and builds the network.
  /// `figures: false` skips the published figures, for the many resolutions of a sweep.
  public static func resolve(
    _ spec: ParsedSpec, overrides: [String: Double] = [:],
    figures: Bool = true, names: Bool = true, reusing: Network? = nil
  ) -> Outcome<Network> {
    let syntax: SpecFile
    switch spec.content {
    case .unread: return Outcome(value: nil, diagnostics: spec.diagnostics)
    case .imported(let imported):
      let (network, errors, diagnostics) = imported.network(
        source: spec.source, overrides: overrides)
      return Outcome(value: network, diagnostics: diagnostics, parameterErrors: errors)
    case .spec(let file, _): syntax = file
    }
    let (network, diagnostics, parameterErrors) = Resolver.resolve(
      syntax, overrides: overrides, fallbackName: spec.source.baseName,
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

  /// The network under each convention, from one walk over its layers (`netcost
  /// conventions`): the rows, if kept, are the first convention's.
  public static func analyze(
    _ network: Network, rows: Bool = true, conventions: [Convention]
  ) -> Outcome<[Analysis]> {
    let (analyses, diagnostics) = Analyzer.analyze(
      network, rows: rows, conventions: conventions)
    return Outcome(value: analyses, diagnostics: diagnostics)
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
    return analyze(
      spec, resolved: resolved, overrides: overrides, figures: figures, rows: rows,
      convention: convention, memory: memory)
  }

  /// `analyze` from the spec's resolution, `resolved`, made with the same values.
  static func analyze(
    _ spec: ParsedSpec, resolved: Outcome<Network>, overrides: [String: Double],
    figures: Bool, rows: Bool, convention: Convention, memory: MemorySettings
  ) -> Outcome<Analysis> {
    guard let network = resolved.value else {
      return Outcome(
        value: nil, diagnostics: resolved.diagnostics,
        parameterErrors: resolved.parameterErrors)
    }
    // A program whose batch is a symbol takes the batch of the byte counts within its range.
    if let wrong = spec.imported?.batchOutsideRange(memory.batch) {
      return Outcome(value: nil, diagnostics: resolved.diagnostics + [wrong])
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
