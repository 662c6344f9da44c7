import NetCost

/// `netcost fit <network> --vary <p>[,<q>] [--macs N] [--params N] [--peak-memory B]
/// [--training-memory B] …`: the largest value of a parameter, or the frontier of two, within
/// budgets.
enum FitCommand {
  static let info = CommandInfo(
    name: Subcommand.fit.name,
    abstract: "Find the largest parameter value, or the frontier of two, that fits budgets.",
    usage: "netcost fit <network> --vary <name>[,<name>] [--macs <n>] [--params <n>] "
      + "[--peak-memory <bytes>] [--training-memory <bytes>] [--step <name>=<value> ...] "
      + "[--alpha <value>] [--resolution <value>] [--set <name>=<value> ...] [--skip <type> ...] "
      + "[--memory <policy>] [--optimizer <name>] [--batch <n>] [--dtype <type>] "
      + "[--format <format>] [-o <file>]",
    arguments: [
      .init(
        name: "network",
        text: "A built-in network, a spec file or an imported model (its resolution, height,\n"
          + "width or channels can be searched).")
    ],
    options: [
      .init(
        names: ["--vary"], value: "<name>[,<name>]",
        text: "The parameter to maximise, or two whose Pareto frontier to find."),
      .init(names: ["--macs"], value: "<n>", text: "At most this many MACs (300M, 1.5G)."),
      .init(names: ["--params"], value: "<n>", text: "At most this many parameters (all of them)."),
      .init(
        names: ["--peak-memory"], value: "<bytes>",
        text: "Peak activations at most this (2MB; KB, MB and GB of 1024); ideal policy\n"
          + "unless '--memory' says otherwise."),
      .init(
        names: ["--training-memory"], value: "<bytes>",
        text: "A training step's total at most this; SGD with momentum unless '--optimizer'\n"
          + "says otherwise."),
      .init(
        names: ["--step"], value: "<name>=<value>",
        text: "The step of a parameter's range (default 1 for whole numbers, else 0.01)."),
      Options.alphaHelp, Options.resolutionHelp, Options.setHelp, Options.skipHelp,
    ] + Options.memoryHelp + [Options.formatHelp, Options.outputHelp],
    examples: [
      "netcost fit mobilenet --macs 300M --vary alpha",
      "netcost fit mobilenet --macs 300M --peak-memory 2MB --vary alpha,resolution",
      "netcost fit resnet --training-memory 16GB --batch 64 --vary depth",
    ])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let command = info.name
    let fixed = try AnalyzeCommand.parameterValues(&arguments)
    guard let varyText = try arguments.value("--vary") else {
      throw UsageError(
        message: "'fit' needs '--vary' with the parameter to search",
        help: "for example '--vary alpha' or '--vary alpha,resolution'", command: command)
    }
    let vary = varyText.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard (1...2).contains(vary.count), !vary.contains(""), Set(vary).count == vary.count else {
      throw UsageError(
        message: "'--vary' takes one parameter or two different ones, got '\(varyText)'",
        command: command)
    }
    var steps: [String: Double] = [:]
    for text in try arguments.values("--step") {
      let (name, value) = try Options.assignment(text, option: "--step", command: command)
      let step = try Options.number(value, option: "--step \(name)", command: command)
      guard step > 0 else {
        throw UsageError(
          message: "'--step \(name)' must be above 0, got '\(value)'", command: command)
      }
      steps[name] = step
    }
    var limits: [Fit.Limit] = []
    for figure in Fit.Figure.allCases {
      if let text = try arguments.value("--" + figure.rawValue) {
        limits.append(
          Fit.Limit(
            figure,
            try Options.amount(
              text, bytes: figure.isBytes, option: "--" + figure.rawValue, command: command)))
      }
    }
    var memory = try Options.memory(&arguments)
    let skip = try Options.skip(&arguments)
    let format = try Options.format(&arguments)
    guard let target = arguments.positional() else {
      throw UsageError.missing("network", command: command)
    }
    try arguments.finish(knownOptions: info.optionNames)
    guard !limits.isEmpty else {
      throw UsageError(
        message: "'fit' needs a budget",
        help: "give '--macs', '--params', '--peak-memory' or '--training-memory'", command: command)
    }
    for name in vary where fixed[name] != nil {
      throw UsageError(
        message: "parameter '\(name)' is both searched ('--vary') and set", command: command)
    }
    for name in steps.keys where !vary.contains(name) {
      throw UsageError(
        message: "'--step \(name)' names a parameter that is not searched", command: command)
    }
    if limits.contains(where: { $0.figure == .peakMemory }) && memory.policy == nil {
      memory.policy = .ideal
    }
    if limits.contains(where: { $0.figure == .trainingMemory }) && memory.optimizer == nil {
      memory.optimizer = .momentum
    }

