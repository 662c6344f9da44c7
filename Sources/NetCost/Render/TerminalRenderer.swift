/// Plain text for a terminal: aligned columns under a rule, numbers grouped by thousands.
public enum TerminalRenderer {
  public static func render(_ table: Table) -> String {
    let header = table.columns.map(\.title)
    let body = table.rows.map { $0.map(text) }
    var widths = header.map(\.count)
    for row in body {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (i, cell) in cells.enumerated() {
        let last = i == cells.count - 1
        switch table.columns[i].alignment {
        case .left: parts.append(last ? cell : cell.rightPadded(to: widths[i]))
        case .right: parts.append(cell.leftPadded(to: widths[i]))
        }
      }
      return parts.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + body.map(line)).joined(separator: "\n") + "\n"
  }

  static func text(_ cell: Table.Cell) -> String {
    switch cell {
    case .text(let s): s
    case .count(let n): NumberFormat.grouped(n)
    case .kilobytes(let bytes): NumberFormat.kilobytes(bytes)
    case .megabytes(let bytes): NumberFormat.megabytes(bytes)
    case .millions(let n): NumberFormat.decimal(n, over: 1_000_000, places: 2)
    case .shape(let shape): shape.description
    case .fixed(let x, let places): NumberFormat.fixed(x, places: places)
    case .ratio(let x): NumberFormat.ratio(x)
    case .difference(let x): NumberFormat.signedPercent(x)
    case .display(let text, _): text
    case .empty: ""
    }
  }
}
