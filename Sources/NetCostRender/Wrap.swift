extension String {
  /// The text broken at spaces into lines of at most `width` columns, continuation lines
  /// indented by `indent`; a word wider than a line is cut where the line ends. Columns are
  /// Unicode scalars, as everywhere netcost lays out text; runs of spaces become one, except
  /// those that begin the text, which stay on its first line. A sign stays with its number and
  /// a percent sign with its figure (`+ batch norm 53,120 (0.00 %)`).
  public func wrapped(to width: Int, indent: String = "  ") -> [String] {
    let width = Swift.max(width, indent.count + 8)
    var lines: [String] = []
    var line = String(prefix { $0 == " " })
    var used = line.count
    var fresh = true  // Nothing on the line yet but its indent.
    func newLine() {
      lines.append(line)
      line = indent
      used = indent.count
      fresh = true
    }
    for word in Self.words(self) {
      // What is left of the word, a slice of it, and its length, counted once: a word of a
      // million scalars cut a line at a time was copied and counted again for each line.
      var rest = word.unicodeScalars[...]
      var length = rest.count
      while length > 0 {
        if used + length + (fresh ? 0 : 1) <= width {
          if !fresh {
            line += " "
            used += 1
          }
          line += String(rest)
          used += length
          fresh = false
          length = 0
        } else if !fresh {
          newLine()
        } else {
          let room = width - used
          let cut = rest.index(rest.startIndex, offsetBy: room)
          line += String(rest[..<cut])
          rest = rest[cut...]
          length -= room
          newLine()
        }
      }
    }
    if !fresh || lines.isEmpty { lines.append(line) }
    return lines
  }

  /// The text's words, a lone sign joined to the word after it and a lone '%' (or '%)') to
  /// the word before it, so that no line ends in a sign nor begins with a percent sign.
  private static func words(_ text: String) -> [String] {
    var words: [String] = []
    var signed = false
    for word in text.split(separator: " ") {
      if signed || word.hasPrefix("%"), let last = words.popLast() {
        words.append(last + " " + word)
      } else {
        words.append(String(word))
      }
      signed = word == "+" || word == "−"
    }
    return words
  }
}
