import NetCostCore

extension JSON {
  /// RFC 8259 by hand, over the text's bytes by offset alone: each value becomes a node in the
  /// order written, with its subtree after it; strings stay where they are in the text unless
  /// they hold escapes. Lines and columns are counted only for an error, and afterwards from the
  /// document's checkpoints: a Keras model is hundreds of kilobytes, and the parse is most of its
  /// import.
  struct Parser {
    /// The text, for the line and column of an error.
    let text: [UInt8]
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    var nodes: [Node] = []
    var unescaped: [UInt8] = []

    init(text: [UInt8], bytes: UnsafeBufferPointer<UInt8>) {
      self.text = text
      self.bytes = bytes
    }

    /// The whole document: one value, and nothing after it but whitespace.
    mutating func document() throws(Diagnostic) {
      // Offsets and lengths are kept in 31 and 32 bits.
      guard bytes.count < Int(Int32.max) else {
        throw error("the JSON is larger than the 2 GiB netcost reads")
      }
      // A value and its separator take two bytes at least: the nodes are reserved at once, so
      // the array is never copied as it grows (its untouched pages cost nothing).
      nodes.reserveCapacity(min(bytes.count / 2 + 1, 1 << 22))
      try value(depth: 0)
      skipWhitespace()
      guard offset == bytes.count else { throw error("unexpected text after the JSON document") }
    }

    /// Appends the value here and its subtree.
    mutating func value(depth: Int) throws(Diagnostic) {
      skipWhitespace()
      guard offset < bytes.count else { throw error("the JSON ends where a value should be") }
      let start = offset
      // Appended now, so that its subtree follows it; filled in once, at its end.
      let at = nodes.count
      var node = Node(kind: .null, end: 0, payload: 0, start: UInt32(start), finish: 0)
      nodes.append(node)
      // A value `depth` containers deep; an object or array here is one more.
      if bytes[offset] == UInt8(ascii: "{") || bytes[offset] == UInt8(ascii: "["),
        depth >= Limit.fileNesting.value
      {
        throw .overLimit(.fileNesting, at: range(offset))
      }
      switch bytes[offset] {
      case UInt8(ascii: "{"):
        node.kind = .object
        try members(depth: depth)
      case UInt8(ascii: "["):
        node.kind = .array
        try elements(depth: depth)
      case UInt8(ascii: "\""):
        node.kind = .string
        node.payload = try string()
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        node.kind = .number
        node.payload = try number().bitPattern
      default:
        (node.kind, node.payload) = try literal()
      }
      node.end = UInt32(nodes.count)
      node.finish = UInt32(offset)
      nodes[at] = node
    }

    /// An object's members, from its `{` to its `}`.
    mutating func members(depth: Int) throws(Diagnostic) {
      if opensEmpty(closing: "}") { return }
      repeat {
        skipWhitespace()
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
        try value(depth: depth + 1)
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else { throw error("expected ':'") }
        offset += 1
        try value(depth: depth + 1)
        skipWhitespace()
      } while try separator(closing: "}")
    }

    /// An array's elements, from its `[` to its `]`.
    mutating func elements(depth: Int) throws(Diagnostic) {
      if opensEmpty(closing: "]") { return }
      repeat {
        try value(depth: depth + 1)
        skipWhitespace()
      } while try separator(closing: "]")
    }

    /// true, false, null, and the numbers Python's json writes beyond JSON and reads back:
    /// NaN, Infinity and -Infinity (its `allow_nan`). They are numbers here as they are to
    /// PyTorch and Keras; whatever needs a size or a finite figure refuses them by value.
    mutating func literal() throws(Diagnostic) -> (Node.Kind, UInt64) {
      let start = offset
      if peek() == UInt8(ascii: "-") { offset += 1 }
      while offset < bytes.count, bytes[offset].isASCIILetter { offset += 1 }
      let word = UnsafeBufferPointer(rebasing: bytes[start..<offset])
      for (text, kind, value) in Self.literals
      where word.count == text.count && word.elementsEqual(text) {
        return (kind, value.bitPattern)
      }
      throw .importSyntax("expected a JSON value", at: location(start)..<location(offset))
    }

    static let literals: [([UInt8], Node.Kind, Double)] = [
      (Array("true".utf8), .yes, 0), (Array("false".utf8), .no, 0),
      (Array("null".utf8), .null, 0), (Array("NaN".utf8), .number, .nan),
      (Array("Infinity".utf8), .number, .infinity),
      (Array("-Infinity".utf8), .number, -.infinity),
    ]

    /// Steps over an object's or array's opening bracket; true, past its closing one too, when
    /// it holds nothing.
    mutating func opensEmpty(closing: Unicode.Scalar) -> Bool {
      offset += 1
      skipWhitespace()
      guard peek() == UInt8(ascii: closing) else { return false }
      offset += 1
      return true
    }

    /// After an item: `,` (another follows) or the closing bracket (the end).
    mutating func separator(closing: Unicode.Scalar) throws(Diagnostic) -> Bool {
      switch peek() {
      case UInt8(ascii: ","):
        offset += 1
        return true
      case UInt8(ascii: closing):
        offset += 1
        return false
      default: throw error("expected ',' or '\(closing)'")
      }
    }

