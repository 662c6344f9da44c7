import NetCost

/// `netcost list`: the built-in networks with their input and cost at default parameters.
enum ListCommand {
  static let info = CommandInfo(
    name: "list",
    abstract: "List the built-in networks.",
    usage: "netcost list [--format <format>]",
    options: [.init(names: ["--format"], value: "<format>", text: "table or json (default: table).")],
    examples: ["netcost list"])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let format = try AnalyzeCommand.formatOption(&arguments)
    try arguments.finish(knownOptions: info.optionNames)
    var analyses: [Analysis] = []
    var stderr = ""
    for name in SpecCatalog.builtinNames {
      guard let source = SpecCatalog.builtin(name) else { continue }
      let outcome = Pipeline.analyze(source)
      if let analysis = outcome.value {
        analyses.append(analysis)
      } else {
        stderr += Report.diagnostics(outcome.diagnostics, in: source, context: context)
      }
    }
    let stdout = switch format {
    case .table: TerminalRenderer.render(Table(networks: analyses))
    case .json: JSONRenderer.render(networks: analyses)
    }
    return Output(stdout: stdout, stderr: stderr, exitCode: stderr.isEmpty ? .success : .specError)
  }
}
