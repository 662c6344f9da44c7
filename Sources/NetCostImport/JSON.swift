import NetCostCore

/// A JSON document with where each value was written, parsed by hand (RFC 8259) so that an
/// importer's errors can point at the layer at fault, which Foundation's parser cannot.
struct JSON: Sendable {
  // Not `indirect`: the recursion goes through arrays, so a value needs no box of its own (a
  // Keras ResNet50 of 169 KB is 10,205 values).
  enum Value: Sendable {
    case object([(key: String, value: JSON)])
    case array([JSON])
    case string(String)
    case number(Double)
    case boolean(Bool)
    case null
  }
  var value: Value
  var range: SourceRange

  subscript(_ key: String) -> JSON? {
    guard case .object(let members) = value else { return nil }
    return members.last { $0.key == key }?.value
  }

  var string: String? { if case .string(let s) = value { s } else { nil } }
  var number: Double? { if case .number(let n) = value { n } else { nil } }
  var boolean: Bool? { if case .boolean(let b) = value { b } else { nil } }
  var array: [JSON]? { if case .array(let a) = value { a } else { nil } }
  var isNull: Bool { if case .null = value { true } else { false } }
  var isObject: Bool { if case .object = value { true } else { false } }

  /// A whole number of 32 bits: every size and count a Keras model holds is one.
  var integer: Int? {
    guard let n = number, n == n.rounded(), abs(n) <= Double(Int32.max) else { return nil }
    return Int(n)
  }

  /// What the value is, for an error message: `'same'`, `3`, `an object`.
  var described: String {
    switch value {
    case .object: "an object"
    case .array: "a list"
    case .string(let s): "'\(s.prefix(64))'"
    case .number(let n): n.shortDescription
    case .boolean(let b): "\(b)"
    case .null: "null"
    }
  }

  static func parse(_ text: String) -> Result<JSON, Diagnostic> {
    var parser = Parser(scanner: TextScanner(text))
    do throws(Diagnostic) {
      let value = try parser.value(depth: 0)
      parser.scanner.skipWhitespace()
      guard parser.scanner.isAtEnd else {
        throw Diagnostic.importSyntax(
          "unexpected text after the JSON document", at: parser.scanner.here)
      }
      return .success(value)
    } catch {
      return .failure(error)
    }
  }

  private struct Parser {
    var scanner: TextScanner

    mutating func value(depth: Int) throws(Diagnostic) -> JSON {
      guard depth <= Limit.fileNesting.value else {
        throw .overLimit(.fileNesting, at: scanner.here)
      }
      scanner.skipWhitespace()
      let start = scanner.location
      guard let byte = scanner.peek() else {
        throw Diagnostic.importSyntax("the JSON ends where a value should be", at: scanner.here)
      }
      let value: Value
      switch byte {
      case UInt8(ascii: "{"):
        scanner.advance()
        var members: [(key: String, value: JSON)] = []
        scanner.skipWhitespace()
        if scanner.peek() == UInt8(ascii: "}") {
          scanner.advance()
        } else {
          repeat {
            scanner.skipWhitespace()
            guard scanner.peek() == UInt8(ascii: "\"") else {
              throw Diagnostic.importSyntax("expected a quoted key", at: scanner.here)
            }
            let key = try string()
            scanner.skipWhitespace()
            try expect(":")
            members.append((key, try self.value(depth: depth + 1)))
            scanner.skipWhitespace()
          } while try separator(closing: "}")
        }
        value = .object(members)
      case UInt8(ascii: "["):
        scanner.advance()
        var items: [JSON] = []
        scanner.skipWhitespace()
        if scanner.peek() == UInt8(ascii: "]") {
          scanner.advance()
        } else {
          repeat {
            items.append(try self.value(depth: depth + 1))
            scanner.skipWhitespace()
          } while try separator(closing: "]")
        }
        value = .array(items)
      case UInt8(ascii: "\""):
        value = .string(try string())
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        value = .number(try number())
      default:
        // true, false, null; Python's json also writes NaN and Infinity, which no count can use.
        let offset = scanner.offset
        while let b = scanner.peek(), b.isASCIILetter { scanner.advance() }
        switch scanner.text(from: offset) {
        case "true": value = .boolean(true)
        case "false": value = .boolean(false)
        case "null": value = .null
        case "NaN", "Infinity": value = .null
        default:
          throw Diagnostic.importSyntax("expected a JSON value", at: start..<scanner.location)
        }
      }
      return JSON(value: value, range: start..<scanner.location)
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

    mutating func string() throws(Diagnostic) -> String {
      let start = scanner.location
      scanner.advance()
      // Most strings (every key) hold no escape: made from their bytes in place.
      let first = scanner.offset
      while let byte = scanner.peek(), byte >= 0x20, byte != UInt8(ascii: "\""),
        byte != UInt8(ascii: "\\")
      {
        scanner.advance()
      }
      if scanner.peek() == UInt8(ascii: "\"") {
        let text = scanner.text(from: first)
        scanner.advance()
        return text
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
      return String(decoding: bytes, as: UTF8.self)
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