    let spec = try SpecCatalog.spec(target, context: context, command: command, skipping: skip)
    try Options.checkImportOptions(spec, input: false, skip: !skip.isEmpty, command: command)
    // A model that leaves its input's height or width open has no network until the search
    // gives it a size: its name and layers are the file's.
    let networkName: String
    let title: String?
    let layerCount: Int
    var (inputs, fresh) = (0, 0)
    let parameters: [Network.Parameter]
    if let imported = spec.imported, imported.opensOnly(Set(vary).union(fixed.keys)) {
      (networkName, title, layerCount, parameters) = (
        imported.name, nil, imported.layerCount, []
      )
    } else {
      switch try Report.unwrap(
        Pipeline.resolve(spec, overrides: fixed), source: spec.source, context: context,
        command: command)
      {
      case .success(let network):
        (networkName, title, layerCount, parameters) = (
          network.name, network.title, network.layers.count, network.parameters
        )
        (inputs, fresh) = (network.inputsBesidesFirst, network.freshLayers)
      case .failure(let failure): return failure.output
      }
    }
    var axes: [Fit.Axis] = []
    // An imported model's parameters are its input's sides and channels, declared only when
    // set; `fit` searches them from the file's own input.
    let searchable = spec.imported?.searchableParameters ?? parameters
    for name in vary {
      guard let parameter = searchable.first(where: { $0.name == name }) else {
        throw UsageError(
          message: "network '\(networkName)' has no parameter '\(name)'",
          help: Suggest.closest(to: name, in: searchable.map(\.name)).map {
            "did you mean '\($0)'?"
          }, command: command)
      }
      guard let values = Fit.values(of: parameter, step: steps[name]), !values.isEmpty else {
        throw UsageError(
          message: "parameter '\(name)' "
            + (parameter.domain == nil
              ? "declares no range to search"
              : "would take more than \(Fit.maximumValues) values at this step"),
          help: parameter.domain == nil ? nil : "give a larger '--step \(name)=<value>'",
          command: command)
      }
      axes.append(Fit.Axis(name: name, values: values, known: parameter.value))
    }
    // Bounded as a sweep is: layers times the analyses the search may make. An imported model
    // is built again at each point, its nodes read and its constants folded again (`rebuildWork`).
    let analyses = Fit.analysesAtMost(axes)
    let folding = spec.imported?.rebuildWork ?? 0
    let perPoint = Network.analysisWork(layers: layerCount, inputs: inputs, fresh: fresh)
      .saturatingAdd(folding)
    let (work, overflow) = analyses.multipliedReportingOverflow(by: max(1, perPoint))
    guard !overflow, work <= Limit.sweepLayers.value else {
      throw UsageError(
        message: "the search may analyse \(NumberFormat.grouped(analyses)) points of "
          + "\(NumberFormat.grouped(layerCount)) layers"
          + ParameterError.workRemark(folding: folding, inputs: inputs, fresh: fresh) + "; "
          + "a search may analyse at most \(NumberFormat.grouped(Limit.sweepLayers.value)) layers in all",
        help: "search fewer values with a larger '--step'", command: command)
    }
    // The first and the last values that build are looked for one by one within the budget's
    // work left, half each, and the last value at least (the budget counts it): a review, a
    // thousand analyses of 100,000 layers from either end, 37 s and 78 s.
    let scanned = 1 + (Limit.sweepLayers.value - work) / max(1, perPoint) / 2
    let fit = Fit.search(
      networkName, title: title, axes: axes, limits: limits, memory: memory, scanned: scanned,
      analyses: max(analyses, Limit.sweepLayers.value / max(1, perPoint))
    ) { point in
      Pipeline.analyze(
        spec, overrides: fixed.merging(point) { $1 }, figures: false, rows: false, memory: memory
      ).value
    }
    if fit.overBudget {
      throw UsageError(
        message:
          "the search analysed \(NumberFormat.grouped(Limit.sweepLayers.value / max(1, perPoint))) "
          + "points of \(NumberFormat.grouped(layerCount)) layers without finding where the network "
          + "builds; a search may analyse at most "
          + "\(NumberFormat.grouped(Limit.sweepLayers.value)) layers in all",
        help: "start the parameter's range nearer a value that builds", command: command)
    }
    // Figures that shrink as the parameter grows: no bisection's answer is the largest that
    // fits, and none is given.
    if let (smaller, larger) = fit.notGrowing, let axis = axes.first {
      func value(_ point: Fit.Point) -> String {
        let v = point.analysis.parameters.first { $0.name == axis.name }?.value
        return v.map { "\(axis.name) = \($0.shortDescription)" } ?? "a value"
      }
      throw UsageError(
        message: "the figures do not grow with '\(axis.name)': \(value(smaller)) exceeds the "
          + "limits and \(value(larger)) fits; fit finds the largest value of a parameter whose "
          + "figures grow with it",
        help: "compare its values with 'netcost sweep \(target) --set \(axis.name)=…'",
        command: command)
    }
    // Nothing built: the network's own errors at its own values, as analyze reports them, not
    // an empty answer with exit 0.
    if fit.chosen == nil && fit.frontier.isEmpty {
      var known = fixed
      for axis in axes { known[axis.name] = axis.known }
      let outcome = Pipeline.analyze(
        spec, overrides: known, figures: false, rows: false, memory: memory)
      if case .failure(let failure) = try Report.unwrap(
        outcome, source: spec.source, context: context, command: command)
      {
        return failure.output
      }
    }
    let stdout =
      format == .json
      ? JSONRenderer.render(fit: fit)
      : Report.render(
        FitReport.document(fit, unbuilt: unbuilt(after: fit, spec, fixed, memory)), as: format,
        context: context)
    return Output(stdout: stdout)
  }

  /// The value after a single answer and why it gives no network, when the search stopped
  /// there short of the parameter's last value (an ONNX graph whose reshapes fix its size).
  static func unbuilt(
    after fit: Fit, _ spec: Pipeline.ParsedSpec, _ fixed: [String: Double],
    _ memory: MemorySettings
  ) -> (value: Double, reason: String)? {
    guard fit.axes.count == 1, let axis = fit.axes.first, let chosen = fit.chosen, chosen.fits,
      fit.next == nil, let value = chosen.analysis.parameter(axis.name),
      let index = axis.values.firstIndex(of: value), index + 1 < axis.values.count
    else { return nil }
    let next = axis.values[index + 1]
    let outcome = Pipeline.analyze(
      spec, overrides: fixed.merging([axis.name: next]) { $1 }, figures: false, rows: false,
      memory: memory)
    let reason =
      outcome.diagnostics.first?.message
      ?? outcome.parameterErrors.first?.message
    return reason.map { (next, TerminalText.escaped($0)) }
  }
}
