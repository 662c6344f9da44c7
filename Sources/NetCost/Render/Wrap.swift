extension String {
  /// The text broken at spaces into lines of at most `width` columns, continuation lines
  /// indented by `indent`; a word wider than a line is cut where the line ends. Columns are
  /// Unicode scalars, as everywhere netcost lays out text; runs of spaces become one.
  public func wrapped(to width: Int, indent: String = "  ") -> [String] {
    let width = Swift.max(width, indent.count + 8)
    var lines: [String] = []
    var line = ""
    var used = 0
    var fresh = true  // Nothing on the line yet but its indent.
    func newLine() {
      lines.append(line)
      line = indent
      used = indent.count
      fresh = true
    }
    for word in split(separator: " ") {
      var rest = String(word)
      while !rest.isEmpty {
        let length = rest.unicodeScalars.count
        if used + length + (fresh ? 0 : 1) <= width {
          if !fresh {
            line += " "
            used += 1
          }
          line += rest
          used += length
          fresh = false
          rest = ""
        } else if !fresh {
          newLine()
        } else {
          let room = width - used
          line += String(String.UnicodeScalarView(rest.unicodeScalars.prefix(room)))
          rest = String(String.UnicodeScalarView(rest.unicodeScalars.dropFirst(room)))
          newLine()
        }
      }
    }
    if !fresh || lines.isEmpty { lines.append(line) }
    return lines
  }
}
