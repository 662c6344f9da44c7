import NetCostCore

/// CSV as RFC 4180 writes it (CRLF line ends, fields quoted when they hold `,`, `"` or a line
/// break): one header row, then raw numbers, with no separators or units, so a spreadsheet or
/// `pandas.read_csv` gets numbers. A column of feature maps becomes three columns (height, width,
/// channels); one that holds any other tensor, one column of its dims (`197x768`).
public enum CSVRenderer {
  public static func render(_ table: Table) -> String {
    var out = TextWriter()
    write(table, into: &out)
    return out.text
  }

  /// `render`, written as it is made, a piece of rows at a time on the machine's cores, and
  /// never held whole: a million rows are not a million strings (issue 25). How a column of
  /// shapes is written (three columns for feature maps, one of dims otherwise) depends on every
  /// row, so the first pass writes each piece as the first row's cells say and keeps the text
  /// while it fits in `keptBytes`; the pieces are written again only when a later row holds
  /// another kind of shape, or where they were not kept.
  public static func write(_ table: Table, into out: inout TextWriter) {
    write(table, into: &out, keeping: TableText.kept)
  }

  static func write(_ table: Table, into out: inout TextWriter, keeping keptBytes: Int) {
    let rows = table.rows
    let count = table.columns.count
    let rowsPerPiece = TableText.rowsPerPiece(rows.count)
    let pieces = Parallel.pieces(of: rows.count, size: rowsPerPiece)
    let first = rows.first ?? []
    let guessed = Layout(
      (0..<count).map { i in
        guard i < first.count, case .shape(let s) = first[i] else { return .plain }
        return s.isMap ? .map : .dims
      })
    var seen = Layout(Array(repeating: .plain, count: count))
    var kept: [[UInt8]?] = []
    var keptSoFar = 0
    Parallel.inOrder(pieces) { piece in
      var seen = Layout(Array(repeating: .plain, count: count))
      var lines = TextWriter()
      for r in piece {
        let cells = rows[r]
        seen.note(cells)
        guessed.write(cells, into: &lines)
      }
      return (seen, lines.bytes)
    } take: { made in
      seen.merge(made.0)
      keptSoFar += made.1.count
      kept.append(keptSoFar <= keptBytes ? made.1 : nil)
    }
    let layout = seen
    if layout != guessed { kept = kept.map { _ in nil } }
    var header: [String] = []
    for (i, column) in table.columns.enumerated() {
      switch layout.columns[i] {
      case .map: header += ["height", "width", "channels"].map { column.key + "_" + $0 }
      case .dims: header.append(column.key + "_dims")
      case .plain: header.append(column.key)
      }
    }
    out.write(header.map(field).joined(separator: ","))
    out.write("\r\n")
    let texts = kept
    Parallel.inOrder(pieces) { piece in
      if let text = texts[piece.lowerBound / rowsPerPiece] { return text }
      var lines = TextWriter()
      for r in piece { layout.write(rows[r], into: &lines) }
      return lines.bytes
    } take: { bytes in
      out.write(piece: bytes)
    }
  }

  /// How each column is written: its raw values, a feature map's three sizes, or a tensor's dims.
  struct Layout: Equatable, Sendable {
    enum Column: Equatable, Sendable { case plain, map, dims }
    var columns: [Column]

    init(_ columns: [Column]) { self.columns = columns }

    /// What a row's shapes say: a column that holds a shape is one of maps while every shape
    /// in it is a map.
    mutating func note(_ cells: [Table.Cell]) {
      for (i, cell) in cells.enumerated() where i < columns.count {
        guard case .shape(let s) = cell else { continue }
        columns[i] = columns[i] == .dims || !s.isMap ? .dims : .map
      }
    }

    /// Both pieces' notes: dims wherever either saw a tensor that is not a map.
    mutating func merge(_ other: Layout) {
      for i in columns.indices where other.columns[i] != .plain {
        columns[i] = columns[i] == .dims || other.columns[i] == .dims ? .dims : .map
      }
    }

    func write(_ cells: [Table.Cell], into lines: inout TextWriter) {
      for (i, cell) in cells.enumerated() {
        if i > 0 { lines.write(",") }
        if i < columns.count, columns[i] == .map {
          if case .shape(let s) = cell {
            lines.write("\(s.height),\(s.width),\(s.channels)")
          } else {
            lines.write(",,")
          }
        } else {
          lines.write(field(raw(cell)))
        }
      }
      lines.write("\r\n")
    }
  }

  /// The cell's value with no formatting: counts and bytes as integers, measures in full.
  static func raw(_ cell: Table.Cell) -> String {
    switch cell {
    case .text(let s): s
    case .name(let s): inert(s)
    case .count(let n), .kilobytes(let n), .megabytes(let n), .millions(let n): String(n)
    case .shape(let s): s.dims.map(String.init).joined(separator: "x")
    case .kind(let kind): kind.text
    case .fixed(let x, _), .ratio(let x), .difference(let x): x.shortDescription
    case .display(_, let raw): raw
    case .empty: ""
    }
  }

  /// A name a spreadsheet would run as a formula (`=HYPERLINK(…)` from a model file) behind a
  /// `'`, as OWASP's advice on CSV injection has it. Names only: netcost's own texts (a
  /// breakdown's `+ fc bias …`) are written as they are.
  static func inert(_ name: String) -> String {
    guard let first = name.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else {
      return name
    }
    return "'" + name
  }

  /// The text as a CSV field: quoted where it holds a comma, a quote or a line end (RFC 4180).
  /// Looked for as bytes, not characters: a million rows' cells are each read once, and a
  /// `\r\n`, one character, is a line end too.
  static func field(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
    else { return text }
    var out = "\""
    for c in text { out += c == "\"" ? "\"\"" : String(c) }
    return out + "\""
  }
}
