import NetCostCore

/// Published figures that cannot be checked against an analysis.
extension Diagnostic {
  package static func figureNotComputable(
    _ figure: PublishedFigure, _ error: Analysis.FigureError
  ) -> Diagnostic {
    let (reason, help): (String, String?) =
      switch error {
      case .noSuchLayer(let name): ("no layer '\(name)'", nil)
      case .noSuchKind(let kind, let known):
        (
          "no layers of kind '\(kind)'",
          Suggest.closest(to: kind, in: known).map { "did you mean '\($0)'?" }
            ?? "the kinds are " + Suggest.quotedList(known)
        )
      case .noSuchNetwork(let name): ("no network named '\(name)'", nil)
      case .refusedConditions(let message): (message, nil)
      case .failsUnderConditions(let first):
        ("under its conditions " + (first ?? "the network has errors"), nil)
      case .notComputed: ("netcost does not compute it", nil)
      case .overAnalysisLimit(let limit):
        (
          "checking it would analyse the network under its conditions, past the "
            + "\(NumberFormat.grouped(limit)) \(Limit.checkedLayers.doc)",
          "check fewer sets of conditions in one spec"
        )
      case .overRowLimit(let limit):
        (
          "checking it would read its rows past the \(NumberFormat.grouped(limit)) "
            + Limit.checkedRows.doc,
          "check fewer figures of many rows in one spec"
        )
      case .noReceptiveField(let row):
        (
          "row '\(row)' has no receptive field (it follows a reshape, a resize or uneven "
            + "adaptive pooling)", nil
        )
      case .globalReceptiveField(let row):
        (
          "row '\(row)' sees the whole image (global context), where a field of size, stride "
            + "and padding is undefined", nil
        )
      }
    return Diagnostic(
      "cannot check '\(figure.metric.rawValue)': \(reason)", at: figure.range, help: help)
  }
}
