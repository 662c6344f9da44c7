import NetCostCore

/// The arithmetic behind a row's figures, with the numbers substituted, as a person would check it
/// by hand (EECS 498-007 Lecture 8, AlexNet's conv1). Made by running the analyzer's own formulas with text switched on.
public struct Explanation: Sendable {
  public struct Line: Sendable, Hashable {
    public enum Quantity: String, Sendable {
      case output, height = "output height", width = "output width", channels = "output channels"
      case depth = "output depth"
      case memory, params, batchNorm = "batch norm", layerNorm = "layer norm",
        groupNorm = "group norm", scale, prelu
      case macs = "MACs"
      /// A product of two computed tensors' multiply-accumulates, not in the MACs.
      case products = "activation products"
      /// A learned tensor's values (a class token, a position embedding).
      case learned = "learned tensor"
    }
    public var quantity: Quantity
    /// `64·3·11·11 + 64`.
    public var arithmetic: String
    public var value: Int
  }

  public var row: LayerRow
  public var lines: [Line]
  /// For a pointwise row right after a depthwise one: N and K of MobileNet's reduction
  /// 1/N + 1/K² (Sec. 3.1).
  public var separable: (outputs: Int, kernel: Int)?
  /// The convention the row was counted under, whose terms (`row.conventionTerms`) are shown
  /// after the papers' MACs.
  public var convention: Convention = .paper

  /// Explains `row`; `previous` is the row before it (for the depthwise-separable ratio);
  /// `memory`: the batch and data type of the row's memory.
  public init(
    _ row: LayerRow, previous: LayerRow? = nil, convention: Convention = .paper,
    memory: MemorySettings = .standard
  ) throws(LayerError) {
    self.row = row
    self.convention = convention
    var lines: [Line] = []
    let worked = try row.operation.workedOutput(for: row.inputs, explaining: true)
    // A volume's depth, by the same one-side rule (or passed through by a per-frame window).
    if let d = worked.depth, d.text != nil {
      lines.append(Line(quantity: .depth, arithmetic: d.text ?? "", value: d.value))
    }
    if let h = worked.height, let w = worked.width {
      if h.text == w.text {
        lines.append(Line(quantity: .output, arithmetic: h.text ?? "", value: h.value))
      } else {
        lines.append(Line(quantity: .height, arithmetic: h.text ?? "", value: h.value))
        lines.append(Line(quantity: .width, arithmetic: w.text ?? "", value: w.value))
      }
    }
    if let c = worked.channels {
      lines.append(Line(quantity: .channels, arithmetic: c.text ?? "", value: c.value))
    }
    // A layer that runs only in training has no inference memory or MACs (`training { … }`).
    let memory = try Formulas.activationBytes(row.output, settings: memory, explaining: true)
    lines.append(
      row.trainingOnly
        ? Line(quantity: .memory, arithmetic: "0", value: 0)
        : Line(quantity: .memory, arithmetic: memory.text ?? "", value: memory.value))
    let cost = try row.operation.workedCost(
      inputs: row.inputs, output: row.output, explaining: true)
    if let params = cost.params {
      lines.append(Line(quantity: .params, arithmetic: params.text ?? "", value: params.value))
    }
    // Folded layers with parameters of their own: batch norm, Caffe's Scale, PReLU.
    for folded in row.foldedWithParameters {
      let quantity: Line.Quantity
      switch folded {
      case .batchNorm: quantity = .batchNorm
      case .scale: quantity = .scale
      case .layerNorm: quantity = .layerNorm
      case .groupNorm: quantity = .groupNorm
      case .parametricReLU: quantity = .prelu
      default: continue
      }
      let worked = try folded.workedCost(
        inputs: [row.output], output: row.output, explaining: true)
      if let params = worked.params {
        lines.append(Line(quantity: quantity, arithmetic: params.text ?? "", value: params.value))
      }
    }
    for shape in row.learned {
      let values = try Count.product(shape.dims.map { Count($0, explaining: true) })
      lines.append(Line(quantity: .learned, arithmetic: values.text ?? "", value: values.value))
    }
    if row.trainingOnly {
      lines.append(Line(quantity: .macs, arithmetic: "0", value: 0))
    } else if let macs = cost.macs {
      let products = cost.cost.activationMatmulMacs > 0
      lines.append(
        Line(
          quantity: products ? .products : .macs, arithmetic: macs.text ?? "", value: macs.value))
    } else if !row.conventionTerms.isEmpty {
      lines.append(Line(quantity: .macs, arithmetic: "0", value: 0))
    }
    self.lines = lines
    if case .convolution(let pw) = row.operation, pw.kernel == .square(1), pw.groups == .count(1),
      let previous, case .convolution(let dw) = previous.operation, dw.groups == .depthwise,
      dw.kernel.isSquare, row.inputs == [previous.output]
    {
      separable = (row.output.channels, dw.kernel.height)
    }
  }
}
