import NetCostCore

/// Walks UTF-8 text byte by byte, keeping the line and the column (in Unicode scalars, as
/// `SourceLocation` counts them): the shared cursor of the importers' lexers.
struct TextScanner {
  let bytes: [UInt8]
  private(set) var offset = 0
  private var line = 1
  private var column = 1

  init(_ text: String) { bytes = Array(text.utf8) }

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// A scanner at a place whose line and column are known.
  init(_ bytes: [UInt8], offset: Int, line: Int, column: Int) {
    self.bytes = bytes
    self.offset = offset
    self.line = line
    self.column = column
  }

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

  /// Steps on to byte `target`, eight plain ASCII bytes at a time: a JSON value's line and
  /// column are counted when asked for, from the last place they were known.
  mutating func advance(to target: Int) {
    let end = min(target, bytes.count)
    while offset < end {
      let run = bytes.withUnsafeBytes { ByteWord.printableRun(in: $0, from: offset, to: end) }
      column += run - offset
      offset = run
      if offset < end { advance() }
    }
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
