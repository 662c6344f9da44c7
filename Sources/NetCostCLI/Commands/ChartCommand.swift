import NetCost

/// `netcost chart <network> [-o FILE.svg]`: per-layer bars, or a sweep's points.
enum ChartCommand {
  static let info = CommandInfo(
    name: Subcommand.chart.name,
    abstract: "Draw a network's cost per layer, or a sweep, as an SVG chart.",
    usage: "netcost chart <network> [--alpha <values>] [--resolution <values>] "
      + "[--set <name>=<values> ...] [--skip <type> ...] [-o <file>]",
    arguments: [.init(name: "network", text: "A built-in network or a spec file.")],
    options: [
      .init(
        names: ["--alpha"], value: "<values>",
        text: "Width multipliers; several make a sweep chart."),
      .init(
        names: ["--resolution"], value: "<values>",
        text: "Input resolutions; several make a sweep chart."),
      .init(names: ["--set"], value: "<name>=<values>", text: "Values of any other parameter."),
      Options.skipHelp, Options.outputHelp,
    ],
    examples: [
      "netcost chart vgg16 -o vgg16.svg",
      "netcost chart mobilenet --alpha 1,0.75,0.5,0.25 --resolution 224,192,160,128 -o fig4.svg",
    ])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let axes = try SweepCommand.axes(&arguments, command: info.name)
    let skip = try Options.skip(&arguments)
    guard let target = arguments.positional() else {
      throw UsageError.missing("network", command: info.name)
    }
    try arguments.finish(knownOptions: info.optionNames)
    let spec = try SpecCatalog.spec(target, context: context, command: info.name, skipping: skip)
    try Options.checkImportOptions(spec, input: false, skip: !skip.isEmpty, command: info.name)
    let source = spec.source
    try SweepCommand.checkSize(axes, command: info.name)
    if axes.contains(where: { $0.values.count > 1 }) {
      switch try Report.unwrap(
        Pipeline.sweep(spec, over: axes), source: source, context: context,
        command: info.name)
      {
      case .success(let sweep):
        return Output(
          stdout: SweepChart.render(sweep),
          stderr: SweepChart.caveat(sweep).map { "note: \($0)\n" } ?? "")
      case .failure(let failure): return failure.output
      }
    }
    let fixed = Dictionary(axes.compactMap { axis in axis.values.first.map { (axis.name, $0) } }) {
      $1
    }
    switch try Report.unwrap(
      Pipeline.analyze(spec, overrides: fixed), source: source,
      context: context, command: info.name)
    {
    case .success(let analysis):
      // A bar per row: a million-row network is a table, not a chart.
      guard analysis.rows.count <= Limit.chartRows.value else {
        let problem = ParameterError.tooManyRows(.chartRows, count: analysis.rows.count)
        throw UsageError(message: problem.message, help: problem.help, command: info.name)
      }
      return Output(stdout: LayerChart.render(analysis))
    case .failure(let failure): return failure.output
    }
  }
}
