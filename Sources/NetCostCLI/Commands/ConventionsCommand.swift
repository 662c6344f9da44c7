import NetCost

/// `netcost conventions NETWORK`: the network's compute as each tool counts it, and why.
enum ConventionsCommand {
  static let info = CommandInfo(
    name: Subcommand.conventions.name,
    abstract:
      "Show what each tool (torchinfo, fvcore, ptflops, thop, …) prints for a network, and why.",
    usage: "netcost conventions <network> [--alpha <value>] [--resolution <value>] "
      + "[--set <name>=<value> ...] [--skip <type> ...] [--format <format>] [-o <file>]",
    arguments: [
      .init(name: "network", text: "A built-in network or a model file, as for 'netcost analyze'.")
    ],
    options: [
      Options.alphaHelp, Options.resolutionHelp, Options.setHelp, Options.skipHelp,
      Options.formatHelp, Options.outputHelp,
    ],
    examples: ["netcost conventions resnet50", "netcost conventions mobilenet-v2 --format json"])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let overrides = try AnalyzeCommand.parameterValues(&arguments)
    let skip = try Options.skip(&arguments)
    let format = try Options.format(&arguments)
    guard let target = arguments.positional() else {
      throw UsageError.missing("network", command: info.name)
    }
    try arguments.finish(knownOptions: info.optionNames)
    let spec = try SpecCatalog.spec(target, context: context, command: info.name, skipping: skip)
    try Options.checkImportOptions(spec, input: false, skip: !skip.isEmpty, command: info.name)
    // Resolved once, and analysed under every convention in one walk over the layers.
    let network: Network
    switch try Report.unwrap(
      Pipeline.resolve(spec, overrides: overrides), source: spec.source, context: context,
      command: info.name)
    {
    case .success(let value): network = value
    case .failure(let failure): return failure.output
    }
    let analyses: [Analysis]
    switch try Report.unwrap(
      Pipeline.analyze(network, rows: false, conventions: Convention.allCases),
      source: spec.source, context: context, command: info.name)
    {
    case .success(let value): analyses = value
    case .failure(let failure): return failure.output
    }
    let stdout =
      switch format {
      case .json: JSONRenderer.render(conventions: analyses)
      default: Report.render(ConventionsReport.document(analyses), as: format, context: context)
      }
    return Output(stdout: stdout)
  }
}
