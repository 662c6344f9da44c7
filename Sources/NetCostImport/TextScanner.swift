import NetCostCore

/// Walks UTF-8 text byte by byte, keeping the line and the column (in Unicode scalars, as
/// `SourceLocation` counts them): the shared cursor of the importers' lexers.
struct TextScanner {
  let bytes: [UInt8]
  private(set) var offset = 0
  private var line = 1
  private var column = 1

  init(_ text: String) { bytes = Array(text.utf8) }

  var location: SourceLocation { SourceLocation(line: line, column: column) }
  var isAtEnd: Bool { offset >= bytes.count }

  func peek(_ ahead: Int = 0) -> UInt8? {
    offset + ahead < bytes.count ? bytes[offset + ahead] : nil
  }

  /// Lines end at LF, CRLF or a lone CR, as `SourceFile` splits them; a column is a scalar, so
  /// UTF-8 continuation bytes do not move it.
  mutating func advance() {
    let byte = bytes[offset]
    offset += 1
    if byte == 0x0A || (byte == 0x0D && peek() != 0x0A) {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      column += 1
    }
  }

  /// The text from byte `start` to here.
  func text(from start: Int) -> String {
    bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<offset]), as: UTF8.self)
    }
  }

  /// Steps over the bytes before the first that `stops`, which must stop at every line break:
  /// the column is counted once for the run (a JSON file is mostly such runs, in its strings).
  mutating func skip(until stops: (UInt8) -> Bool) {
    let start = offset
    var scalars = 0
    bytes.withUnsafeBufferPointer { buffer in
      while offset < buffer.count, !stops(buffer[offset]) {
        if buffer[offset] & 0xC0 != 0x80 { scalars += 1 }
        offset += 1
      }
    }
    assert(!bytes[start..<offset].contains { $0 == 0x0A || $0 == 0x0D })
    column += scalars
  }

  mutating func skipWhitespace() {
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == 0x20 || byte == 0x09 {
        offset += 1
        column += 1
      } else if byte == 0x0A || byte == 0x0D {
        advance()
      } else {
        return
      }
    }
  }

  /// Steps over a quoted string's text up to its closing quote, a backslash or a control byte
  /// (a line break among them), eight plain ASCII bytes at a time: a JSON file is mostly such
  /// text.
  mutating func skipQuotedText() {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    bytes.withUnsafeBytes { raw in
      while offset + 8 <= raw.count {
        let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        // A zero byte in `quote` or `backslash`, a byte under 0x20, or one of UTF-8's upper half.
        let stops =
          (quote &- ones) & ~quote | (backslash &- ones) & ~backslash
          | (word &- ones &* 0x20) & ~word | word
        if stops & highs != 0 { break }
        offset += 8
        column += 8
      }
    }
    skip { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
  }

  /// The range of one character here, for an error about it.
  var here: SourceRange {
    location..<SourceLocation(line: location.line, column: location.column + 1)
  }
}

extension UInt8 {
  var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
  var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
  var isIdentifierByte: Bool { isASCIILetter || isASCIIDigit || self == 0x5F }
}
