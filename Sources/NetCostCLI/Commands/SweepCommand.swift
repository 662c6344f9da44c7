import NetCost

/// `netcost sweep <network> --alpha 1,0.75,0.5,0.25 [--resolution 224,192,…] [--set name=v1,v2,…]`
enum SweepCommand {
  static let info = CommandInfo(
    name: Subcommand.sweep.name,
    abstract: "Analyse a network over a grid of parameter values, beside the published figures.",
    usage: "netcost sweep <network> [--alpha <values>] [--resolution <values>] "
      + "[--set <name>=<values> ...] [--skip <type> ...] [--convention <name> | --flops] "
      + "[--format <format>] [-o <file>]",
    arguments: [.init(name: "network", text: "A built-in network or a spec file.")],
    options: [
      .init(names: ["--alpha"], value: "<values>", text: "Width multipliers, comma-separated."),
      .init(
        names: ["--resolution"], value: "<values>", text: "Input resolutions, comma-separated."),
      .init(
        names: ["--set"], value: "<name>=<values>",
        text: "Values of any other parameter, comma-separated; repeatable."),
      Options.skipHelp, Options.conventionHelp, Options.flopsHelp, Options.formatHelp,
      Options.outputHelp,
    ],
    examples: [
      "netcost sweep mobilenet --alpha 1,0.75,0.5,0.25          # MobileNet Table 6",
      "netcost sweep mobilenet --resolution 224,192,160,128     # MobileNet Table 7",
      "netcost sweep mobilenet --alpha 1,0.5 --resolution 224,128",
    ])

  /// Refuses a grid of more than `Limit.sweepPoints` points before computing any of them.
  static func checkSize(
    _ axes: [(name: String, values: [Double])], command: String
  )
    throws(UsageError)
  {
    var points = 1
    for axis in axes {
      let (product, overflow) = points.multipliedReportingOverflow(by: axis.values.count)
      points = overflow ? Int.max : product
    }
    let most = Limit.sweepPoints.value
    guard points <= most else {
      throw UsageError(
        message: "the sweep has \(points) points; it may have at most \(most)",
        command: command)
    }
  }

  /// `--alpha`, `--resolution` and `--set name=v1,v2`, each a list of values, in that order.
  static func axes(
    _ arguments: inout Arguments, command: String
  ) throws(UsageError)
    -> [(name: String, values: [Double])]
  {
    var axes: [(name: String, values: [Double])] = []
    for name in ["alpha", "resolution"] {
      if let text = try arguments.value("--\(name)") {
        axes.append((name, try Options.numbers(text, option: "--\(name)", command: command)))
      }
    }
    for text in try arguments.values("--set") {
      let (name, values) = try Options.assignment(text, option: "--set", command: command)
      if axes.contains(where: { $0.name == name }) {
        throw UsageError(message: "parameter '\(name)' is given more than once", command: command)
      }
      axes.append((name, try Options.numbers(values, option: "--set \(name)", command: command)))
    }
    return axes
  }

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let axes = try axes(&arguments, command: info.name)
    let skip = try Options.skip(&arguments)
    let convention = try Options.convention(&arguments)
    let format = try Options.format(&arguments)
    guard let target = arguments.positional() else {
      throw UsageError.missing("network", command: info.name)
    }
    try arguments.finish(knownOptions: info.optionNames)
    guard !axes.isEmpty else {
      throw UsageError(
        message: "nothing to sweep",
        help: "give values with '--alpha', '--resolution' or '--set <name>=<values>'",
        command: info.name)
    }
    try checkSize(axes, command: info.name)

    let spec = try SpecCatalog.spec(target, context: context, command: info.name, skipping: skip)
    try Options.checkImportOptions(spec, input: false, skip: !skip.isEmpty, command: info.name)
    let source = spec.source
    let sweep: Sweep
    switch try Report.unwrap(
      Pipeline.sweep(spec, over: axes, convention: convention), source: source,
      context: context, command: info.name)
    {
    case .success(let value): sweep = value
    case .failure(let failure): return failure.output
    }
    let stdout =
      format == .json
      ? JSONRenderer.render(sweep: sweep)
      : Report.render(SweepReport.document(sweep), as: format, context: context)
    return Output(stdout: stdout)
  }
}
