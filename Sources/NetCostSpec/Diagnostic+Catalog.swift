import NetCostCore

/// Every message the spec language (lexer, parser, resolver) can emit about a spec, one factory
/// each, alphabetically, then the published figures'. Each stage owns its messages: a layer's
/// shape errors and the limits' are the core's (`Diagnostic+Layers.swift`,
/// `Diagnostic+Limits.swift`), the importers' are `Diagnostic+Import.swift`, the analysis'
/// `Diagnostic+Figures.swift`. Rules (docs/diagnostics.md): lowercase, no final period, names in
/// '…', the object in the message, fixes in `help`, the smallest range that shows it.
extension Diagnostic {
  /// Every "is … twice" message, with its "first … here" note: `block 'b' is defined twice`.
  private static func twice(
    _ subject: String, _ verb: String, at range: SourceRange, first: SourceRange?
  ) -> Diagnostic {
    Diagnostic(
      "\(subject) is \(verb) twice", at: range,
      notes: first.map { [Note("first \(verb) here", at: $0)] } ?? [])
  }

  /// Every "unknown …" message, with "did you mean" when one name is close, else `otherwise`.
  private static func unknown(
    _ subject: String, at range: SourceRange, _ suggestion: String?, otherwise: String? = nil
  ) -> Diagnostic {
    Diagnostic(
      "unknown \(subject)", at: range, help: suggestion.map { "did you mean '\($0)'?" } ?? otherwise
    )
  }

  static func badDivisor(at range: SourceRange) -> Diagnostic {
    Diagnostic("the divisor of 'make_divisible' must be a whole number of at least 1", at: range)
  }

  static func blockWithoutParentheses(_ name: Located<String>) -> Diagnostic {
    Diagnostic(
      "'\(name.value)' is a block, not a layer kind", at: name.range,
      help: "call it with its arguments: '\(name.value)(…)'")
  }

  static func branchesOnNonMerge(_ kind: Located<String>) -> Diagnostic {
    Diagnostic(
      "only 'concat', 'add' and 'multiply' take branches, not '\(kind.value)'", at: kind.range)
  }

