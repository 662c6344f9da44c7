import NetCost

/// `netcost verify [NETWORK…]`: every published figure the specs record, against netcost's count.
enum VerifyCommand {
  static let info = CommandInfo(
    name: Subcommand.verify.name,
    abstract: "Check every published figure the specs record against netcost's own count.",
    usage: "netcost verify [<network> ...] [--format <format>] [-o <file>]",
    arguments: [
      .init(name: "network", text: "Built-in networks or spec files (default: all built-ins).")
    ],
    options: [Options.formatHelp, Options.outputHelp],
    examples: ["netcost verify", "netcost verify mobilenet", "netcost verify --format markdown"])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let format = try Options.format(&arguments)
    var targets: [String] = []
    while let target = arguments.positional() { targets.append(target) }
    try arguments.finish(knownOptions: info.optionNames)
    if targets.isEmpty { targets = SpecCatalog.familyNames }

    var checks: [Check] = []
    var stderr = ""
    for target in targets {
      let spec = try SpecCatalog.spec(target, context: context, command: info.name)
      let source = spec.source
      let outcome = Pipeline.verify(spec, others: defaultAnalysis)
      if let verification = outcome.value {
        checks += verification.checks
      } else {
        stderr += Report.diagnostics(outcome.diagnostics, in: source, context: context)
        stderr += outcome.parameterErrors.map { "error: \($0.message)\n" }.joined()
      }
    }
    let verification = Verification(checks: checks)
    // Nothing checked because the specs have errors: the errors alone, as analyze gives them,
    // not an empty table beside them.
    if checks.isEmpty && !stderr.isEmpty {
      return Output(stderr: stderr, exitCode: .specError)
    }
    // A spec that records no figure gets one line, not an empty table.
    if checks.isEmpty && stderr.isEmpty && format != .json {
      let names = targets.count == 1 ? "'\(targets[0])' records" : "these specs record"
      return Output(stdout: "\(names) no published figures to check\n")
    }
    let stdout: String
    switch format {
    case .json: stdout = JSONRenderer.render(verification: verification)
    case .markdown:
      stdout =
        "# Reproductions\n\nThe output of `netcost verify --format markdown`: every figure the "
        + "built-in specs record from papers and reference implementations, against netcost's own "
        + "count. A figure matches when netcost's value, rounded as the figure was printed, is the "
        + "figure; where it is not, the spec records why.\n\n"
        + VerificationReport.document(verification).renderedAsMarkdown()
    case .table, .csv:
      stdout = Report.render(
        VerificationReport.document(verification), as: format, context: context)
    }
    let failed = !stderr.isEmpty || verification.count(.unexplained) > 0
    return Output(stdout: stdout, stderr: stderr, exitCode: failed ? .specError : .success)
  }

  /// A built-in network at its defaults, for figures such as "27 times less compute than VGG16".
  static func defaultAnalysis(_ name: String) -> Analysis? {
    SpecCatalog.builtin(name).flatMap { Pipeline.analyze($0.parsed).value }
  }
}
