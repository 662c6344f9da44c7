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
    // A family with variants is listed as its variants; one without, as itself. Each family is
    // parsed once, and the seventy-odd networks analysed for their totals alone, on every core.
    let families = Set(SpecCatalog.networks.compactMap { $0.variant == nil ? nil : $0.family })
    var parsed: [String: Pipeline.ParsedSpec] = [:]
    var listed: [(family: String, spec: Pipeline.ParsedSpec)] = []
    for entry in SpecCatalog.networks where entry.variant != nil || !families.contains(entry.family)
    {
      guard var spec = parsed[entry.family] ?? SpecCatalog.builtin(entry.family)?.parsed else {
        continue
      }
      parsed[entry.family] = spec
      spec.variant = entry.variant
      listed.append((entry.family, spec))
    }
    var analyses: [(family: String, analysis: Analysis)] = []
    var stderr = ""
    for (item, outcome) in zip(listed, Pipeline.analyzeEach(listed.map(\.spec))) {
      if let analysis = outcome.value {
        analyses.append((item.family, analysis))
      } else {
        stderr += Report.diagnostics(outcome.diagnostics, in: item.spec.source, context: context)
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
