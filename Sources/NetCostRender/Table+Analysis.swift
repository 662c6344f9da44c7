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
    let width = columns.count
    let rows = analysis.rows
    // Each field read in place (`rows[index].name`), the row never copied whole: a loop's rows
    // share their figures' and operation's boxes, and two threads making rows would take turns
    // at those boxes' counts (issue 25).
    @Sendable func cells(_ index: Int) -> [Cell] {
      // Room for the whole row at once: a row of a million is not grown as it is made.
      var cells: [Cell] = []
      cells.reserveCapacity(width)
      cells.append(.name(rows[index].name))
      cells.append(.kind(KindDescription(rows, index)))
      cells.append(.shape(rows[index].output))
      cells.append(.count(rows[index].cost.params))
      cells.append(.count(rows[index].cost.macs))
      if products { cells.append(.count(rows[index].cost.activationMatmulMacs)) }
      cells.append(.kilobytes(rows[index].activationBytes))
      if memory?.peakBytes != nil {
        let live = rows[index].liveBytes.map { Cell.kilobytes($0) } ?? .empty
        cells.append(
          memory?.peakRow == index
            ? .display(
              NumberFormat.kilobytes(rows[index].liveBytes ?? 0) + " ◀",
              raw: NumberFormat.kilobytes(rows[index].liveBytes ?? 0)) : live)
      }
      if memory?.training != nil {
        cells.append(rows[index].savedBytes.map { .kilobytes($0) } ?? .empty)
      }
      if let r = roofline?.rows[index] {
        cells += [
          .kilobytes(r.bytes), .fixed(r.intensity, places: 1),
          .text(r.bytes == 0 ? "" : r.computeBound ? "compute" : "memory"),
          .fixed(r.seconds * 1e6, places: 2),
        ]
      }
      if receptiveField {
        if let f = rows[index].receptiveField, f.global {
          cells += [.text("global"), .empty, .empty]
        } else if let f = rows[index].receptiveField {
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
    }
    // A row that shows what the row before does but for its name (a loop's passes): made
    // once, and copied (a million rows of one layer, issue 25). The peak's mark and the
    // roofline are the table's own.
    let peakRow = memory?.peakRow
    let repeats = Rows.Repeats(
      rowAbove: { index in
        guard peakRow != index && peakRow != index - 1,
          roofline.map({ $0.rows[index] == $0.rows[index - 1] }) ?? true
        else { return false }
        return LayerRow.showTheSame(rows, index, index - 1, field: receptiveField)
      },
      first: { .name(rows[$0].name) })
    self.init(
      columns: columns,
      rows: Rows(count: rows.count, repeats: repeats, row: cells))
  }

  /// `212`, or `7×1` when the sides differ.
  static func sides(_ height: Int, _ width: Int) -> String {
    height == width ? "\(height)" : "\(height)×\(width)"
  }
}
