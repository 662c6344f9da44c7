import NetCost

/// `netcost <network|file> [--alpha A] [--resolution R] [--set NAME=VALUE]… [--format table|json]`
enum AnalyzeCommand {
  static let info = CommandInfo(
    name: "analyze",
    abstract: "Print a network's cost, layer by layer, with totals.",
    usage: "netcost [analyze] <network> [--alpha <value>] [--resolution <value>] "
      + "[--set <name>=<value> ...] [--format <format>]",
    arguments: [
      .init(name: "network", text: "A built-in network ('netcost list' shows them) or a spec file.")
    ],
    options: [
      .init(names: ["--alpha"], value: "<value>",
        text: "The width multiplier α (the same as '--set alpha=<value>')."),
      .init(names: ["--resolution"], value: "<value>",
        text: "The input resolution (the same as '--set resolution=<value>')."),
      .init(names: ["--set"], value: "<name>=<value>",
        text: "Set any parameter the spec declares; repeatable."),
      .init(names: ["--format"], value: "<format>", text: "table or json (default: table)."),
    ],
    examples: [
      "netcost mobilenet --alpha 0.75",
      "netcost mobilenet --alpha 0.5 --resolution 32 --set classes=10",
      "netcost vgg16 --format json",
      "netcost my-network.netspec",
    ])

  enum Format: String, CaseIterable {
    case table, json
  }

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    var overrides: [String: Double] = [:]
    for name in ["alpha", "resolution"] {
      if let text = try arguments.value("--\(name)") {
        overrides[name] = try number(text, option: "--\(name)")
      }
    }
    for assignment in try arguments.values("--set") {
      let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw UsageError(message: "'--set' takes <name>=<value>, got '\(assignment)'",
          command: info.name)
      }
      if overrides[parts[0]] != nil {
        throw UsageError(message: "parameter '\(parts[0])' is set more than once", command: info.name)
      }
      overrides[parts[0]] = try number(parts[1], option: "--set \(parts[0])")
    }
    let format = try formatOption(&arguments)
    guard let target = arguments.positional() else {
      throw UsageError(message: "missing expected argument '<network>'", command: info.name)
    }
    try arguments.finish(knownOptions: info.optionNames)

    let source = try SpecCatalog.load(target, context: context, command: info.name)
    let outcome = Pipeline.analyze(source, overrides: overrides)
    if let problem = outcome.parameterErrors.first {
      throw UsageError(message: problem.message, help: problem.help, command: info.name)
    }
    let stderr = Report.diagnostics(outcome.diagnostics, in: source, context: context)
    guard let analysis = outcome.value else {
      return Output(stderr: stderr, exitCode: .specError)
    }
    let stdout = switch format {
    case .table: AnalysisReport.render(analysis)
    case .json: JSONRenderer.render(analysis)
    }
    return Output(stdout: stdout, stderr: stderr)
  }

  static func formatOption(_ arguments: inout Arguments) throws(UsageError) -> Format {
    guard let text = try arguments.value("--format") else { return .table }
    guard let format = Format(rawValue: text) else {
      throw UsageError(message: "'--format' must be one of "
        + Format.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ", got '\(text)'",
        help: Suggest.closest(to: text, in: Format.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" },
        command: arguments.command)
    }
    return format
  }

  /// A parameter value: a finite decimal number.
  static func number(_ text: String, option: String) throws(UsageError) -> Double {
    guard let value = Double(text), value.isFinite else {
      throw UsageError(message: "'\(option)' takes a number, got '\(text)'", command: info.name)
    }
    return value
  }
}

/// Rendering diagnostics for stderr, with colour only on a terminal and without NO_COLOR.
enum Report {
  static func diagnostics(_ diagnostics: [Diagnostic], in source: SourceFile, context: Context)
    -> String
  {
    guard !diagnostics.isEmpty else { return "" }
    let colored = context.stderrIsTerminal && context.environment["NO_COLOR"] == nil
    return DiagnosticRenderer(colored: colored).render(diagnostics, in: source)
  }
}