  static func choiceOutOfRange(_ index: Double, count: Int, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "'choose' picks a whole number from 1 to \(count), got \(index.shortDescription)", at: range)
  }

  static func duplicateFunction(_ name: Located<String>, first: SourceRange?) -> Diagnostic {
    twice("function '\(name.value)'", "defined", at: name.range, first: first)
  }

  static func builtinFunctionRedefined(_ name: Located<String>) -> Diagnostic {
    Diagnostic("'\(name.value)' is a built-in function and cannot be redefined", at: name.range)
  }

  static func defaultOutOfRange(
    _ name: String, _ value: Double, _ interval: String, at range: SourceRange
  ) -> Diagnostic {
    Diagnostic(
      "the default \(value.shortDescription) of parameter '\(name)' is outside its range \(interval)",
      at: range)
  }

  static func negativeBase(at range: SourceRange) -> Diagnostic {
    Diagnostic("'pow' of a negative base needs a whole exponent", at: range)
  }

  static func variantOutOfRange(
    _ variant: String, _ name: String, _ value: Double, _ interval: String, at range: SourceRange
  ) -> Diagnostic {
    Diagnostic(
      "variant '\(variant)' sets '\(name)' to \(value.shortDescription), outside its range \(interval)",
      at: range)
  }

  static func variantNotWhole(
    _ variant: String, _ name: String, _ value: Double, at range: SourceRange
  ) -> Diagnostic {
    Diagnostic(
      "variant '\(variant)' sets '\(name)' to \(value.shortDescription); it takes whole numbers",
      at: range)
  }

  static func divisionByZero(at range: SourceRange) -> Diagnostic {
    Diagnostic("division by zero", at: range)
  }

  static func duplicateBlock(_ name: Located<String>, first: SourceRange) -> Diagnostic {
    twice("block '\(name.value)'", "defined", at: name.range, first: first)
  }

  static func duplicateVariant(_ name: Located<String>, first: SourceRange) -> Diagnostic {
    twice("variant '\(name.value)'", "declared", at: name.range, first: first)
  }

  static func duplicateHeader(_ key: Located<String>, first: SourceRange) -> Diagnostic {
    twice("'\(key.value)'", "given", at: key.range, first: first)
  }

  static func duplicateInput(at range: SourceRange, first: SourceRange) -> Diagnostic {
    twice("'input'", "given", at: range, first: first)
  }

  static func duplicateKey(_ key: Located<String>, first: SourceRange) -> Diagnostic {
    twice("key '\(key.value)'", "given", at: key.range, first: first)
  }

  static func duplicateLayer(
    _ name: String, at range: SourceRange, first: SourceRange
  ) -> Diagnostic { twice("layer name '\(name)'", "used", at: range, first: first) }

  static func duplicateParameter(_ name: Located<String>, first: SourceRange?) -> Diagnostic {
    twice("parameter '\(name.value)'", "declared", at: name.range, first: first)
  }

  static func emptyLoop(_ first: Int, _ last: Int, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "the loop range \(first)...\(last) is empty", at: range,
      help: "the first value must not be greater than the last")
  }

  static func emptyName(at range: SourceRange) -> Diagnostic {
    Diagnostic("a layer name must not be empty", at: range)
  }

  static func emptySpec(at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "the spec is empty", at: range,
      help: "a spec needs at least an 'input' and one layer; see docs/spec-language.md")
  }

  static func expected(_ what: String, _ context: String, found token: Token) -> Diagnostic {
    let place = context.isEmpty ? "" : " " + context
    return Diagnostic("expected \(what)\(place), found \(token.described)", at: token.range)
  }

  static func expectedBoolean(_ key: String, at range: SourceRange) -> Diagnostic {
    Diagnostic("'\(key)' must be true, false or a condition (such as keras == 1)", at: range)
  }

  static func expectedTorchCall(_ key: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "'\(key)' must be module, functional, tensor, custom, fused, fastpath, einsum or absent",
      at: range)
  }

  static func expectedEndOfStatement(found token: Token) -> Diagnostic {
    Diagnostic(
      "expected end of line, found \(token.described)", at: token.range,
      help: "separate a layer's keys with ',' and chained layers with '->'")
  }

  static func expectedLayerList(_ key: String, at range: SourceRange) -> Diagnostic {
    Diagnostic("'\(key)' must be a list of layer names", at: range, help: "write it as '[a, b]'")
  }

  static func expectedLayerName(at range: SourceRange) -> Diagnostic {
    Diagnostic("expected a layer name", at: range)
  }

  static func expectedNumber(at range: SourceRange) -> Diagnostic {
    Diagnostic("expected a number", at: range)
  }

  static func pairWhereNumber(at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "expected a number, not a height x width pair", at: range,
      help: "only 'kernel', 'stride', 'dilation' and 'padding' take 'height x width'")
  }

  static func tooManySides(_ key: String, _ count: Int, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "'\(key)' has \(count) sizes; a window has one (square), two (height x width) or three "
        + "(depth x height x width, over a volume)", at: range)
  }

  static func fromWithBranches(at range: SourceRange) -> Diagnostic {
    Diagnostic("a merge takes either 'from' or branches, not both", at: range)
  }

  static func kindCalledLikeBlock(_ name: Located<String>) -> Diagnostic {
    Diagnostic(
      "'\(name.value)' is a layer kind, not a block", at: name.range,
      help: "give a layer's values as keys: '\(name.value) key = value, …'")
  }

  static func mergeNeedsTwo(_ kind: Located<String>, count: Int) -> Diagnostic {
    Diagnostic("'\(kind.value)' needs at least 2 inputs, got \(count)", at: kind.range)
  }

  static func mergeWithoutInputs(_ kind: Located<String>) -> Diagnostic {
    Diagnostic(
      "'\(kind.value)' needs inputs", at: kind.range,
      help: "give branches '{ branch { … } branch { … } }' or 'from = [a, b]'")
  }

  static func misplaced(_ keyword: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "'\(keyword)' must be at the top level of the spec, not inside a block or loop", at: range)
  }

  static func missingInput(at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "the spec has no 'input'", at: range, help: "give the input shape, e.g. 'input 224 x 224 x 3'"
    )
  }

  static func missingKey(_ key: String, in kind: LayerKind, at range: SourceRange) -> Diagnostic {
    Diagnostic("'\(kind.rawValue)' needs '\(key)'", at: range)
  }

  static func noLayers(at range: SourceRange) -> Diagnostic {
    Diagnostic("the spec has no layers", at: range)
  }

  static func notWhole(_ name: String, _ value: Double, at range: SourceRange) -> Diagnostic {
    Diagnostic("parameter '\(name)' takes whole numbers, got \(value.shortDescription)", at: range)
  }

  static func notWholeValue(_ what: String, _ value: Double, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "\(what) must be a whole number, got \(value.shortDescription)", at: range,
      help: "round it explicitly with int(…), round(…) or ceil(…)")
  }

  static func numberTooLarge(_ text: String, at range: SourceRange) -> Diagnostic {
    Diagnostic("the number '\(text)' is too large", at: range)
  }

  static func reservedLayerName(at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "a layer cannot be named 'input'", at: range,
      notes: [Note("'input' means the network's input wherever a layer is referred to")],
      help: "choose another name")
  }

  static func probabilityOutOfRange(
    _ key: String, _ value: Double, at range: SourceRange
  ) -> Diagnostic {
    Diagnostic(
      "'\(key)' must be at least 0 and less than 1, got \(value.shortDescription)", at: range)
  }

  static func recursiveBlock(_ name: Located<String>, definedAt: SourceRange) -> Diagnostic {
    Diagnostic(
      "block '\(name.value)' calls itself", at: name.range,
      notes: [Note("'\(name.value)' defined here", at: definedAt)])
  }

  static func selectorNotAccepted(
    _ metric: Located<String>, _ selector: FigureDecl.Selector
  ) -> Diagnostic {
    let help =
      metric.value.hasSuffix("_share")
      ? "write it as '\(metric.value) of kind \"Conv 1×1\" = …'"
      : metric.value.hasSuffix("_reduction")
        ? "write it as '\(metric.value) vs \"network\" = …'"
        : "'of' takes layers for macs, params, weights and memory; 'vs' goes with reductions"
    let what =
      switch selector {
      case .network: "needs 'of' or 'vs'"
      case .layers: "does not take layers"
      case .kind: "does not take a kind"
      case .versus: "does not take 'vs'"
      }
    return Diagnostic("metric '\(metric.value)' \(what)", at: metric.range, help: help)
  }

  static func shadowedName(_ name: Located<String>) -> Diagnostic {
    Diagnostic(
      "loop variable '\(name.value)' hides a name already in scope", at: name.range,
      help: "choose another name")
  }

  static func unclosedInterpolation(at range: SourceRange) -> Diagnostic {
    Diagnostic("a '{' in a layer name must enclose a name and be closed by '}'", at: range)
  }

  static func unexpected(_ token: Token, _ place: String) -> Diagnostic {
    Diagnostic("unexpected \(token.kind.spelling) \(place)", at: token.range)
  }

  static func unexpectedDots(at range: SourceRange) -> Diagnostic {
    Diagnostic("unexpected '..'", at: range, help: "a range is written with three dots: 1...5")
  }

  static func unexpectedCharacters(_ text: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "unexpected character\(text.unicodeScalars.count == 1 ? "" : "s") '\(text)'", at: range)
  }

  static func unknownBlock(_ name: Located<String>, suggestion: String?) -> Diagnostic {
    unknown("block '\(name.value)'", at: name.range, suggestion)
  }

  static func unknownFunction(_ name: Located<String>, suggestion: String?) -> Diagnostic {
    unknown(
      "function '\(name.value)'", at: name.range, suggestion,
      otherwise: "the functions are " + Suggest.quotedList(Evaluator.functions.keys.sorted()))
  }

  static func unknownKey(
    _ key: Located<String>, in kind: LayerKind, suggestion: String?
  ) -> Diagnostic {
    unknown(
      "key '\(key.value)' in '\(kind.rawValue)'", at: key.range, suggestion,
      otherwise: "'\(kind.rawValue)' takes " + Suggest.quotedList(kind.keys.map(\.name)))
  }

  static func unknownKind(_ name: Located<String>, suggestion: String?) -> Diagnostic {
    unknown("layer kind '\(name.value)'", at: name.range, suggestion)
  }

  static func unknownLayer(_ name: String, at range: SourceRange, suggestion: String?) -> Diagnostic
  {
    var diagnostic = unknown("layer '\(name)'", at: range, suggestion)
    diagnostic.notes = [Note("a layer can read only layers written before it, or 'input'")]
    return diagnostic
  }

  static func unknownMetric(_ name: Located<String>, suggestion: String?) -> Diagnostic {
    unknown("metric '\(name.value)'", at: name.range, suggestion)
  }

  static func unknownName(_ name: String, at range: SourceRange, suggestion: String?) -> Diagnostic
  { unknown("name '\(name)'", at: range, suggestion) }

  static func unknownParameter(_ name: Located<String>, suggestion: String?) -> Diagnostic {
    unknown("parameter '\(name.value)'", at: name.range, suggestion)
  }

  static func unknownUnit(_ unit: Located<String>, for metric: PublishedFigure.Metric) -> Diagnostic
  {
    let units = metric.units.map(\.symbol).filter { !$0.isEmpty }
    return Diagnostic(
      "'\(metric.rawValue)' cannot be printed in '\(unit.value)'", at: unit.range,
      help: units.isEmpty ? "write it without a unit" : "write it in " + Suggest.quotedList(units))
  }

  static func unterminatedString(at range: SourceRange) -> Diagnostic {
    Diagnostic("unterminated string", at: range, help: "close it with '\"' on the same line")
  }

  static func valueBelowMinimum(
    _ what: String, _ value: Double, minimum: Int, at range: SourceRange,
    bindings: [(String, Double)]
  ) -> Diagnostic {
    let with = bindings.map { "\($0.0) = \($0.1.shortDescription)" }.joined(separator: ", ")
    return Diagnostic(
      "\(what) must be at least \(minimum), got \(value.shortDescription)", at: range,
      notes: with.isEmpty ? [] : [Note("with \(with)")])
  }

  static func valueTooLarge(at range: SourceRange) -> Diagnostic {
    Diagnostic("the value is too large to count with", at: range)
  }

  static func wrongArgumentCount(
    function: String, expected: Int, got: Int, at range: SourceRange
  ) -> Diagnostic {
    Diagnostic("'\(function)' takes \(arguments(expected)), got \(got)", at: range)
  }

  static func wrongBlockArgumentCount(
    _ name: Located<String>, expected: Int, got: Int, at range: SourceRange, definedAt: SourceRange
  ) -> Diagnostic {
    Diagnostic(
      "block '\(name.value)' takes \(arguments(expected)), got \(got)", at: range,
      notes: [Note("'\(name.value)' defined here", at: definedAt)])
  }

  /// `1 argument`, `2 arguments`; -1 is `2 or more arguments` (`choose`).
  private static func arguments(_ count: Int) -> String {
    count < 0 ? "2 or more arguments" : "\(count) argument\(count == 1 ? "" : "s")"
  }

  // Published figures that cannot be checked: the analysis' Diagnostic+Figures.swift.
}

/// The batch of measured memory figures.
extension Diagnostic {
  /// `batch = …` on figures other than the measured memory ones.
  static func batchNotForFigures(at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "'batch' is a condition of measured memory figures only", at: range,
      help: "put saved_bytes, training_growth and inference_peak in a 'published' of their own")
  }

  /// A memory figure's batch past what `--batch` takes.
  static func batchTooLarge(_ value: Int, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "the batch must be at most \(NumberFormat.grouped(MemorySettings.maximumBatch)), got "
        + NumberFormat.grouped(value), at: range)
  }
}
