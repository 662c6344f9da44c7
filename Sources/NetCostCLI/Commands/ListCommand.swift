import NetCost

/// `netcost list`: the built-in networks with their input and cost at default parameters.
enum ListCommand {
  static let info = CommandInfo(
    name: "list",
    abstract: "List the built-in networks.",
    usage: "netcost list [--format <format>] [-o <file>]",
    options: [Options.formatHelp, Options.outputHelp],
    examples: ["netcost list"])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let format = try Options.format(&arguments)
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
    let stdout =
      switch format {
      case .json: JSONRenderer.render(networks: analyses)
      default:
        Report.render(
          Document([
            .table(Table(networks: analyses)), .lines([Counting.line([.macs, .paramsAll])]),
          ]), as: format, context: context)
      }
    return Output(stdout: stdout, stderr: stderr, exitCode: stderr.isEmpty ? .success : .specError)
  }
}
