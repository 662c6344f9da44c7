import NetCostCore

/// What the importers say about a model file they cannot read: each message names the layer, its
/// type and where it is (file:line:col), with "did you mean" where a spelling is close.
extension Diagnostic: Error {}

extension Diagnostic {
  static func importSyntax(
    _ message: String, at range: SourceRange, help: String? = nil
  ) -> Diagnostic {
    Diagnostic(message, at: range, help: help)
  }

  /// A layer type the format has but netcost does not model: an error, never a silent zero.
  static func unsupportedLayer(
    format: String, type: String, layer: String, at range: SourceRange, known: [String],
    position: String? = nil
  ) -> Diagnostic {
    let at = position.map { " (\($0))" } ?? ""
    return Diagnostic(
      "\(format) layer '\(layer)'\(at) has type '\(type)', which netcost does not model",
      at: range,
      notes: [.skip(type)],
      help: Suggest.closest(to: type, in: known).map { "did you mean '\($0)'?" })
  }

  /// An option that would change the layer's shape or cost in a way netcost does not model.
  static func unsupportedOption(
    _ option: String, value: String? = nil, layer: String, at range: SourceRange,
    help: String? = nil
  ) -> Diagnostic {
    let what = value.map { "'\(option)' = \($0)" } ?? "'\(option)'"
    return Diagnostic(
      "layer '\(layer)' sets \(what), which netcost does not model", at: range, help: help)
  }

  static func missingField(_ field: String, in what: String, at range: SourceRange) -> Diagnostic {
    Diagnostic("\(what) has no '\(field)'", at: range)
  }

  static func badValue(
    _ field: String, expected: String, got: String, at range: SourceRange
  ) -> Diagnostic {
    Diagnostic("'\(field)' must be \(expected), got \(got)", at: range)
  }

  /// A layer reads a blob (Caffe) or a layer (Keras) that nothing before it made.
  static func unknownInput(
    _ name: String, layer: String, at range: SourceRange, known: [String]
  ) -> Diagnostic {
    Diagnostic(
      "layer '\(layer)' reads '\(name)', which no layer before it makes", at: range,
      help: Suggest.closest(to: name, in: known).map { "did you mean '\($0)'?" })
  }

  static func duplicateLayerName(_ name: String, at range: SourceRange) -> Diagnostic {
    Diagnostic("two layers are named '\(name)'", at: range, help: "layer names must be unique")
  }

  static func noModelInput(format: String, at range: SourceRange, help: String) -> Diagnostic {
    Diagnostic("the \(format) model declares no input shape", at: range, help: help)
  }

  /// A symbolic size of a `.pt2` program's input bound outside the range the program declares.
  static func symbolOutOfRange(
    _ what: String, _ symbol: String, _ value: Int, _ range: ClosedRange<Int>,
    _ at: SourceRange
  ) -> Diagnostic {
    Diagnostic(
      "the input's \(what) is the symbol '\(symbol)', which the program allows from "
        + "\(range.lowerBound) to \(range.upperBound); it cannot be \(value)",
      at: at,
      help: "give a size within the range, or export with a wider torch.export.Dim")
  }

  static func importedNoLayers(at range: SourceRange) -> Diagnostic {
    Diagnostic("the model has no layers netcost can analyse", at: range)
  }
}

extension Diagnostic.Note {
  /// The way past a type netcost does not model, spelled as `--skip` takes it.
  static func skip(_ type: String) -> Diagnostic.Note {
    Diagnostic.Note(
      "'--skip \(type)' counts it as costing nothing and keeping its input's shape; "
        + "docs/importing.md lists the types netcost reads")
  }
}
