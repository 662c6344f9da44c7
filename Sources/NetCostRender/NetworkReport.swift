import NetCostAnalysis

/// `netcost report`: one Markdown document about one or more networks, for study notes and design
/// docs: a comparison first when there are several, then for each network its totals, its layers,
/// where the cost goes, its α and ρ sweeps, and what was published about it.
public struct NetworkReport: Sendable {
  public var analysis: Analysis
  /// The sweeps to show (α, ρ), each with its chart's file name when charts are written.
  public var sweeps: [(sweep: Sweep, chart: String?)]
  /// The published figures checked, if the spec records any.
  public var verification: Verification?
  /// The per-layer chart's file name, when charts are written.
  public var layerChart: String?
  /// The picture of the network as a graph (`GraphSVG`), when charts are written and the
  /// network is small enough to draw (`Limit.graphRows`).
  public var graph: String?

  public init(
    analysis: Analysis, sweeps: [(sweep: Sweep, chart: String?)] = [],
    verification: Verification? = nil, layerChart: String? = nil
  ) {
    self.analysis = analysis
    self.sweeps = sweeps
    self.verification = verification
    self.layerChart = layerChart
  }

  /// The whole report, for Markdown (`Document.write(asMarkdown:)`, which writes a million-row
  /// table as it is made).
  public static func document(_ reports: [NetworkReport]) -> Document {
    var blocks: [Document.Block] = [
      .heading(
        1,
        "netcost report: "
          + reports.map { ComparisonReport.label($0.analysis) }.joined(separator: ", ")),
      .lines([
        Counting.line([.macs, .paramsAll, .paramsPaper, .rowMemory(nil), .paramMemory]) + "."
      ]),
    ]
    if reports.count > 1 {
      blocks.append(.heading(2, "Comparison"))
      blocks +=
        ComparisonReport.document(
          Comparison(analyses: reports.map(\.analysis)),
          convention: false
        ).blocks
    }
    for report in reports { blocks += report.blocks }
    return Document(blocks)
  }

  var blocks: [Document.Block] {
    let a = analysis
    var blocks: [Document.Block] = [
      // The parameters that differ from the defaults are in the heading: two settings of one
      // network are two sections with two names.
      .heading(2, ComparisonReport.label(a) + (a.title.map { ": " + $0 } ?? "")),
      .lines(Array(AnalysisReport.header(a).dropFirst())),
      .heading(3, "Totals"), .summary(AnalysisReport.totals(a.totals, provenance: a.provenance)),
      .heading(3, "Layers"),
    ]
    if let layerChart {
      blocks.append(.image(alt: "MACs and parameters per layer", path: layerChart))
    }
    if let graph {
      blocks.append(.image(alt: "the network as a graph, coloured by share of MACs", path: graph))
    }
    blocks += [
      .table(Table(layersOf: a)),
      .heading(3, "Where the cost goes"), .table(Table(breakdown: Breakdown(a))),
    ]
    for (sweep, chart) in sweeps {
      blocks.append(.heading(3, "Sweep over " + sweep.axes.joined(separator: " × ")))
      blocks += SweepReport.document(sweep, convention: false).blocks.dropFirst()
      if let chart { blocks.append(.image(alt: "MACs against accuracy or params", path: chart)) }
    }
    if let verification, !verification.checks.isEmpty {
      blocks.append(.heading(3, "Published figures"))
      blocks += VerificationReport.document(verification).blocks
    }
    return blocks
  }
}
