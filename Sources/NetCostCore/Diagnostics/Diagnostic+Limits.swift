/// The catalogue's messages for limits (`Limit`): what is too deep, too long or too much, and by
/// how much. Part of the one catalogue of spec messages, in a file of its own for its size.
extension Diagnostic {
  /// Past `Limit.nesting`, naming the token that went too deep: 100,000 minus signs are not
  /// "parentheses nested too deep".
  package static func nestedTooDeep(_ token: String, at range: SourceRange) -> Diagnostic {
    let what =
      switch token {
      case "-": "'-' signs"
      case "(": "parentheses"
      case "[": "brackets"
      default: "braces"
      }
    return Diagnostic(
      "\(what) are nested more than \(Limit.nesting.value) deep", at: range,
      notes: [Note("braces, parentheses, brackets and signs all count toward the depth")])
  }

  package static func overLimit(_ limit: Limit, at range: SourceRange) -> Diagnostic {
    let n = limit.value
    return switch limit {
    case .layers: Diagnostic("the spec expands to more than \(n) layers", at: range)
    case .passes: Diagnostic("the spec's loops run more than \(n) passes", at: range)
    case .blockCalls: Diagnostic("block calls are nested more than \(n) deep", at: range)
    case .blockCallsInAll: Diagnostic("the spec makes more than \(n) block calls", at: range)
    case .functionCalls:
      Diagnostic(
        "function calls are nested more than \(n) deep", at: range,
        help: "a function may not call itself")
    case .nesting: nestedTooDeep("{", at: range)
    case .expressionTerms: Diagnostic("the expression has more than \(n) terms", at: range)
    case .listItems: Diagnostic("the list has more than \(n) items", at: range)
    case .evaluationDepth:
      Diagnostic(
        "the expression nests more than \(n) terms deep, counting the functions it calls",
        at: range)
    case .steps:
      Diagnostic(
        "the spec takes more than \(n) steps to expand", at: range,
        help: "a block or function that calls another twice doubles the work at each level")
    case .namedLayers: Diagnostic("the spec names more than \(n) layers", at: range)
    case .freshLayers:
      Diagnostic(
        "the spec makes more than \(n) layers afresh", at: range,
        help: "a pass over a statement with values no pass before had makes its layer afresh")
    case .nameLength:
      Diagnostic("the layer's name is longer than \(n) bytes", at: range)
    case .nameCharacters:
      Diagnostic("the spec's layer names come to more than \(n) bytes", at: range)
    case .layerInputs:
      Diagnostic("the spec's layers read more than \(n) inputs in all", at: range)
    case .fileNesting:
      Diagnostic("the file nests messages, objects or arrays more than \(n) deep", at: range)
    case .importedLayers: Diagnostic("the model has more than \(n) layers", at: range)
    case .publishedFigures:
      Diagnostic(
        "the spec publishes more than \(n) figures", at: range,
        help: "'verify' prints a row for each figure")
    case .repeatedText:
      Diagnostic(
        "the text is longer than \(n) bytes", at: range,
        help: "a network's name and a figures' source are printed on each row of 'verify'")
    // Bounds that stop quietly, or are reported elsewhere (a sweep's or a graph's size is a
    // command-line error, `ParameterError.sweepTooLarge`, `.graphTooLarge` or `.tooManyRows`),
    // never come here; their words are the docs' words.
    case .estimateSteps, .stepsAfterError, .diagnostics, .diagnosticsPerLine, .suggestedNames,
      .sweepLayers,
      .sweepPoints, .comparedLayers, .checkedLayers, .checkedRows,
      .graphRows, .graphBends, .graphEdges, .chartRows, .explainedRows:
      Diagnostic("more than \(n) \(limit.doc)", at: range)
    }
  }
}
