import NetCostCore

/// Protocol Buffers' text format, which Caffe's `.prototxt` files are written in: messages of
/// `name: value` fields and `name { … }` sub-messages, repeated by writing a field again.
/// Parsed by hand into located values; what each field means is the Caffe importer's business.
/// Format: https://protobuf.dev/reference/protobuf/textformat-spec/
struct ProtoMessage: Sendable {
  var fields: [ProtoField]
  var range: SourceRange

  /// Every field named `name`, in order (a repeated field).
  func all(_ name: String) -> [ProtoField] { fields.filter { $0.name.value == name } }
  /// The last field named `name` (a non-repeated field written twice keeps the last value).
  func last(_ name: String) -> ProtoField? { fields.last { $0.name.value == name } }
}

struct ProtoField: Sendable {
  enum Value: Sendable {
    case scalar(ProtoScalar)
    case message(ProtoMessage)
  }
  var name: Located<String>
  var value: Value
  var range: SourceRange

  var scalar: ProtoScalar? { if case .scalar(let s) = value { s } else { nil } }
  var message: ProtoMessage? { if case .message(let m) = value { m } else { nil } }
}

struct ProtoScalar: Sendable {
  enum Kind: Sendable { case string, number, identifier }
  var kind: Kind
  /// A string's contents (escapes decoded), a number or an identifier as written.
  var text: String
  var range: SourceRange
}

enum ProtoText {
  /// The whole text as one message, or the first syntax error.
  static func parse(_ text: [UInt8]) -> Result<ProtoMessage, Diagnostic> {
    var parser = Parser(scanner: TextScanner(text))
    do throws(Diagnostic) {
      let start = parser.scanner.location
      let fields = try parser.fields(until: nil, depth: 0)
      return .success(ProtoMessage(fields: fields, range: start..<parser.scanner.location))
    } catch {
      return .failure(error)
    }
  }

  private struct Parser {
    var scanner: TextScanner

    /// Skips spaces, `#` comments and the optional `,` or `;` after a field.
    mutating func skipTrivia() {
      while true {
        scanner.skipWhitespace()
        guard scanner.peek() == UInt8(ascii: "#") else { return }
        while let byte = scanner.peek(), byte != 0x0A, byte != 0x0D { scanner.advance() }
      }
    }

    mutating func fields(until close: UInt8?, depth: Int) throws(Diagnostic) -> [ProtoField] {
      guard depth <= Limit.fileNesting.value else {
        throw .overLimit(.fileNesting, at: scanner.here)
      }
      var fields: [ProtoField] = []
      while true {
        skipTrivia()
        guard let byte = scanner.peek() else {
          if let close {
            throw Diagnostic.importSyntax(
              "the file ends inside a message", at: scanner.here,
              help: "a '\(Character(Unicode.Scalar(close)))' is missing")
          }
          return fields
        }
        if byte == close {
          scanner.advance()
          return fields
        }
        fields.append(try field(depth: depth))
        skipTrivia()
        if scanner.peek() == UInt8(ascii: ",") || scanner.peek() == UInt8(ascii: ";") {
          scanner.advance()
        }
      }
    }

    mutating func field(depth: Int) throws(Diagnostic) -> ProtoField {
      let start = scanner.location
      guard let name = identifier() else {
        throw Diagnostic.importSyntax(
          "expected a field name, found \(describeHere())", at: scanner.here)
      }
      skipTrivia()
      var sawColon = false
      if scanner.peek() == UInt8(ascii: ":") {
        scanner.advance()
        sawColon = true
        skipTrivia()
      }
      if let open = scanner.peek(), open == UInt8(ascii: "{") || open == UInt8(ascii: "<") {
        let messageStart = scanner.location
        scanner.advance()
        let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ">")
        let fields = try fields(until: close, depth: depth + 1)
        let message = ProtoMessage(fields: fields, range: messageStart..<scanner.location)
        return ProtoField(name: name, value: .message(message), range: start..<scanner.location)
      }
      guard sawColon else {
        throw Diagnostic.importSyntax(
          "expected ':' or '{' after '\(name.value)', found \(describeHere())", at: scanner.here)
      }
      let value = try scalar(after: name.value)
      return ProtoField(name: name, value: .scalar(value), range: start..<scanner.location)
    }

    mutating func identifier() -> Located<String>? {
      guard let first = scanner.peek(), first.isASCIILetter || first == UInt8(ascii: "_") else {
        return nil
      }
      let start = scanner.location
      let offset = scanner.offset
      while let byte = scanner.peek(), byte.isIdentifierByte || byte == UInt8(ascii: ".") {
        scanner.advance()
      }
      return Located(scanner.text(from: offset), at: start..<scanner.location)
    }

