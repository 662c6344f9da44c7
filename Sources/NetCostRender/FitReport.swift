import NetCostAnalysis
import NetCostCore

/// `netcost fit`'s document: the budgets, what was searched, and the answer — the chosen point
/// with the step beyond it, or the frontier — each with its figures.
public enum FitReport {
  /// `unbuilt` is why the value after the answer gives no network, when it does not (an ONNX
  /// graph whose reshapes fix its size): the answer is then the largest that can be built.
  public static func document(
    _ fit: Fit, unbuilt: (value: Double, reason: String)? = nil
  )
    -> Document
  {
    var lines = [fit.network + (fit.title.map { ": " + $0 } ?? "")]
    lines.append(
      "limits: "
        + fit.limits.map { label($0.figure) + " ≤ " + amount($0.maximum, $0.figure) }
        .joined(separator: ", "))
    if fit.limits.contains(where: \.figure.isBytes) {
      lines.append("memory: " + MemorySummary.settings(fit.memory) + memoryRemark(fit.memory))
    }
    lines.append(
      "searched: "
        + fit.axes.map { "\($0.name) over \(span($0.values))" }.joined(separator: " × "))
    var blocks: [Document.Block] = [.lines(lines)]
    let points: [(role: String, point: Fit.Point)]
    if fit.axes.count == 2 {
      let names = fit.axes.map(\.name).joined(separator: " and ")
      blocks.append(
        .lines([
          fit.frontier.isEmpty
            ? "no values of \(names) fit"
            : "Pareto frontier of \(names): \(fit.frontier.count) points, none of which another "
              + "fitting point beats on both"
        ]))
      points = fit.frontier.map { ("frontier", $0) }
    } else {
      let name = fit.axes.first?.name ?? ""
      if let chosen = fit.chosen, chosen.fits {
        let value = chosen.analysis.parameter(name)?.shortDescription ?? ""
        blocks.append(
          .lines([
            "largest \(name) that fits: \(value)"
              + (fit.next != nil
                ? ""
                : unbuilt.map {
                  " (at \($0.value.shortDescription) the network cannot be built: \($0.reason))"
                } ?? " (the largest it takes)")
          ]))
        points = [("chosen", chosen)] + (fit.next.map { [("next step", $0)] } ?? [])
      } else if let smallest = fit.chosen {
        blocks.append(.lines(["no value of \(name) fits: the smallest exceeds the limits"]))
        points = [("smallest", smallest)]
      } else {
        blocks.append(.lines(["no value of \(name) gives a network that can be built"]))
        points = []
      }
    }
    if !points.isEmpty {
      blocks.append(.table(table(fit, points)))
      blocks.append(.lines([Counting.line([.macs, .paramsAll])]))
    }
    return Document(blocks)
  }

  static func table(_ fit: Fit, _ points: [(role: String, point: Fit.Point)]) -> Table {
    let figures = figures(fit)
    var columns = [Table.Column(title: "point", alignment: .left)]
    // The parameters searched, the figures with a budget and the verdict are what was asked:
    // a narrow terminal leaves out the other figures first.
    columns += fit.axes.map { Table.Column(title: $0.name, alignment: .right, requested: true) }
    let budgeted = Set(fit.limits.map(\.figure))
    columns += figures.map {
      Table.Column(
        title: label($0) + ($0.isBytes ? " B" : ""), alignment: .right,
        key: String($0.rawValue.map { $0 == "-" ? "_" : $0 }), requested: budgeted.contains($0))
    }
    columns.append(Table.Column(title: "fits", alignment: .left, requested: true))
    return Table(
      columns: columns,
      rows: points.map { role, point in
        var cells: [Table.Cell] = [.text(role)]
        cells += fit.axes.map { .text(point.analysis.parameter($0.name)?.shortDescription ?? "") }
        cells += figures.map { figure in figure.value(point.analysis).map { .count($0) } ?? .empty }
        cells.append(
          .text(
            point.fits
              ? "yes" : "no: " + point.exceeded.map(label).joined(separator: ", ") + " over"))
        return cells
      })
  }

  /// MACs and parameters always, memory where a budget bounds it.
  static func figures(_ fit: Fit) -> [Fit.Figure] {
    [.macs, .params]
      + [.peakMemory, .trainingMemory].filter { figure in
        fit.limits.contains { $0.figure == figure }
      }
  }

  public static func label(_ figure: Fit.Figure) -> String {
    switch figure {
    case .macs: "MACs"
    case .params: "params (all)"
    case .peakMemory: "peak memory"
    case .trainingMemory: "training memory"
    }
  }

  static func amount(_ value: Int, _ figure: Fit.Figure) -> String {
    figure.isBytes
      ? NumberFormat.grouped(value) + " B (" + NumberFormat.megabytes(value) + " MB)"
      : NumberFormat.grouped(value)
  }

  static func memoryRemark(_ memory: MemorySettings) -> String {
    memory.optimizer.map { ", training with \($0.rawValue)" } ?? ""
  }

  /// `0.01 … 4 (400 values)`.
  static func span(_ values: [Double]) -> String {
    guard let first = values.first, let last = values.last else { return "no values" }
    return values.count == 1
      ? first.shortDescription
      : "\(first.shortDescription) … \(last.shortDescription) (\(values.count) values)"
  }
}
