import NetCostCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension JSON {
  /// RFC 8259 by hand, byte by byte: each value becomes a node in the order written, with its
  /// subtree after it; strings stay where they are in the text unless they hold escapes.
  struct Parser {
    var scanner: TextScanner

    var nodes: [Node] = []
    var unescaped: [UInt8] = []
    var checkpoints = [Checkpoint(offset: 0, line: 1, column: 1)]

    /// Appends the value here and its subtree.
    mutating func value(depth: Int) throws(Diagnostic) {
      guard depth <= Limit.fileNesting.value else {
        throw .overLimit(.fileNesting, at: scanner.here)
      }
      scanner.skipWhitespace()
      let start = scanner.location
      guard let byte = scanner.peek() else {
        throw Diagnostic.importSyntax("the JSON ends where a value should be", at: scanner.here)
      }
      if scanner.offset - Int(checkpoints[checkpoints.count - 1].offset) >= 256 {
        checkpoints.append(
          Checkpoint(
            offset: UInt32(scanner.offset), line: UInt32(start.line),
            column: UInt32(start.column)))
      }
      // Appended now, so that its subtree follows it; filled in once, at its end.
      let at = nodes.count
      var node = Node(
        kind: .null, end: 0, payload: 0, start: UInt32(scanner.offset), finish: 0)
      nodes.append(node)
      switch byte {
      case UInt8(ascii: "{"):
        node.kind = .object
        scanner.advance()
        scanner.skipWhitespace()
        if scanner.peek() == UInt8(ascii: "}") {
          scanner.advance()
        } else {
          repeat {
            scanner.skipWhitespace()
            guard scanner.peek() == UInt8(ascii: "\"") else {
              throw Diagnostic.importSyntax("expected a quoted key", at: scanner.here)
            }
            try self.value(depth: depth + 1)
            scanner.skipWhitespace()
            try expect(":")
            try self.value(depth: depth + 1)
            scanner.skipWhitespace()
          } while try separator(closing: "}")
        }
      case UInt8(ascii: "["):
        node.kind = .array
        scanner.advance()
        scanner.skipWhitespace()
        if scanner.peek() == UInt8(ascii: "]") {
          scanner.advance()
        } else {
          repeat {
            try self.value(depth: depth + 1)
            scanner.skipWhitespace()
          } while try separator(closing: "]")
        }
      case UInt8(ascii: "\""):
        node.kind = .string
        node.payload = try string()
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        node.kind = .number
        node.payload = try number().bitPattern
      default:
        // true, false, null; Python's json also writes NaN and Infinity, which no count can use.
        let offset = scanner.offset
        while let b = scanner.peek(), b.isASCIILetter { scanner.advance() }
        switch scanner.text(from: offset) {
        case "true": node.kind = .yes
        case "false": node.kind = .no
        case "null", "NaN", "Infinity": node.kind = .null
        default:
          throw Diagnostic.importSyntax("expected a JSON value", at: start..<scanner.location)
        }
      }
      node.end = UInt32(nodes.count)
      node.finish = UInt32(scanner.offset)
      nodes[at] = node
    }

    /// After an item: `,` (another follows) or the closing bracket (the end).
    mutating func separator(closing: Unicode.Scalar) throws(Diagnostic) -> Bool {
      if scanner.peek() == UInt8(ascii: ",") {
        scanner.advance()
        return true
      }
      if scanner.peek() == UInt8(ascii: closing) {
        scanner.advance()
        return false
      }
      throw Diagnostic.importSyntax("expected ',' or '\(closing)'", at: scanner.here)
    }

    mutating func expect(_ c: Unicode.Scalar) throws(Diagnostic) {
      guard scanner.peek() == UInt8(ascii: c) else {
        throw Diagnostic.importSyntax("expected '\(c)'", at: scanner.here)
      }
      scanner.advance()
    }

    mutating func number() throws(Diagnostic) -> Double {
      let start = scanner.location
      let offset = scanner.offset
      if let whole = wholeNumber() { return whole }
      while let b = scanner.peek(),
        b.isASCIIDigit || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
          || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
      {
        scanner.advance()
      }
      guard let n = Double(scanner.text(from: offset)), n.isFinite else {
        throw Diagnostic.importSyntax("not a number", at: start..<scanner.location)
      }
      return n
    }

    /// A whole number of up to 15 digits (every size in a model), read exactly without
    /// `strtod`; nil, with nothing consumed, for anything else.
    mutating func wholeNumber() -> Double? {
      let negative = scanner.peek() == UInt8(ascii: "-")
      var length = negative ? 1 : 0
      var value = 0
      while let b = scanner.peek(length), b.isASCIIDigit, length < 16 {
        value = value * 10 + Int(b - UInt8(ascii: "0"))
        length += 1
      }
      let digits = length - (negative ? 1 : 0)
      // A leading zero ("007") or a fraction or exponent after the digits: the slow path
      // reads (or refuses) it as before.
      guard digits >= 1, digits <= 15, digits == 1 || scanner.peek(length - digits) != 0x30
      else { return nil }
      if let next = scanner.peek(length),
        next.isASCIIDigit || next == UInt8(ascii: ".") || next == UInt8(ascii: "e")
          || next == UInt8(ascii: "E") || next == UInt8(ascii: "-") || next == UInt8(ascii: "+")
      {
        return nil
      }
      for _ in 0..<length { scanner.advance() }
      return negative ? -Double(value) : Double(value)
    }

    /// Where the string here is, as `Document.bytes` reads it.
    mutating func string() throws(Diagnostic) -> UInt64 {
      let start = scanner.location
      scanner.advance()
      // Most strings (every key) hold no escape: their bytes in the text are the string.
      let first = scanner.offset
      scanner.skipQuotedText()
      if scanner.peek() == UInt8(ascii: "\"") {
        let length = scanner.offset - first
        scanner.advance()
        return UInt64(first) | UInt64(length) << 32
      }
      var bytes = Array(scanner.bytes[first..<scanner.offset])
      var pendingHigh: UInt32? = nil
      while true {
        guard let byte = scanner.peek(), byte >= 0x20 else {
          throw Diagnostic.importSyntax(
            "a string is not closed before the end of its line", at: start..<scanner.location)
        }
        scanner.advance()
        if byte == UInt8(ascii: "\"") { break }
        guard byte == UInt8(ascii: "\\") else {
          bytes.append(byte)
          continue
        }
        guard let escaped = scanner.peek() else { continue }
        scanner.advance()
        switch escaped {
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "u"):
          var code: UInt32 = 0
          for _ in 0..<4 {
            guard let h = scanner.peek(), let digit = Self.hex(h) else {
              throw Diagnostic.importSyntax(
                "a '\\u' escape needs four hex digits", at: scanner.here)
            }
            scanner.advance()
            code = code * 16 + digit
          }
          // A surrogate pair is one scalar; a lone surrogate becomes U+FFFD.
          if (0xD800...0xDBFF).contains(code) {
            pendingHigh = code
            continue
          }
          if (0xDC00...0xDFFF).contains(code), let high = pendingHigh {
            code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
          }
          let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
          bytes += Array(String(Character(scalar)).utf8)
        default: bytes.append(escaped)
        }
        pendingHigh = nil
      }
      let offset = unescaped.count
      unescaped += bytes
      return UInt64(offset) | UInt64(bytes.count) << 32 | 1 << 63
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
