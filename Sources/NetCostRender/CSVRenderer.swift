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

  /// `render`, written as it is made: the rows are read twice (which columns hold shapes, then
  /// the lines), a piece of them at a time on the machine's cores, and never held as text: a
  /// million rows are not a million strings (issue 25).
  public static func write(_ table: Table, into out: inout TextWriter) {
    let rows = table.rows
    let count = table.columns.count
    let pieces = Parallel.pieces(of: rows.count, size: rowsPerPiece)
    // A column of shapes, and whether every shape in it is a feature map.
    var holdsShapes = Array(repeating: false, count: count)
    var onlyMaps = Array(repeating: true, count: count)
    Parallel.inOrder(pieces) { piece in
      var shapes = Array(repeating: false, count: count)
      var maps = Array(repeating: true, count: count)
      for r in piece {
        for (i, cell) in rows[r].enumerated() where i < count {
          guard case .shape(let s) = cell else { continue }
          shapes[i] = true
          maps[i] = maps[i] && s.isMap
        }
      }
      return (shapes, maps)
    } take: { made in
      for i in 0..<count {
        holdsShapes[i] = holdsShapes[i] || made.0[i]
        onlyMaps[i] = onlyMaps[i] && made.1[i]
      }
    }
    let mapColumns = (0..<count).map { holdsShapes[$0] && onlyMaps[$0] }
    var header: [String] = []
    for (i, column) in table.columns.enumerated() {
      header +=
        mapColumns[i]
        ? ["height", "width", "channels"].map { column.key + "_" + $0 }
        : holdsShapes[i] ? [column.key + "_dims"] : [column.key]
    }
    out.write(header.map(field).joined(separator: ","))
    out.write("\r\n")
    Parallel.inOrder(pieces) { piece in
      var lines = TextWriter()
      for r in piece {
        for (i, cell) in rows[r].enumerated() {
          if i > 0 { lines.write(",") }
          if i < count, mapColumns[i] {
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
      return lines.bytes
    } take: { bytes in
      out.write(piece: bytes)
    }
  }

  /// The rows of a piece, made into text on one core while the other cores make the next
  /// pieces (the terminal's table cuts its rows the same).
  static let rowsPerPiece = 8192

  /// The cell's value with no formatting: counts and bytes as integers, measures in full.
  static func raw(_ cell: Table.Cell) -> String {
    switch cell {
    case .text(let s): inert(s)
    case .count(let n), .kilobytes(let n), .megabytes(let n), .millions(let n): String(n)
    case .shape(let s): s.dims.map(String.init).joined(separator: "x")
    case .kind(let kind): kind.text
    case .fixed(let x, _), .ratio(let x), .difference(let x): x.shortDescription
    case .display(_, let raw): raw
    case .empty: ""
    }
  }

  /// A text that a spreadsheet would run as a formula (a name from a model file such as
  /// `=HYPERLINK(…)`) behind a `'`, as OWASP's advice on CSV injection has it; netcost's own
  /// texts never start so.
  static func inert(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else {
      return text
    }
    return "'" + text
  }

  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    var out = "\""
    for c in text { out += c == "\"" ? "\"\"" : String(c) }
    return out + "\""
  }
}
