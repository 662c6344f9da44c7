import NetCostAnalysis
import NetCostCore

/// `netcost sweep`: one row per configuration, the published figures beside the computed ones,
/// each row's ratio to the first and, for α and ρ, the paper's ideal ratio.
public enum SweepReport {
  /// What a sweep's columns count: params as the papers count them, unless the figures the spec
  /// records for the sweep's points count trainable params (as EfficientNet's Table 2 does).
  public static func counting(_ sweep: Sweep) -> [Counting] {
    [
      .convention(sweep.convention), countsTrainable(sweep) ? .paramsTrainable : .paramsPaper,
      .totalMemory,
    ]
  }

  static func countsTrainable(_ sweep: Sweep) -> Bool {
    !sweep.points.contains { published(.params, $0, sweep) != nil }
      && sweep.points.contains { published(.trainableParams, $0, sweep) != nil }
  }

  /// `convention: false` leaves out the counting line (but for trainable params), for a report
  /// that states it once.
  public static func document(_ sweep: Sweep, convention: Bool = true) -> Document {
    guard let first = sweep.points.first else { return Document([]) }
    let trainable = countsTrainable(sweep)
    let paramsMetric: PublishedFigure.Metric = trainable ? .trainableParams : .params
    let paramsTitle = trainable ? "params (trainable" : "params (paper"
    func params(_ a: Sweep.Point) -> Int {
      trainable ? a.totals.trainableParams : a.totals.paramsWithoutBatchNorm
    }
    var notes: [String] = []
    let scaling = sweep.axes.allSatisfy { $0 == "alpha" || $0 == "resolution" }
    let hasAccuracy = sweep.points.contains { published(.accuracy, $0, sweep) != nil }
    var columns = sweep.axes.map { Table.Column(title: $0, alignment: .right) }
    columns += [
      .init(title: sweep.convention.unit.rawValue + " (M)", alignment: .right, key: "macs"),
      .init(title: "published", alignment: .right, key: "published_macs"),
      .init(
        title: paramsTitle + ", M)", alignment: .right,
        key: trainable ? "params_trainable" : "params_paper"),
      .init(title: "published", alignment: .right, key: "published_params"),
      .init(title: "memory (MB)", alignment: .right, key: "activation_bytes"),
      .init(title: sweep.convention.unit.rawValue + " ×", alignment: .right, key: "macs_ratio"),
    ]
    if scaling {
      columns.append(.init(title: "ideal α²ρ²", alignment: .right, key: "ideal_macs_ratio"))
    }
    columns.append(
      .init(
        title: paramsTitle + ") ×", alignment: .right,
        key: trainable ? "params_trainable_ratio" : "params_paper_ratio"))
    if scaling {
      columns.append(.init(title: "ideal α²", alignment: .right, key: "ideal_params_ratio"))
    }
    if hasAccuracy {
      columns.append(.init(title: "top-1 %", alignment: .right, key: "published_top1_percent"))
    }

    let rows: [[Table.Cell]] = sweep.points.map { a in
      var cells: [Table.Cell] = sweep.axes.map { .text(a.parameter($0)?.shortDescription ?? "") }
      cells += [
        .millions(a.totals.macs),
        // Published MACs are the papers' count, whatever the sweep's convention.
        publishedCell(.macs, a, sweep, computed: Double(a.paperMACs), &notes),
        .millions(params(a)),
        publishedCell(paramsMetric, a, sweep, computed: Double(params(a)), &notes),
        .megabytes(a.totals.activationBytes),
        .fixed(Double(a.totals.macs) / Double(max(first.totals.macs, 1)), places: 3),
      ]
      let alpha = (a.parameter("alpha") ?? 1) / (first.parameter("alpha") ?? 1)
      let rho = (a.parameter("resolution") ?? 1) / (first.parameter("resolution") ?? 1)
      if scaling { cells.append(.fixed(alpha * alpha * rho * rho, places: 3)) }
      cells.append(.fixed(Double(params(a)) / Double(max(params(first), 1)), places: 3))
      if scaling { cells.append(.fixed(alpha * alpha, places: 3)) }
      if hasAccuracy {
        cells.append(
          published(.accuracy, a, sweep).map {
            .display($0.text, raw: $0.value.shortDescription)
          } ?? .empty)
      }
      return cells
    }
    var blocks: [Document.Block] = [
      .lines([
        sweep.network + (sweep.title.map { ": " + $0 } ?? ""),
        "sweep over " + sweep.axes.joined(separator: " × ")
          + "; other parameters at their defaults",
      ]),
      .table(Table(columns: columns, rows: rows)),
      .lines(
        ["published figures are the first the spec records for that configuration"]
          // A report states the usual counting once; trainable params it does not state.
          + (convention
            ? [Counting.line(counting(sweep))]
            : trainable ? [Counting.line([.paramsTrainable])] : [])),
    ]
    if !notes.isEmpty { blocks.append(.notes(notes)) }
    return Document(blocks)
  }

