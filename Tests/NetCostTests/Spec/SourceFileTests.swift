import Testing

@testable import NetCostCore

/// `SourceFile.line` quotes the lines a diagnostic points at; its index is built eight bytes at
/// a time, so line breaks are placed on each side of those words' edges.
@Suite struct SourceFileTests {
  /// The lines as the lexer counts them: LF, CRLF and a lone CR each end one.
  static func reference(_ text: String) -> [String] {
    var lines: [String] = []
    var current: [UInt8] = []
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
      if bytes[i] == 0x0A || bytes[i] == 0x0D {
        if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
        lines.append(String(decoding: current, as: UTF8.self))
        current = []
      } else {
        current.append(bytes[i])
      }
      i += 1
    }
    lines.append(String(decoding: current, as: UTF8.self))
    return lines
  }

  static let texts: [String] = {
    var texts = ["", "\n", "\r", "\r\n", "a", "input 8x8x3\nrelu", "é×\r\nα\rβ\n"]
    // A break of each kind at every offset across two words, in text longer than a word.
    for offset in 0..<20 {
      for lineBreak in ["\n", "\r", "\r\n", "\n\r", "\r\r\n"] {
        let before = String(repeating: "x", count: offset)
        texts.append(before + lineBreak + "yyyyyyyyyyyyyyyyy" + lineBreak)
      }
    }
    return texts
  }()

  @Test(arguments: texts)
  func linesAsTheLexerEndsThem(_ text: String) {
    let file = SourceFile(name: "t", text: text)
    let expected = Self.reference(text)
    for (number, line) in expected.enumerated() {
      #expect(file.line(number + 1) == line, "line \(number + 1)")
    }
    #expect(file.line(expected.count + 1) == nil)
    #expect(file.line(0) == nil)
  }

  /// A file's bytes → its text, or nil where they are not UTF-8 (the CLI's "not UTF-8 text").
  static let files: [([UInt8], String?)] = [
    (Array("input 224 x 224 x 3\n".utf8), "input 224 x 224 x 3\n"),
    ([0xEF, 0xBB, 0xBF] + Array("relu".utf8), "relu"),  // the byte-order mark is dropped
    (Array("× é 😀".utf8), "× é 😀"),
    ([0x61, 0xFF, 0x62], nil), ([0xC3], nil), ([0xED, 0xA0, 0x80], nil),  // a lone surrogate
    ([0xC0, 0xAF], nil),  // an overlong "/"
    ([], ""),
  ]

  @Test(arguments: files)
  func readFromBytes(_ bytes: [UInt8], _ text: String?) {
    let file = SourceFile(name: "f", utf8: bytes)
    #expect(file?.text == text)
    #expect(file.map { Array($0.utf8) } == text.map { Array($0.utf8) })
  }
}
