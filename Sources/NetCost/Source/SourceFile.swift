/// A spec's text and the name it is reported under (a path, or `<builtin>/mobilenet.netspec`).
///
/// The library never reads files: the CLI hands it `SourceFile` values.
public struct SourceFile: Sendable, Hashable {
  public var name: String
  public var text: String
  /// The text split at line breaks, kept so diagnostics can quote a line without re-scanning.
  public let lines: [Substring]

  /// A binary file (an ONNX model) stands for itself: its diagnostics name the file, and say in
  /// their message where in the model the problem is, with no line to quote.
  public static func binary(name: String) -> SourceFile {
    var file = SourceFile(name: name, text: "")
    file.isBinary = true
    return file
  }

  public private(set) var isBinary = false

  /// A leading byte-order mark is dropped; lines end at LF, CRLF or a lone CR, as the lexer's do.
  public init(name: String, text: String) {
    self.name = name
    let text =
      text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    self.text = text
    var lines: [Substring] = []
    let scalars = text.unicodeScalars
    var start = scalars.startIndex
    var i = start
    while i < scalars.endIndex {
      let scalar = scalars[i]
      guard scalar == "\n" || scalar == "\r" else {
        i = scalars.index(after: i)
        continue
      }
      lines.append(Substring(scalars[start..<i]))
      i = scalars.index(after: i)
      if scalar == "\r", i < scalars.endIndex, scalars[i] == "\n" { i = scalars.index(after: i) }
      start = i
    }
    lines.append(Substring(scalars[start..<scalars.endIndex]))
    self.lines = lines
  }

  /// The text of 1-based line `number`, or nil past the end.
  public func line(_ number: Int) -> Substring? {
    number >= 1 && number <= lines.count ? lines[number - 1] : nil
  }
}