    mutating func number() throws(Diagnostic) -> Double {
      if let whole = wholeNumber() { return whole }
      if offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "I") {
        let (_, value) = try literal()  // -Infinity
        return Double(bitPattern: value)
      }
      let start = offset
      while let b = peek(),
        b.isASCIIDigit || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
          || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
      {
        offset += 1
      }
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
      guard let n = Double(text), n.isFinite else {
        throw .importSyntax("not a number", at: location(start)..<location(offset))
      }
      return n
    }

    /// A whole number of up to 15 digits (every size in a model), read exactly without
    /// `strtod`; nil, with nothing consumed, for anything else.
    mutating func wholeNumber() -> Double? {
      let negative = bytes[offset] == UInt8(ascii: "-")
      var end = offset + (negative ? 1 : 0)
      let first = end
      var value = 0
      while end < bytes.count, bytes[end].isASCIIDigit, end - first < 16 {
        value = value * 10 + Int(bytes[end] - UInt8(ascii: "0"))
        end += 1
      }
      let digits = end - first
      // A leading zero ("007") or a fraction or exponent after the digits: the general path
      // reads (or refuses) it.
      guard digits >= 1, digits <= 15, digits == 1 || bytes[first] != UInt8(ascii: "0") else {
        return nil
      }
      if end < bytes.count {
        let next = bytes[end]
        if next.isASCIIDigit || next == UInt8(ascii: ".") || next == UInt8(ascii: "e")
          || next == UInt8(ascii: "E") || next == UInt8(ascii: "-") || next == UInt8(ascii: "+")
        {
          return nil
        }
      }
      offset = end
      return negative ? -Double(value) : Double(value)
    }

    /// Where the string here is, as `Document.bytes` reads it.
    mutating func string() throws(Diagnostic) -> UInt64 {
      let start = offset
      offset += 1
      // Most strings (every key) hold no escape: their bytes in the text are the string.
      let first = offset
      skipStringText()
      if peek() == UInt8(ascii: "\"") {
        let length = offset - first
        offset += 1
        return UInt64(first) | UInt64(length) << 32
      }
      var decoded = Array(bytes[first..<offset])
      // A high surrogate waiting for its low half; alone, it becomes U+FFFD, as a low one does.
      var pendingHigh: UInt32? = nil
      func settle() {
        if pendingHigh != nil { UTF8.encode("\u{FFFD}") { decoded.append($0) } }
        pendingHigh = nil
      }
      while true {
        guard let byte = peek(), byte != 0x0A, byte != 0x0D else {
          throw .importSyntax(
            "a string is not closed before the end of its line",
            at: location(start)..<location(offset))
        }
        guard byte >= 0x20 else {
          let hex = String(byte, radix: 16, uppercase: true)
          let code = "U+" + String(repeating: "0", count: 4 - hex.count) + hex
          throw error(
            "a string holds the control character \(code), which JSON writes as an escape")
        }
        offset += 1
        if byte == UInt8(ascii: "\"") { break }
        guard byte == UInt8(ascii: "\\") else {
          settle()
          decoded.append(byte)
          continue
        }
        // At the end of the text the next pass says the string is not closed.
        guard let escaped = peek() else { continue }
        offset += 1
        if escaped == UInt8(ascii: "u") {
          var code: UInt32 = 0
          for _ in 0..<4 {
            guard let h = peek(), let digit = Self.hex(h) else {
              throw error("a '\\u' escape needs four hex digits")
            }
            offset += 1
            code = code * 16 + digit
          }
          // A surrogate pair is one scalar.
          if (0xD800...0xDBFF).contains(code) {
            settle()
            pendingHigh = code
            continue
          }
          if (0xDC00...0xDFFF).contains(code) {
            code = pendingHigh.map { 0x10000 + (($0 - 0xD800) << 10) + (code - 0xDC00) } ?? 0xFFFD
            pendingHigh = nil
          }
          settle()
          UTF8.encode(Unicode.Scalar(code) ?? "\u{FFFD}") { decoded.append($0) }
          continue
        }
        settle()
        switch escaped {
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escaped)
        default:
          let shown = TerminalText.escaped(String(decoding: [escaped], as: UTF8.self))
          throw .importSyntax(
            "'\\\(shown)' is not an escape JSON has", at: location(offset - 2)..<location(offset))
        }
      }
      settle()
      let at = unescaped.count
      unescaped += decoded
      return UInt64(at) | UInt64(decoded.count) << 32 | 1 << 63
    }

    static func hex(_ b: UInt8) -> UInt32? {
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
      default: nil
      }
    }
  }
}

extension JSON.Parser {
  func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

  mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x20, 0x09, 0x0A, 0x0D: offset += 1
      default: return
      }
    }
  }

  /// Steps over a string's text up to its closing quote, a backslash or a control byte (a line
  /// break among them). Byte by byte: most strings are keys of a few bytes, for which eight at a
  /// time costs more than it saves.
  mutating func skipStringText() {
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return }
      offset += 1
    }
  }

  /// The line and column of byte `at`, counted from the start: only for an error.
  func location(_ at: Int) -> SourceLocation {
    var scanner = TextScanner(text)
    scanner.advance(to: at)
    return scanner.location
  }

  /// The character at byte `at`, for an error about it.
  func range(_ at: Int) -> SourceRange {
    let start = location(at)
    return start..<SourceLocation(line: start.line, column: start.column + 1)
  }

  func error(_ message: String) -> Diagnostic { .importSyntax(message, at: range(offset)) }
}
