import NetCost

/// `netcost list`: the built-in networks, by family, with their input and cost at default
/// parameters.
enum ListCommand {
  static let info = CommandInfo(
    name: Subcommand.list.name,
    abstract: "List the built-in networks.",
    usage: "netcost list [--format <format>] [-o <file>]",
    options: [Options.formatHelp, Options.outputHelp],
    examples: ["netcost list"])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let format = try Options.format(&arguments)
    try arguments.finish(knownOptions: info.optionNames)
    let (summaries, stderr) = SpecCatalog.summaries(context: context)
    let stdout =
      switch format {
      case .json: JSONRenderer.render(networks: summaries)
      default:
        Report.render(
          Document([
            .table(Table(networks: summaries)), .lines([Counting.line([.macs, .paramsAll])]),
          ]), as: format, context: context)
      }
    return Output(stdout: stdout, stderr: stderr, exitCode: stderr.isEmpty ? .success : .specError)
  }
}
