import NetCostAnalysis
import NetCostCore
import NetCostRender

/// The stage that draws a network: its rows and how they connect.
extension Pipeline {
  /// Resolves and analyses `spec` and keeps how its rows connect, for `GraphSVG`, `GraphHTML`
  /// and `GraphDot`. A graph past `Limit.graphRows` rows, `Limit.graphEdges` edges or
  /// `Limit.graphBends` bends is refused (`ParameterError.graphTooLarge`) before the analysis:
  /// a million-layer chain is a table, not a picture.
  public static func graph(
    _ spec: ParsedSpec, overrides: [String: Double] = [:], memory: MemorySettings = .standard
  ) -> Outcome<LayerGraph> {
    let resolved = resolve(spec, overrides: overrides, figures: false)
    guard let network = resolved.value else {
      return Outcome(
        value: nil, diagnostics: resolved.diagnostics, parameterErrors: resolved.parameterErrors)
    }
    let rows = RowGraph(network)
    if rows.count > Limit.graphRows.value {
      return Outcome(
        value: nil, diagnostics: [],
        parameterErrors: [.graphTooLarge(.graphRows, count: rows.count)])
    }
    let edges = rows.inputs.reduce(0) { $0 + $1.count }
    if edges > Limit.graphEdges.value {
      return Outcome(
        value: nil, diagnostics: [], parameterErrors: [.graphTooLarge(.graphEdges, count: edges)])
    }
    let bends = rows.bends(ranks: rows.ranks)
    if bends > Limit.graphBends.value {
      return Outcome(
        value: nil, diagnostics: [], parameterErrors: [.graphTooLarge(.graphBends, count: bends)])
    }
    let analyzed = analyze(network, memory: memory)
    guard let analysis = analyzed.value else {
      return Outcome(value: nil, diagnostics: resolved.diagnostics + analyzed.diagnostics)
    }
    guard let graph = LayerGraph(analysis: analysis, rows: rows) else {
      return Outcome(value: nil, diagnostics: [.rowsUnmatched(network: network.name)])
    }
    return Outcome(value: graph, diagnostics: resolved.diagnostics + analyzed.diagnostics)
  }
}
