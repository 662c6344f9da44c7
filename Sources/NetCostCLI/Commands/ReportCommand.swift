import NetCost

/// `netcost report mobilenet vgg16 -o report.md`: one Markdown document, with SVG charts and a
/// picture of each network as a graph beside it.
enum ReportCommand {
  static let info = CommandInfo(
    name: Subcommand.report.name,
    abstract:
      "Write a Markdown report on one or more networks, with charts when written to a file.",
    usage: "netcost report <network> ... [--skip <type> ...] [-o <file.md>]",
    arguments: [
      .init(
        name: "network",
        text: "A built-in network or a spec file, optionally with parameters\n"
          + "('mobilenet:alpha=0.5').")
    ],
    options: [
      Options.skipHelp,
      .init(
        names: ["-o", "--output"], value: "<file.md>",
        text: "Write the report there and its SVG charts beside it."),
    ],
    examples: ["netcost report mobilenet", "netcost report mobilenet vgg16 -o report.md"])

  /// The α and ρ values of MobileNet's Tables 6 and 7, swept when a network has the parameter.
  static let paperSweeps: [(name: String, values: [Double], whenDefault: Double?)] = [
    ("alpha", [1, 0.75, 0.5, 0.25], nil), ("resolution", [224, 192, 160, 128], 224),
  ]

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let skip = try Options.skip(&arguments)
    var targets: [String] = []
    while let target = arguments.positional() { targets.append(target) }
    try arguments.finish(knownOptions: info.optionNames + ["-o", "--output"])
    guard !targets.isEmpty else {
      throw UsageError.missing("network", command: info.name)
    }
    // Charts go beside a report written to a file, not beside a device (`-o /dev/null`).
    let stem = arguments.outputFile.flatMap {
      $0 == "-" || context.isDevice($0) ? nil : chartStem($0)
    }
    var reports: [NetworkReport] = []
    var charts: [Output.File] = []
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
    for (spec, overrides) in specs {
      let source = spec.source
      let analysis: Analysis
      switch try Report.unwrap(
        Pipeline.analyze(spec, overrides: overrides), source: source,
        context: context, command: info.name)
      {
      case .success(let value): analysis = value
      case .failure(let failure): return failure.output
      }
      var report = NetworkReport(analysis: analysis)
      func chart(_ what: String, _ contents: String) -> String? {
        guard let stem, let report = arguments.outputFile else { return nil }
        let file = chartName(stem.name, analysis.network, what, taken: charts.map(\.path))
        charts.append(Output.File(path: stem.directory + file, contents: contents, partOf: report))
        return file
      }
      // A network too large to draw keeps its table, without the pictures.
      if analysis.rows.count <= Limit.chartRows.value {
        report.layerChart = chart("layers", LayerChart.render(analysis))
      }
      // (A graph has no more rows than the table: past the limit, it is not resolved again.)
      if stem != nil, analysis.rows.count <= Limit.graphRows.value,
        let graph = Pipeline.graph(spec, overrides: overrides).value
      {
        report.graph = chart("graph", GraphSVG.render(graph))
      }
      for (parameter, values, whenDefault) in paperSweeps {
        guard let declared = analysis.parameters.first(where: { $0.name == parameter }),
          whenDefault == nil || declared.defaultValue == whenDefault, overrides[parameter] == nil,
          let sweep = Pipeline.sweep(spec, over: [(parameter, values)], fixed: overrides).value
        else { continue }
        report.sweeps.append((sweep, chart(parameter, SweepChart.render(sweep))))
      }
      let verification = Pipeline.verify(
        spec, base: overrides.isEmpty ? analysis : nil, others: VerifyCommand.defaultAnalysis)
      guard let checked = verification.value else {
        return Output(
          stderr: Report.diagnostics(verification.diagnostics, in: source, context: context),
          exitCode: .specError)
      }
      report.verification = checked
      reports.append(report)
    }
    // Written as it is made: a million rows are never one string.
    let document = NetworkReport.document(reports)
    var output = Output { out in document.write(asMarkdown: &out) }
    output.files = charts
    return output
  }

  /// `report-mobilenet-layers.svg`: a chart's file name, made only of letters, digits, `.`, `_`
  /// and `-` whatever the spec calls its network (`network "a/../../b"` stays in the folder), and
  /// numbered when an earlier chart of the report has it already (two parameter sets of one
  /// network).
  static func chartName(
    _ stem: String, _ network: String, _ what: String, taken: [String]
  ) -> String {
    let safe = String(network.unicodeScalars.prefix(64).map { isSafe($0) ? Character($0) : "-" })
    let base = "\(stem)-\(safe.hasPrefix(".") ? "-" + safe : safe)-\(what)"
    var name = base + ".svg"
    var n = 2
    while taken.contains(where: { $0.hasSuffix("/" + name) || $0 == name }) {
      name = "\(base)-\(n).svg"
      n += 1
    }
    return name
  }

  private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        || "._-".unicodeScalars.contains(scalar))
  }

  /// `notes/report.md` → directory `notes/`, name `report`: charts are `notes/report-….svg`.
  static func chartStem(_ path: String) -> (directory: String, name: String) {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    var name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    if let dot = name.lastIndex(of: "."), dot > name.startIndex { name = String(name[..<dot]) }
    return (directory, name)
  }
}