  /// The first figure of `metric` the spec records for the whole network at `point`.
  static func published(
    _ metric: PublishedFigure.Metric, _ point: Sweep.Point, _ sweep: Sweep
  )
    -> PublishedFigure?
  {
    sweep.published.first { $0.metric == metric && $0.selector == .network && point.isAt($0) }
  }

  /// The published figure, marked `[n]` with a note when the computed value does not round to it.
  private static func publishedCell(
    _ metric: PublishedFigure.Metric, _ point: Sweep.Point,
    _ sweep: Sweep, computed: Double, _ notes: inout [String]
  ) -> Table.Cell {
    guard let figure = published(metric, point, sweep) else { return .empty }
    let check = Check(
      network: sweep.network, parameters: point.parameters, figure: figure,
      computed: computed)
    let value = figure.value * figure.unit.scale
    guard check.status != .matches else {
      return .display(figure.text, raw: value.shortDescription)
    }
    notes.append(
      "\(figure.text) (\(figure.source)): "
        + (figure.note ?? "unexplained: \(NumberFormat.fixed(check.computed, places: 2)) computed"))
    return .display("\(figure.text) [\(notes.count)]", raw: value.shortDescription)
  }
}

/// `netcost compare`: networks side by side, each as a ratio to the baseline.
public enum ComparisonReport {
  /// A ratio, or `no ratio` where one count is zero and the other is not.
  static func ratio(_ value: Double?) -> Table.Cell {
    value.map { .ratio($0) } ?? .display("no ratio (a zero)", raw: "")
  }

  /// Params at 4 bytes each; past 2⁶³ bytes (a network of 2.3·10¹⁸ params) said so, not a trap.
  static func paramMemory(_ params: Int) -> Table.Cell {
    guard let bytes = try? product([params, bytesPerActivation]) else {
      return .display("past 2⁶³ B", raw: "")
    }
    return .megabytes(bytes)
  }

  /// What a comparison's columns count.
  public static func counting(_ comparison: Comparison) -> [Counting] {
    [.convention(comparison.convention), .paramsPaper, .totalMemory, .paramMemory]
  }

  public static func document(_ comparison: Comparison, convention: Bool = true) -> Document {
    let baseline = comparison.analyses[comparison.baseline]
    let rows: [[Table.Cell]] = comparison.analyses.indices.map { i in
      let a = comparison.analyses[i]
      return [
        .name(label(a)), .millions(a.totals.paramsWithoutBatchNorm), .millions(a.totals.macs),
        .megabytes(a.totals.activationBytes), Self.paramMemory(a.totals.params),
        i == comparison.baseline
          ? .display("baseline", raw: "1")
          : Self.ratio(comparison.ratio(i) { $0.paramsWithoutBatchNorm }),
        i == comparison.baseline
          ? .display("baseline", raw: "1")
          : Self.ratio(comparison.ratio(i) { $0.macs }),
      ]
    }
    let table = Table(
      columns: [
        .init(title: "network", alignment: .left),
        .init(title: "params (paper, M)", alignment: .right, key: "params_paper"),
        .init(
          title: comparison.convention.unit.rawValue + " (M)", alignment: .right, key: "macs"),
        .init(title: "memory (MB)", alignment: .right, key: "activation_bytes"),
        .init(title: "param memory (MB)", alignment: .right, key: "param_bytes"),
        // The ratios are what a comparison is for: a narrow terminal keeps them.
        .init(
          title: "params (paper) ratio", alignment: .right, key: "params_paper_ratio",
          requested: true),
        .init(
          title: comparison.convention.unit.rawValue + " ratio", alignment: .right,
          key: "macs_ratio", requested: true),
      ],
      rows: rows)
    // What each imported inference graph cannot tell the convention, once per network.
    let caveats = comparison.analyses.flatMap { a in
      Caveats.of(a).map { "\(a.network): \($0)" }
    }
    return Document(
      [
        .table(table),
        .lines(
          ["ratios against \(label(baseline))"]
            + (convention ? [Counting.line(counting(comparison))] : [])),
      ] + (caveats.isEmpty ? [] : [.notes(caveats)]))
  }

  /// `mobilenet (alpha = 0.5, resolution = 160)`: the parameters that differ from the defaults.
  public static func label(_ a: Analysis) -> String {
    let changed = a.parameters.filter { $0.value != $0.defaultValue }
    return changed.isEmpty
      ? a.network
      : a.network + " (" + AnalysisReport.parameterText(changed, separator: ", ") + ")"
  }
}