    mutating func scalar(after field: String) throws(Diagnostic) -> ProtoScalar {
      let start = scanner.location
      guard let byte = scanner.peek() else {
        throw Diagnostic.importSyntax("the file ends after '\(field):'", at: scanner.here)
      }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        // Adjacent strings are one string, as in C.
        var text = ""
        repeat {
          text += try string()
          skipTrivia()
        } while scanner.peek() == UInt8(ascii: "\"") || scanner.peek() == UInt8(ascii: "'")
        return ProtoScalar(kind: .string, text: text, range: start..<scanner.location)
      }
      if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
        || byte.isASCIIDigit
      {
        let offset = scanner.offset
        scanner.advance()
        while let b = scanner.peek(),
          b.isIdentifierByte || b == UInt8(ascii: ".") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: "-")
        {
          scanner.advance()
        }
        return ProtoScalar(
          kind: .number, text: scanner.text(from: offset), range: start..<scanner.location)
      }
      if let word = identifier() {
        return ProtoScalar(kind: .identifier, text: word.value, range: word.range)
      }
      throw Diagnostic.importSyntax(
        "expected a value for '\(field)', found \(describeHere())", at: scanner.here)
    }

    /// A quoted string with C escapes; a line break inside is an error, as in protobuf.
    mutating func string() throws(Diagnostic) -> String {
      let quote = scanner.peek()
      let start = scanner.location
      scanner.advance()
      var bytes: [UInt8] = []
      while true {
        guard let byte = scanner.peek(), byte != 0x0A, byte != 0x0D else {
          throw Diagnostic.importSyntax(
            "a string is not closed before the end of its line", at: start..<scanner.location)
        }
        scanner.advance()
        if byte == quote { break }
        if byte == UInt8(ascii: "\\"), let escaped = scanner.peek() {
          scanner.advance()
          bytes += try escape(escaped, from: start)
        } else {
          bytes.append(byte)
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes of one escape after its backslash, as protobuf's text format defines them
    /// (C's: `\n`, `\t`, …, octal `\101`, hex `\x41`, `\u00e9`); an unknown one is an error.
    mutating func escape(_ letter: UInt8, from start: SourceLocation) throws(Diagnostic) -> [UInt8]
    {
      let simple: [UInt8: UInt8] = [
        UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
        UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        UInt8(ascii: "v"): 0x0B, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "'"): 0x27,
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "?"): 0x3F,
      ]
      if let byte = simple[letter] { return [byte] }
      let bad = Diagnostic.importSyntax(
        "a string has the escape '\\\(Character(Unicode.Scalar(letter)))', which protobuf's "
          + "text format does not define", at: start..<scanner.location)
      switch letter {
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        // Octal: this digit and up to two more.
        let (value, _) = digits(UInt32(letter - UInt8(ascii: "0")), radix: 8, upTo: 2)
        guard value <= 0xFF else { throw bad }
        return [UInt8(value)]
      case UInt8(ascii: "x"):
        let (value, count) = digits(0, radix: 16, upTo: 2)
        guard count > 0 else { throw bad }
        return [UInt8(value)]
      case UInt8(ascii: "u"), UInt8(ascii: "U"):
        let wanted = letter == UInt8(ascii: "u") ? 4 : 8
        let (value, count) = digits(0, radix: 16, upTo: wanted)
        guard count == wanted, let scalar = Unicode.Scalar(value) else { throw bad }
        return Array(String(Character(scalar)).utf8)
      default: throw bad
      }
    }

    /// Reads up to `limit` digits in `radix` onto `value`: the value and how many were read.
    mutating func digits(_ value: UInt32, radix: UInt32, upTo limit: Int) -> (UInt32, Int) {
      var value = value
      var count = 0
      while count < limit, let byte = scanner.peek(),
        let digit = UInt32(String(Unicode.Scalar(byte)), radix: Int(radix))
      {
        value = value &* radix &+ digit
        count += 1
        scanner.advance()
      }
      return (value, count)
    }

    func describeHere() -> String {
      guard let byte = scanner.peek() else { return "the end of the file" }
      if byte < 0x80, byte >= 0x20 { return "'\(Character(Unicode.Scalar(byte)))'" }
      return byte < 0x80 ? "a control character" : "a non-ASCII character"
    }
  }
}
