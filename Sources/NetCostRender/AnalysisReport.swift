import NetCostAnalysis
import NetCostCore

/// The analyze command's document: what was analysed, the per-layer table (or the breakdown by
/// kind), and the totals with the counting convention.
public enum AnalysisReport {
  /// What the per-layer table and the breakdown count.
  public static func counting(_ analysis: Analysis) -> [Counting] {
    [.convention(analysis.convention), .paramsAll, .rowMemory(analysis.memory?.settings)]
  }

  public static func render(_ analysis: Analysis) -> String {
    document(analysis).renderedForTerminal()
  }

  /// `notes` go under the header (the CLI's word on a built-in name another library shares).
  public static func document(
    _ analysis: Analysis, byKind: Bool = false, receptiveField: Bool = false,
    notes: [String] = []
  ) -> Document {
    // The convention goes above the table, so a pasted table never travels without it.
    var blocks: [Document.Block] = [
      .lines(header(analysis) + notes + [Counting.line(counting(analysis))]),
      .table(
        byKind
          ? Table(breakdown: Breakdown(analysis), unit: analysis.convention.unit)
          : Table(layersOf: analysis, receptiveField: receptiveField)),
      .summary(
        totals(
          analysis.totals, convention: analysis.convention,
          memory: analysis.memory?.settings ?? .standard, provenance: analysis.provenance)),
    ]
    if analysis.memory != nil { blocks.append(.summary(MemorySummary.entries(analysis))) }
    let caveats = Caveats.of(analysis)
    if !caveats.isEmpty { blocks.append(.notes(caveats)) }
    if let roofline = analysis.roofline { blocks.append(.lines(rooflineLines(roofline))) }
    if receptiveField {
      blocks.append(
        .lines([
          "RF: what one unit of the row's output sees of the input (size, effective stride, "
            + "effective padding; Araujo et al. 2019); * where merged paths are not aligned and "
            + "the largest is shown; blank after a reshape or resize; global where every unit "
            + "sees the whole image (after a global pool or fully connected layer, or a map "
            + "scaled by one, as in squeeze-and-excitation: Araujo et al. leave such fields "
            + "undefined; JSON gives the field through the local path)"
        ]))
    }
    return Document(blocks)
  }

  /// The roofline's sum and what it assumes.
  static func rooflineLines(_ r: Roofline) -> [String] {
    let peak = r.device.peak[r.dtype] ?? 0
    return [
      "roofline on \(r.device.name) at \(r.dtype.rawValue): at least "
        + NumberFormat.fixed(r.seconds * 1e3, places: 3) + " ms, the sum of the rows' bounds"
        + " — a bound, not a prediction",
      "each row moves its inputs, weights and output once (what is folded into it is fused) and "
        + "runs no faster than 2 FLOPs per MAC at " + NumberFormat.fixed(peak / 1e12, places: 1)
        + " TFLOP/s nor than its bytes at "
        + NumberFormat.fixed(r.device.bandwidth / 1e9, places: 0)
        + " GB/s (compute-bound above " + NumberFormat.fixed(r.ridge, places: 1)
        + " MACs per byte); "
        + r.device.source,
    ]
  }

  /// Name and title, source, parameter values and input.
  static func header(_ analysis: Analysis) -> [String] {
    var lines = [analysis.network + (analysis.title.map { ": " + $0 } ?? "")]
    if let source = analysis.source { lines.append("source: \(source)") }
    if let library = analysis.library { lines.append("library: \(library)") }
    if !analysis.parameters.isEmpty {
      lines.append("parameters: " + parameterText(analysis.parameters, separator: ", "))
    }
    lines.append("input: \(analysis.input)")
    return lines
  }

  /// `alpha = 0.75, resolution = 224`.
  public static func parameterText(_ parameters: [Network.Parameter], separator: String) -> String {
    parameters.map { "\($0.name) = \($0.value.shortDescription)" }.joined(separator: separator)
  }

  /// The totals: exact integers, the same in units, and what each count includes.
  static func totals(
    _ t: Totals, convention: Convention = .paper, memory: MemorySettings = .standard,
    provenance: Provenance = .spec
  ) -> [(name: String, value: String, remark: String)] {
    let compute =
      switch convention {
      case .paper, .keras: " multiply-accumulates"
      case .flops, .flopCounter: " floating-point operations as " + convention.tool + " counts them"
      default: " multiply-accumulates as " + convention.tool + " counts them"
      }
    // Products of two computed tensors exist only where a model has them (attention): the line
    // is left out, not printed as 0, for a CNN.
    let products: [(name: String, value: String, remark: String)] =
      t.activationMatmulMacs == 0
      ? []
      : [
        (
          "activation products", NumberFormat.grouped(t.activationMatmulMacs),
          NumberFormat.short(t.activationMatmulMacs)
            + " multiply-accumulates of two computed tensors (attention), "
            + (convention.countsActivationProducts ? "in " : "not in ") + convention.unit.rawValue
            + (convention.countsActivationProducts
              ? " where " + convention.tool + " sees them" : "")
        )
      ]
    return [
      ("params", NumberFormat.grouped(t.params), NumberFormat.short(t.params) + ", all of them"),
      ("  trainable", NumberFormat.grouped(t.trainableParams), provenance.trainableRemark),
      (
        "  non-trainable", NumberFormat.grouped(t.nonTrainableParams),
        "batch-norm moving mean and variance"
      ),
      (
        "  without batch norm", NumberFormat.grouped(t.paramsWithoutBatchNorm),
        NumberFormat.short(t.paramsWithoutBatchNorm) + ", as the papers count"
      ),
      (
        convention.unit.rawValue, NumberFormat.grouped(t.macs), NumberFormat.short(t.macs) + compute
      ),
    ] + products + [
      (
        "activation memory", NumberFormat.kilobytes(t.activationBytes) + " KB",
        NumberFormat.megabytes(t.activationBytes) + " MB at " + memory.dtype.rawValue
          + (memory.batch == 1 ? "" : ", batch \(memory.batch)") + ", all outputs summed"
      )
    ]
  }
}

extension Table {
  /// MACs, weights and parameters per kind of layer, with shares of the totals.
  public init(breakdown: Breakdown, unit: Convention.Unit = .macs) {
    let t = breakdown.totals
    func share(_ part: Int, _ whole: Int) -> Cell {
      .fixed(whole == 0 ? 0 : 100 * Double(part) / Double(whole), places: 2)
    }
    self.init(
      columns: [
        Column(title: "kind", alignment: .left), Column(title: "layers", alignment: .right),
        Column(title: unit.rawValue, alignment: .right),
        Column(
          title: unit.rawValue + " %", alignment: .right,
          key: unit.rawValue.lowercased() + "_percent"),
        Column(title: "weights", alignment: .right),
        Column(title: "weights %", alignment: .right, key: "weights_percent"),
        Column(title: "params (all)", alignment: .right, key: "params"),
        Column(title: "params (all) %", alignment: .right, key: "params_percent"),
      ],
      rows: breakdown.entries.map {
        [
          .text($0.kind), .count($0.layers), .count($0.macs), share($0.macs, t.macs),
          .count($0.weights), share($0.weights, t.weights), .count($0.params),
          share($0.params, t.params),
        ]
      })
  }
}
