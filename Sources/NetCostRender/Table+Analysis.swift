import NetCostAnalysis
import NetCostCore

/// What goes in which column of the per-layer table.
extension Table {
  /// `receptiveField` adds each row's field: size, effective stride and effective padding.
  /// The counts and every column a flag adds are requested: a narrow terminal keeps them.
  public init(layersOf analysis: Analysis, receptiveField: Bool = false) {
    var columns = [
      Column(title: "layer", alignment: .left),
      Column(title: "kind", alignment: .left),
      Column(title: "output", alignment: .right),
      Column(title: "params (all)", alignment: .right, key: "params", requested: true),
      Column(title: analysis.convention.unit.rawValue, alignment: .right, requested: true),
    ]
    // Products of two computed tensors, beside the MACs, where a network has any (attention).
    let products = analysis.totals.activationMatmulMacs > 0
    if products {
      columns.append(
        Column(
          title: "products", alignment: .right, key: "activation_matmul_macs", requested: true))
    }
    columns.append(Column(title: "memory KB", alignment: .right, key: "activation_bytes"))
    let memory = analysis.memory
    if memory?.peakBytes != nil {
      columns.append(
        Column(title: "live KB", alignment: .right, key: "live_bytes", requested: true))
    }
    if memory?.training != nil {
      columns.append(
        Column(title: "saved KB", alignment: .right, key: "saved_bytes", requested: true))
    }
    let roofline = analysis.roofline
    if roofline != nil {
      columns += [
        Column(title: "moved KB", alignment: .right, key: "moved_bytes", requested: true),
        Column(title: "MACs/B", alignment: .right, key: "intensity", requested: true),
        Column(title: "bound", alignment: .left, requested: true),
        Column(title: "µs ≥", alignment: .right, key: "microseconds", requested: true),
      ]
    }
    if receptiveField {
      columns += [
        Column(title: "RF", alignment: .right, key: "rf_size", requested: true),
        Column(title: "RF stride", alignment: .right, key: "rf_stride", requested: true),
        Column(title: "RF padding", alignment: .right, key: "rf_padding", requested: true),
      ]
    }
    self.init(
      columns: columns,
      rows: Rows(count: analysis.rows.count) { index in
        let row = analysis.rows[index]
        var cells: [Cell] = [
          .text(row.name), .text(row.kindDescription), .shape(row.output), .count(row.cost.params),
          .count(row.cost.macs),
        ]
        if products { cells.append(.count(row.cost.activationMatmulMacs)) }
        cells.append(.kilobytes(row.activationBytes))
        if memory?.peakBytes != nil {
          let live = row.liveBytes.map { Cell.kilobytes($0) } ?? .empty
          cells.append(
            memory?.peakRow == index
              ? .display(
                NumberFormat.kilobytes(row.liveBytes ?? 0) + " ◀",
                raw: NumberFormat.kilobytes(row.liveBytes ?? 0)) : live)
        }
        if memory?.training != nil { cells.append(row.savedBytes.map { .kilobytes($0) } ?? .empty) }
        if let r = roofline?.rows[index] {
          cells += [
            .kilobytes(r.bytes), .fixed(r.intensity, places: 1),
            .text(r.bytes == 0 ? "" : r.computeBound ? "compute" : "memory"),
            .fixed(r.seconds * 1e6, places: 2),
          ]
        }
        if receptiveField {
          if let f = row.receptiveField, f.global {
            cells += [.text("global"), .empty, .empty]
          } else if let f = row.receptiveField {
            cells += [
              .display(
                Self.sides(f.height.size, f.width.size) + (f.aligned ? "" : " *"),
                raw: Self.sides(f.height.size, f.width.size)),
              .text(Self.sides(f.height.stride, f.width.stride)),
              .text(Self.sides(f.height.padding, f.width.padding)),
            ]
          } else {
            cells += [.empty, .empty, .empty]
          }
        }
        return cells
      })
  }

  /// `212`, or `7×1` when the sides differ.
  static func sides(_ height: Int, _ width: Int) -> String {
    height == width ? "\(height)" : "\(height)×\(width)"
  }
}

extension LayerRow {
  /// `conv 3×3/2 +bn +relu`: the kind with its window and stride, as the papers' "Conv / s2", and
  /// what is folded into the row.
  public var kindDescription: String {
    // Written as bytes: a million-row table describes a kind per row.
    var text: [UInt8] = []
    text.reserveCapacity(32 + 8 * folded.count)
    text += kind.rawValue.utf8
    func append(_ s: StaticString) {
      text += UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
    }
    func appendNumber(_ n: Int) { NumberFormat.appendInteger(n, to: &text) }
    switch operation {
    case .convolution(let conv), .transposedConvolution(let conv, _):
      append(" ")
      conv.kernel.appendWindow(to: &text)
      append("/")
      conv.stride.appendDescription(to: &text)
      if case .count(let groups) = conv.groups, groups > 1 {
        append(" g")
        appendNumber(groups)
      }
      if !conv.dilation.isUnit {
        append(" d")
        conv.dilation.appendDescription(to: &text)
      }
    case .pooling(let pool):
      append(" ")
      pool.kernel.appendWindow(to: &text)
      append("/")
      pool.stride.appendDescription(to: &text)
    case .matmul(let transposed):
      // Its multiply-accumulates are in the `products` column, not the MACs one.
      if transposed { append(" ·ᵀ") }
    case .reduce(let r):
      append(" ")
      text += r.mode.rawValue.utf8
    default:
      break
    }
    for kind in folded {
      append(" +")
      text += kind.rawValue.utf8
    }
    if trainingOnly { append(" (training)") }
    return String(decoding: text, as: UTF8.self)
  }
}
