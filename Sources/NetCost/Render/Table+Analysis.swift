/// What goes in which column of the per-layer table.
extension Table {
  public init(layersOf analysis: Analysis) {
    self.init(
      columns: [
        Column(title: "layer", alignment: .left),
        Column(title: "kind", alignment: .left),
        Column(title: "output", alignment: .right),
        Column(title: "params (all)", alignment: .right, key: "params"),
        Column(title: "MACs", alignment: .right),
        Column(title: "memory KB", alignment: .right, key: "activation_bytes"),
      ],
      rows: analysis.rows.map { row in
        [
          .text(row.name), .text(row.kindDescription), .shape(row.output), .count(row.cost.params),
          .count(row.cost.macs), .kilobytes(row.activationBytes),
        ]
      })
  }
}

extension LayerRow {
  /// `conv 3×3/2 +bn +relu`: the kind with its window and stride, as the papers' "Conv / s2", and
  /// what is folded into the row.
  public var kindDescription: String {
    var text = kind.rawValue
    switch operation {
    case .convolution(let conv):
      text += " \(conv.kernel.window)/\(conv.stride)"
      if case .count(let groups) = conv.groups, groups > 1 { text += " g\(groups)" }
      if conv.dilation != .square(1) { text += " d\(conv.dilation)" }
    case .pooling(let pool):
      text += " \(pool.kernel.window)/\(pool.stride)"
    default:
      break
    }
    return ([text] + folded.map { "+" + $0.rawValue }).joined(separator: " ")
  }
}
