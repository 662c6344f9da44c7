/// CSV as RFC 4180 writes it (CRLF line ends, fields quoted when they hold `,`, `"` or a line
/// break): one header row, then raw numbers, with no separators or units, so a spreadsheet or
/// `pandas.read_csv` gets numbers. A column of feature maps becomes three columns (height, width,
/// channels); one that holds any other tensor, one column of its dims (`197x768`).
public enum CSVRenderer {
  public static func render(_ table: Table) -> String {
    let shapeColumns = Set(
      table.columns.indices.filter { i in
        table.rows.contains { if case .shape = $0[i] { true } else { false } }
      })
    let mapColumns = shapeColumns.filter { i in
      table.rows.allSatisfy { if case .shape(let s) = $0[i] { s.isMap } else { true } }
    }
    var header: [String] = []
    for (i, column) in table.columns.enumerated() {
      header +=
        mapColumns.contains(i)
        ? ["height", "width", "channels"].map { column.key + "_" + $0 }
        : shapeColumns.contains(i) ? [column.key + "_dims"] : [column.key]
    }
    var lines = [header.map(field).joined(separator: ",")]
    for row in table.rows {
      var fields: [String] = []
      for (i, cell) in row.enumerated() {
        if mapColumns.contains(i), case .shape(let s) = cell {
          fields += [String(s.height), String(s.width), String(s.channels)]
        } else if mapColumns.contains(i) {
          fields += ["", "", ""]
        } else {
          fields.append(field(raw(cell)))
        }
      }
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

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
