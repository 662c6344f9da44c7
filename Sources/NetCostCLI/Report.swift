import NetCost

/// Rendering diagnostics for stderr, with colour only on a terminal and without NO_COLOR.
enum Report {
  static func diagnostics(
    _ diagnostics: [Diagnostic], in source: SourceFile, context: Context
  )
    -> String
  {
    guard !diagnostics.isEmpty else { return "" }
    let colored = context.stderrIsTerminal && context.environment["NO_COLOR"] == nil
    return DiagnosticRenderer(colored: colored).render(diagnostics, in: source)
  }

  /// A spec that has errors: the output to return (diagnostics on stderr, exit 1).
  struct SpecFailure: Error {
    var output: Output
  }

  /// The outcome's value; parameter values the spec refuses are usage errors (exit 64), errors in
  /// the spec a `SpecFailure` carrying the rendered diagnostics.
  static func unwrap<Value>(
    _ outcome: Outcome<Value>, source: SourceFile, context: Context,
    command: String
  ) throws(UsageError) -> Result<Value, SpecFailure> {
    if let problem = outcome.parameterErrors.first {
      throw UsageError(message: problem.message, help: problem.help, command: command)
    }
    let stderr = diagnostics(outcome.diagnostics, in: source, context: context)
    guard let value = outcome.value else {
      return .failure(SpecFailure(output: Output(stderr: stderr, exitCode: .specError)))
    }
    return .success(value)
  }

  static func render(_ document: Document, as format: Options.Format, context: Context) -> String {
    switch format {
    case .markdown: document.renderedAsMarkdown()
    case .csv: document.renderedAsCSV()
    case .table, .json: document.renderedForTerminal(style: style(context))
    }
  }

  /// `render`'s text as standard output; on the terminal (and a pipe) written as it is made.
  static func output(_ document: Document, as format: Options.Format, context: Context) -> Output {
    switch format {
    case .markdown: Output { out in document.write(asMarkdown: &out) }
    case .csv: Output { out in document.write(asCSV: &out) }
    case .table, .json:
      Output { [style = style(context)] out in document.write(forTerminal: style, into: &out) }
    }
  }

  /// Tables fit the terminal and have a bold header, when standard output is a terminal and
  /// NO_COLOR is not set.
  static func style(_ context: Context) -> TerminalStyle {
    TerminalStyle(
      width: context.terminalWidth,
      bold: context.terminalWidth != nil && context.environment["NO_COLOR"] == nil)
  }
}
