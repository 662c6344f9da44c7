import NetCost

/// `netcost compare vgg16 mobilenet mobilenet:alpha=0.5,resolution=160 [--baseline NAME]`
enum CompareCommand {
  static let info = CommandInfo(
    name: Subcommand.compare.name,
    abstract: "Compare networks' totals side by side, as ratios to a baseline.",
    usage:
      "netcost compare <network> <network> ... [--baseline <network>] [--skip <type> ...] "
      + "[--convention <name> | --flops] [--format <format>] [-o <file>]",
    arguments: [
      .init(
        name: "network",
        text: "A built-in network or a spec file, optionally with parameters:\n"
          + "'mobilenet:alpha=0.5,resolution=160'.")
    ],
    options: [
      .init(
        names: ["--baseline"], value: "<network>",
        text: "The network the ratios are against (default: the first)."),
      Options.skipHelp, Options.conventionHelp, Options.flopsHelp, Options.formatHelp,
      Options.outputHelp,
    ],
    examples: [
      "netcost compare vgg16 mobilenet",
      "netcost compare vgg16 mobilenet googlenet squeezenet alexnet-2012",
      "netcost compare alexnet-2012 mobilenet:alpha=0.5,resolution=160",
    ])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let baselineName = try arguments.value("--baseline")
    let skip = try Options.skip(&arguments)
    let convention = try Options.convention(&arguments)
    let format = try Options.format(&arguments)
    var targets: [String] = []
    while let target = arguments.positional() { targets.append(target) }
    try arguments.finish(knownOptions: info.optionNames)
    guard targets.count >= 2 else {
      throw UsageError(
        message: "compare needs at least two networks, got \(targets.count)",
        command: info.name)
    }
    var specs: [(spec: Pipeline.ParsedSpec, overrides: [String: Double])] = []
    for target in targets {
      let (name, overrides) = try Options.network(target, command: info.name)
      specs.append(
        (
          try SpecCatalog.spec(name, context: context, command: info.name, skipping: skip),
          overrides
        ))
    }
    try Options.checkImportOptions(
      specs.map(\.spec), input: false, skip: !skip.isEmpty, command: info.name)
    // A comparison shows totals alone: the rows are not kept (a network of a million layers
    // would hold a million of them for each network compared). The networks are analysed
    // side by side, on every core; the first that fails is reported.
    var analyses: [Analysis] = []
    let outcomes: [Outcome<Analysis>]
    switch Pipeline.analyzeEach(specs, convention: convention) {
    case .success(let each): outcomes = each
    case .failure(let error):
      throw UsageError(message: error.message, help: error.help, command: info.name)
    }
    for ((spec, _), outcome) in zip(specs, outcomes) {
      switch try Report.unwrap(outcome, source: spec.source, context: context, command: info.name)
      {
      case .success(let analysis): analyses.append(analysis)
      case .failure(let failure): return failure.output
      }
    }
    var baseline = 0
    if let baselineName {
      guard
        let index = targets.firstIndex(of: baselineName)
          ?? analyses.firstIndex(where: { $0.network == baselineName })
      else {
        throw UsageError(
          message: "the baseline '\(baselineName)' is not among the networks compared",
          help: Suggest.closest(to: baselineName, in: targets).map { "did you mean '\($0)'?" },
          command: info.name)
      }
      baseline = index
    }
    let comparison = Comparison(analyses: analyses, baseline: baseline)
    let stdout =
      format == .json
      ? JSONRenderer.render(comparison: comparison)
      : Report.render(ComparisonReport.document(comparison), as: format, context: context)
    return Output(stdout: stdout)
  }
}
