import NetCostCore

/// The pipeline's own messages.
extension Diagnostic {
  /// The graph's rows and the analysis's differ: netcost's own mistake, said as one.
  static func rowsUnmatched(network: String) -> Diagnostic {
    Diagnostic(
      "the graph of '\(network)' does not match the rows of its analysis", at: .start,
      help: "this is a mistake in netcost; the table ('netcost analyze') is unaffected")
  }
}
