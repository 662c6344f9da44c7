import NetCostCore

/// How a terminal wants its text: how wide it is, and whether it takes bold.
public struct TerminalStyle: Sendable {
  /// Columns to fit tables in; nil when the output is not a terminal (a file, a pipe).
  public var width: Int?
  public var bold: Bool

  public init(width: Int? = nil, bold: Bool = false) {
    self.width = width
    self.bold = bold
  }

  public static let plain = TerminalStyle()

  /// Text made of lines, each with its control characters escaped (names from model files) and
  /// wrapped to the width when there is one (`--explain`'s arithmetic).
  public func fitted(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      let shown = TerminalText.escaped(String(line))
      guard let width, shown.unicodeScalars.count > width else { return shown }
      return shown.wrapped(to: width, indent: "    ").joined(separator: "\n")
    }.joined(separator: "\n")
  }
}

/// Plain text for a terminal: aligned columns under a rule, numbers grouped by thousands.
public enum TerminalRenderer {
  public static func render(_ table: Table, style: TerminalStyle = .plain) -> String {
    var header = table.columns.map(\.title)
    var body = table.rows.map { $0.map(text) }
    // Columns are counted in Unicode scalars: every character netcost prints takes one column,
    // and counting scalars is far cheaper than counting graphemes over a million rows.
    var widths = header.map(\.unicodeScalars.count)
    for row in body {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], cell.unicodeScalars.count)
      }
    }
    var shown = Array(table.columns.indices)
    var wrapping: Int?
    var notice: String?
    if let limit = style.width {
      let fit = TableFit(columns: table.columns, natural: widths, limit: limit)
      let cut = table.columns.indices.filter { fit.isCut($0, natural: widths) }
      notice = self.notice(cut: !cut.isEmpty, dropped: fit.dropped.map { header[$0] })
      for i in cut {
        header[i] = shortened(header[i], to: fit.widths[i])
        for r in body.indices { body[r][i] = shortened(body[r][i], to: fit.widths[i]) }
      }
      (shown, widths, wrapping) = (fit.shown, fit.widths, fit.wrapping)
    }
    // Built as bytes and decoded once: appending to a String cell by cell costs more than the
    // rest of a million-row table.
    var bytes: [UInt8] = []
    bytes.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (body.count + 2) + 256)
    let indent = shown.dropLast().map { widths[$0] + 2 }.reduce(0, +)
    func append(_ cells: [String]) {
      var more: ArraySlice<String> = []
      for (n, i) in shown.enumerated() {
        var cell = cells[i]
        if i == wrapping, cell.unicodeScalars.count > widths[i] {
          let lines = cell.wrapped(to: widths[i], indent: "")
          (cell, more) = (lines.first ?? "", lines.dropFirst())
        }
        let pad = widths[i] - cell.unicodeScalars.count
        if n > 0 { bytes += [0x20, 0x20] }
        switch table.columns[i].alignment {
        case .left:
          bytes += cell.utf8
          if n < shown.count - 1 && pad > 0 { bytes += repeatElement(0x20, count: pad) }
        case .right:
          if pad > 0 { bytes += repeatElement(0x20, count: pad) }
          bytes += cell.utf8
        }
      }
      while bytes.last == 0x20 { bytes.removeLast() }  // An empty last cell.
      bytes.append(0x0A)
      // A wrapping cell's further lines, under its first (it is always the last column).
      for line in more {
        bytes += repeatElement(0x20, count: indent)
        bytes += line.utf8
        bytes.append(0x0A)
      }
    }
    if style.bold { bytes += "\u{1B}[1m".utf8 }
    append(header)
    if style.bold { bytes.insert(contentsOf: "\u{1B}[0m".utf8, at: bytes.count - 1) }
    bytes +=
      (shown.map { String(repeating: "─", count: widths[$0]) }.joined(separator: "  ") + "\n").utf8
    for row in body { append(row) }
    var out = String(decoding: bytes, as: UTF8.self)
    if let notice, let limit = style.width {
      out += notice.wrapped(to: limit).map { $0 + "\n" }.joined()
    }
    return out
  }

  /// What fitting the table did, and how to see it all; nil when it did nothing.
  private static func notice(cut: Bool, dropped: [String]) -> String? {
    var parts: [String] = []
    if cut { parts.append("text cut") }
    if !dropped.isEmpty {
      parts.append("left out: " + dropped.joined(separator: ", "))
    }
    guard !parts.isEmpty else { return nil }
    return "(" + parts.joined(separator: "; ") + "; a wider terminal or --format csv shows all)"
  }

  /// A cell cut to `width` columns with '…' where it is wider.
  private static func shortened(_ text: String, to width: Int) -> String {
    guard text.unicodeScalars.count > width else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.prefix(width - 1))) + "…"
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
