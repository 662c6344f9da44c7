import NetCostAnalysis
import NetCostCore

/// JSON for `sweep`, `compare`, `verify` and the breakdown by kind, in the shapes documented in
/// the README; counts are integers, ratios and percentages numbers.
extension JSONRenderer {
  static func parameters(_ parameters: [Network.Parameter]) -> JSONValue {
    .object(parameters.map { ($0.name, .number($0.value)) })
  }

  static func figure(_ f: PublishedFigure) -> JSONValue {
    var fields: [(String, JSONValue)] = [
      ("text", .string(f.text)), ("value", .number(f.value * f.unit.scale)),
      ("source", .string(f.source)),
    ]
    if let note = f.note { fields.append(("note", .string(note))) }
    return .object(fields)
  }

  public static func render(sweep: Sweep) -> String {
    let rows: [JSONValue] = sweep.points.map { a in
      let figures = [PublishedFigure.Metric.macs, .params, .accuracy].compactMap { metric in
        SweepReport.published(metric, a, sweep).map { (metric.rawValue, figure($0)) }
      }
      return .object([
        ("parameters", parameters(a.parameters)),
        ("totals", totals(a.totals, convention: sweep.convention, paperMACs: a.paperMACs)),
        ("published", .object(figures)),
      ])
    }
    var fields: [(String, JSONValue)] = [("network", .string(sweep.network))]
    if sweep.convention != .paper {
      fields.append(("convention", .string(sweep.convention.rawValue)))
    }
    fields += [("axes", .array(sweep.axes.map { .string($0) })), ("rows", .array(rows))]
    return JSONValue.object(fields).rendered() + "\n"
  }

  public static func render(comparison: Comparison) -> String {
    let items: [JSONValue] = comparison.analyses.indices.map { i in
      let a = comparison.analyses[i]
      return .object([
        ("network", .string(a.network)), ("parameters", parameters(a.parameters)),
        ("totals", totals(a.totals, convention: a.convention, paperMACs: a.paperMACs)),
        (
          "ratio",
          .object([
            (
              "paramsWithoutBatchNorm",
              comparison.ratio(i) { $0.paramsWithoutBatchNorm }.map { .number($0) } ?? .null
            ),
            ("macs", comparison.ratio(i) { $0.macs }.map { .number($0) } ?? .null),
          ])
        ),
      ])
    }
    var fields: [(String, JSONValue)] = [
      ("baseline", .string(comparison.analyses[comparison.baseline].network))
    ]
    if comparison.convention != .paper {
      fields.append(("convention", .string(comparison.convention.rawValue)))
    }
    fields.append(("networks", .array(items)))
    return JSONValue.object(fields).rendered() + "\n"
  }

  public static func render(verification: Verification) -> String {
    let checks: [JSONValue] = verification.checks.map { c in
      var fields: [(String, JSONValue)] = [
        ("network", .string(c.network)),
        (
          "parameters",
          .object(
            c.figure.conditions.sorted { $0.key < $1.key }
              .map { ($0.key, .number($0.value)) })
        ),
        ("figure", .string(VerificationReport.describe(c.figure))),
        ("published", .number(c.figure.value)), ("unit", .string(c.figure.unit.symbol)),
        ("computed", .number(c.computed)), ("difference", .number(c.difference)),
        ("status", .string(c.status.rawValue)), ("source", .string(c.figure.source)),
      ]
      if let note = c.figure.note { fields.append(("note", .string(note))) }
      return .object(fields)
    }
    return JSONValue.object([
      ("checks", .array(checks)),
      (
        "summary",
        .object(
          Check.Status.allCases.map {
            ($0 == .matches ? "matches" : $0.rawValue, .integer(verification.count($0)))
          })
      ),
    ]).rendered() + "\n"
  }

  public static func render(breakdown: Breakdown) -> String {
    let kinds: [JSONValue] = breakdown.entries.map {
      .object([
        ("kind", .string($0.kind)), ("layers", .integer($0.layers)), ("macs", .integer($0.macs)),
        ("weights", .integer($0.weights)), ("params", .integer($0.params)),
      ])
    }
    return JSONValue.object([
      ("network", .string(breakdown.network)), ("kinds", .array(kinds)),
      ("totals", totals(breakdown.totals)),
    ]).rendered() + "\n"
  }

  /// `netcost fit --format json`: the limits and the points found (the chosen one and the step
  /// beyond it, or the frontier), each with its parameters and totals.
  public static func render(fit: Fit) -> String {
    let role: [(String, Fit.Point)] =
      fit.axes.count == 2
      ? fit.frontier.map { ("frontier", $0) }
      : [fit.chosen.map { ($0.fits ? "chosen" : "smallest", $0) }, fit.next.map { ("next", $0) }]
        .compactMap { $0 }
    let points: [JSONValue] = role.map { role, point in
      var totals = totals(point.analysis.totals)
      if let memory = point.analysis.memory, case .object(let entries) = totals {
        totals = .object(entries + Self.memory(memory, rows: []))
      }
      return .object([
        ("role", .string(role)),
        (
          "parameters",
          .object(point.analysis.parameters.map { ($0.name, .number($0.value)) })
        ),
        ("fits", .boolean(point.fits)),
        ("exceeded", .array(point.exceeded.map { .string($0.rawValue) })),
        ("totals", totals),
      ])
    }
    var fields: [(String, JSONValue)] = [("network", .string(fit.network))]
    if let title = fit.title { fields.append(("title", .string(title))) }
    fields += [
      ("limits", .object(fit.limits.map { ($0.figure.rawValue, .integer($0.maximum)) })),
      ("vary", .array(fit.axes.map { .string($0.name) })),
    ]
    if fit.limits.contains(where: \.figure.isBytes) {
      fields += [
        ("memoryPolicy", fit.memory.policy.map { .string($0.rawValue) } ?? .null),
        ("batch", .integer(fit.memory.batch)), ("dtype", .string(fit.memory.dtype.rawValue)),
      ]
    }
    fields.append(("points", .array(points)))
    return JSONValue.object(fields).rendered() + "\n"
  }
}
