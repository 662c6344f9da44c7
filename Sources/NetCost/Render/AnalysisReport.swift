/// The analyze command's whole text: what was analysed, the per-layer table, and the totals with
/// the counting convention.
public enum AnalysisReport {
  /// One line that states how everything is counted, printed under every table.
  public static let convention =
    "MACs are multiply-accumulates of conv and fc layers (the papers' mult-adds; 1 MAC = 2 FLOPs); "
    + "params include biases and batch norm; memory is each row's output at 4 bytes per value"

  public static func render(_ analysis: Analysis) -> String {
    var out = analysis.network + (analysis.title.map { ": " + $0 } ?? "") + "\n"
    if let source = analysis.source { out += "source: \(source)\n" }
    if !analysis.parameters.isEmpty {
      out += "parameters: " + analysis.parameters.map {
        "\($0.name) = \($0.value.shortDescription)"
      }.joined(separator: ", ") + "\n"
    }
    out += "input: \(analysis.input)\n\n"
    out += TerminalRenderer.render(Table(layersOf: analysis)) + "\n"
    out += totals(analysis.totals)
    return out
  }

  /// The totals block: exact integers, the same in units, and what each count includes.
  public static func totals(_ t: Totals) -> String {
    let lines: [(String, String, String)] = [
      ("params", NumberFormat.grouped(t.params), NumberFormat.short(t.params) + ", all of them"),
      ("  trainable", NumberFormat.grouped(t.trainableParams), "what PyTorch counts"),
      ("  non-trainable", NumberFormat.grouped(t.nonTrainableParams),
       "batch-norm moving mean and variance"),
      ("  without batch norm", NumberFormat.grouped(t.paramsWithoutBatchNorm),
       NumberFormat.short(t.paramsWithoutBatchNorm) + ", as the papers count"),
      ("MACs", NumberFormat.grouped(t.macs), NumberFormat.short(t.macs) + " multiply-accumulates"),
      ("activation memory", NumberFormat.kilobytes(t.activationBytes) + " KB",
       NumberFormat.megabytes(t.activationBytes) + " MB at fp32"),
    ]
    let nameWidth = lines.map(\.0.count).max() ?? 0
    let valueWidth = lines.map(\.1.count).max() ?? 0
    var out = ""
    for (name, value, remark) in lines {
      out += name.rightPadded(to: nameWidth) + "  " + value.leftPadded(to: valueWidth) + "  ("
        + remark + ")\n"
    }
    return out + "counting: " + convention + "\n"
  }
}
