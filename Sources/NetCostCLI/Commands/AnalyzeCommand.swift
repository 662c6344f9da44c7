import NetCost

/// `netcost <network|file> [--alpha A] [--resolution R] [--set NAME=VALUE]… [--by kind] [--format …]`
enum AnalyzeCommand {
  static let info = CommandInfo(
    name: Subcommand.analyze.name,
    abstract: "Print a network's cost, layer by layer, with totals.",
    usage: "netcost [analyze] <network> [--alpha <value>] [--resolution <value>] "
      + "[--input <h>x<w>x<c>] [--set <name>=<value> ...] [--skip <type> ...] [--columns rf] [--by kind] "
      + "[--explain [<layer>]] [--convention <name> | --flops] [--memory <policy>] "
      + "[--optimizer <name>] [--batch <n>] [--dtype <type>] [--workspace <bytes>] "
      + "[--device <name>] "
      + "[--format <format>] [-o <file>]",
    arguments: [
      .init(
        name: "network",
        text: "A built-in network ('netcost list' shows them), a spec file, a Caffe prototxt,\n"
          + "a Keras model's JSON or a .keras archive.")
    ],
    options: [
      Options.alphaHelp, Options.resolutionHelp,
      Options.inputHelp,
      Options.setHelp,
      Options.skipHelp,
      .init(
        names: ["--columns"], value: "rf",
        text: "Add each row's receptive field: size, effective stride and padding."),
      .init(
        names: ["--by"], value: "kind",
        text: "Sum MACs, weights and params per kind of layer instead of per layer."),
      .init(
        names: ["--explain"], value: "[<layer>]",
        text: "Show the arithmetic behind every row's figures, or one row's."),
      Options.conventionHelp, Options.flopsHelp,
    ] + Options.memoryHelp + [
      Options.workspaceHelp, Options.deviceHelp, Options.formatHelp, Options.outputHelp,
    ],
    examples: [
      "netcost mobilenet --alpha 0.75",
      "netcost mobilenet --alpha 0.5 --resolution 32 --set classes=10",
      "netcost mobilenet --by kind",
      "netcost vgg16 --columns rf",
      "netcost alexnet --explain conv1",
      "netcost vgg16 --format json",
      "netcost resnet50 --convention ptflops",
      "netcost resnet50 --memory pytorch --batch 32 --optimizer momentum",
      "netcost vgg16 --memory pytorch --batch 32 --workspace 1GB",
      "netcost mobilenet --device t4 --dtype fp16 --batch 64",
      "netcost my-network.netspec",
      "netcost deploy.prototxt --resolution 224",
      "netcost model.keras --by kind",
    ])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    var overrides = try parameterValues(&arguments)
    let input = try Options.input(&arguments, into: &overrides, command: info.name)
    let skip = try Options.skip(&arguments)
    var byKind = false
    if let by = try arguments.value("--by") {
      guard by == "kind" else {
        throw UsageError(message: "'--by' takes 'kind', got '\(by)'", command: info.name)
      }
      byKind = true
    }
    var receptiveField = false
    if let columns = try arguments.value("--columns") {
      for column in columns.split(separator: ",", omittingEmptySubsequences: false) {
        guard column == "rf" else {
          throw UsageError(
            message: "'--columns' takes 'rf', got '\(column)'",
            help: "'--columns rf' adds each row's receptive field", command: info.name)
        }
      }
      receptiveField = true
    }
    let convention = try Options.convention(&arguments)
    var memory = try Options.memory(&arguments)
    try Options.workspace(&arguments, into: &memory)
    let device = try Options.device(&arguments)
    let explain = try arguments.optionalValue("--explain", leaving: 1)
    let formatGiven = arguments.has("--format")
    let format = try Options.format(&arguments)
    guard let target = arguments.positional() else {
      throw UsageError.missing("network", command: info.name)
    }
    try arguments.finish(knownOptions: info.optionNames)
    // No option is silently ignored: `--explain` prints its own text, per row, not per kind.
    if explain != nil && byKind {
      throw UsageError(
        message: "'--explain' and '--by kind' cannot be combined",
        help: "'--explain' shows each row's arithmetic; '--by kind' sums rows by kind",
        command: info.name)
    }
    if receptiveField && byKind {
      throw UsageError(
        message: "'--columns rf' and '--by kind' cannot be combined",
        help: "a receptive field belongs to a row, not to a kind of layer", command: info.name)
    }
    if explain != nil && formatGiven {
      throw UsageError(
        message: "'--explain' prints text and takes no '--format'", command: info.name)
    }

    let spec = try SpecCatalog.spec(target, context: context, command: info.name, skipping: skip)
    let source = spec.source
    try Options.checkImportOptions(
      spec, input: input != nil, skip: !skip.isEmpty, command: info.name)
    var analysis: Analysis
    // This command shows no published figure: a built-in's are resolved by `verify` (and every
    // built-in's by the tests), a file's here too, so that a mistake in them is reported.
    let figures = SpecCatalog.builtin(target) == nil
    switch try Report.unwrap(
      Pipeline.analyze(
        spec, overrides: overrides, figures: figures, convention: convention, memory: memory),
      source: source,
      context: context, command: info.name)
    {
    case .success(let value): analysis = value
    case .failure(let failure): return failure.output
    }
    if let device {
      guard let roofline = Roofline(analysis, device: device) else {
        throw UsageError(
          message: device.peak[memory.dtype] == nil
            ? "'\(device.name)' has no \(memory.dtype.rawValue) peak in its data sheet"
            : "the bytes a row moves do not fit in 64 bits at batch \(memory.batch)",
          command: info.name)
      }
      analysis.roofline = roofline
    }
    if let explain {
      return Output(
        stdout: Report.style(context).fitted(try explanation(of: analysis, layer: explain)))
    }
    switch (format, byKind) {
    case (.json, false):
      return Output { [analysis] out in JSONRenderer.write(analysis, into: &out) }
    case (.json, true): return Output(stdout: JSONRenderer.render(breakdown: Breakdown(analysis)))
    default:
      return Report.output(
        AnalysisReport.document(
          analysis, byKind: byKind, receptiveField: receptiveField,
          notes: figures
            ? [] : SpecCatalog.namesakeLines(of: analysis.network, library: analysis.library)),
        as: format, context: context)
    }
  }

  /// Every row explained, or the one named.
  static func explanation(of analysis: Analysis, layer: String) throws(UsageError) -> String {
    // Every row of a million-row network would be a paragraph each: one row is explained.
    if layer.isEmpty, analysis.rows.count > Limit.explainedRows.value {
      let problem = ParameterError.tooManyRows(.explainedRows, count: analysis.rows.count)
      throw UsageError(message: problem.message, help: problem.help, command: info.name)
    }
    var explanations: [Explanation] = []
    for (i, row) in analysis.rows.enumerated() where layer.isEmpty || row.name == layer {
      do throws(LayerError) {
        explanations.append(
          try Explanation(
            row, previous: i > 0 ? analysis.rows[i - 1] : nil, convention: analysis.convention,
            memory: analysis.memory?.settings ?? .standard))
      } catch {
        // The analysis of this very row succeeded, so its formulas cannot fail now.
        throw UsageError(message: "cannot explain '\(row.name)'", command: info.name)
      }
    }
    guard !explanations.isEmpty else {
      throw UsageError(
        message: "no layer '\(layer)' in '\(analysis.network)'",
        help: Suggest.closest(to: layer, in: analysis.rows.map(\.name)).map {
          "did you mean '\($0)'?"
        },
        command: info.name)
    }
    let caveats = Caveats.of(analysis).map { "note: " + $0 + "\n" }
    return ExplanationReport.render(explanations) + caveats.map { "\n" + $0 }.joined()
  }

  /// `--alpha`, `--resolution` and every `--set name=value`.
  static func parameterValues(_ arguments: inout Arguments) throws(UsageError) -> [String: Double] {
    var overrides: [String: Double] = [:]
    for name in ["alpha", "resolution"] {
      if let text = try arguments.value("--\(name)") {
        overrides[name] = try Options.number(text, option: "--\(name)", command: info.name)
      }
    }
    for text in try arguments.values("--set") {
      let (name, value) = try Options.assignment(text, option: "--set", command: info.name)
      if overrides[name] != nil {
        throw UsageError(message: "parameter '\(name)' is set more than once", command: info.name)
      }
      overrides[name] = try Options.number(value, option: "--set \(name)", command: info.name)
    }
    return overrides
  }
}
