import NetCostCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A JSON document with where each value was written, parsed by hand (RFC 8259) so that an
/// importer's errors can point at the layer at fault, which Foundation's parser cannot.
///
/// The document is one flat array of nodes in the order they are written, each value's subtree
/// right after it, and a value is its index there: a Keras ResNet50 of 169 KB is 10,205 values,
/// made and freed as one array, not as 10,205 arrays and strings (a third of an import's time).
/// A string is a range of the text's bytes (or, when it holds escapes, of its decoded bytes),
/// made into a `String` when asked for.
struct JSON: Sendable {
  /// A value as the importers match it, made when asked for.
  enum Value: Sendable {
    case object([(key: String, value: JSON)])
    case array([JSON])
    case string(String)
    case number(Double)
    case boolean(Bool)
    case null
  }

  private let document: Document
  private let index: Int

  /// Every node of a document, the text, and the strings that held escapes, decoded.
  private final class Document: Sendable {
    let nodes: [Node]
    let text: [UInt8]
    let unescaped: [UInt8]

    init(nodes: [Node], text: [UInt8], unescaped: [UInt8]) {
      self.nodes = nodes
      self.text = text
      self.unescaped = unescaped
    }

    func string(_ payload: UInt64) -> String {
      bytes(payload) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether a string is `key` (or ends with it): told by the lengths for most keys of an
    /// object, with no `String` made.
    func string(_ payload: UInt64, is key: String, suffix: Bool = false) -> Bool {
      let length = Int((payload >> 32) & 0x7FFF_FFFF)
      guard suffix ? key.utf8.count <= length : key.utf8.count == length else { return false }
      var key = key
      return key.withUTF8 { key in
        bytes(payload) { text in
          guard let a = key.baseAddress, let b = text.baseAddress else { return true }
          return memcmp(a, b + (length - key.count), key.count) == 0
        }
      }
    }

    /// The value of an object's last member named `key`: importers ask tens of thousands of
    /// times, so the lengths are compared first and the key's bytes fetched once.
    func lastMember(of object: Int, named key: String) -> Int? {
      var key = key
      return key.withUTF8 { key in
        nodes.withUnsafeBufferPointer { nodes in
          var found: Int?
          var child = object + 1
          let end = Int(nodes[object].end)
          while child + 1 < end {
            let payload = nodes[child].payload
            if Int((payload >> 32) & 0x7FFF_FFFF) == key.count,
              bytes(payload, { text in key.elementsEqual(text) })
            {
              found = child + 1
            }
            child = Int(nodes[child + 1].end)
          }
          return found
        }
      }
    }

    /// A string's bytes: `payload` is its offset (low 32 bits), its length (the next 31) and
    /// whether it lies in `unescaped` (the top bit).
    private func bytes<T>(_ payload: UInt64, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
      let offset = Int(payload & 0xFFFF_FFFF)
      let length = Int((payload >> 32) & 0x7FFF_FFFF)
      let source = payload >> 63 == 1 ? unescaped : text
      return source.withUnsafeBufferPointer {
        body(UnsafeBufferPointer(rebasing: $0[offset..<offset + length]))
      }
    }
  }

  /// One value: its kind, where its subtree ends, its number or string, and its place in the
  /// text. An object's subtree is its members, each a key (a string node) and its value.
  private struct Node {
    enum Kind: UInt8 { case object, array, string, number, yes, no, null }
    var kind: Kind
    /// The index just after the value's subtree.
    var end: UInt32
    /// A number's bits, or where a string's bytes are (`Document.bytes`).
    var payload: UInt64
    /// Lines and columns, in 32 bits: a document over 2 GiB is refused.
    var startLine: UInt32, startColumn: UInt32, endLine: UInt32, endColumn: UInt32
  }

  private var node: Node { document.nodes[index] }

  var range: SourceRange {
    let node = node
    return SourceLocation(
      line: Int(node.startLine), column: Int(node.startColumn))..<SourceLocation(
        line: Int(node.endLine), column: Int(node.endColumn))
  }

  var value: Value {
    switch node.kind {
    case .object: .object(members)
    case .array: .array(children)
    case .string: .string(document.string(node.payload))
    case .number: .number(Double(bitPattern: node.payload))
    case .yes: .boolean(true)
    case .no: .boolean(false)
    case .null: .null
    }
  }

  /// The values right under this one, in order (for an object, keys and values alternate).
  private var children: [JSON] {
    var found: [JSON] = []
    var child = index + 1
    while child < Int(node.end) {
      found.append(JSON(document: document, index: child))
      child = Int(document.nodes[child].end)
    }
    return found
  }

  private var members: [(key: String, value: JSON)] {
    let parts = children
    return stride(from: 0, to: parts.count - 1, by: 2).map {
      (parts[$0].string ?? "", parts[$0 + 1])
    }
  }

  /// An object's members in order, keys as string values: matched with `isString` without
  /// making a `String` of each (a Keras model has thousands).
  var entries: [(key: JSON, value: JSON)] {
    guard node.kind == .object else { return [] }
    var found: [(key: JSON, value: JSON)] = []
    var child = index + 1
    while child + 1 < Int(node.end) {
      found.append(
        (JSON(document: document, index: child), JSON(document: document, index: child + 1)))
      child = Int(document.nodes[child + 1].end)
    }
    return found
  }

  /// Whether this is the string `text`, or one ending with it.
  func isString(_ text: String, orEndingWith suffix: Bool = false) -> Bool {
    node.kind == .string && document.string(node.payload, is: text, suffix: suffix)
  }

  /// A member's value; the last one wins when a key is repeated, as in Python's json.
  subscript(_ key: String) -> JSON? {
    guard node.kind == .object else { return nil }
    return document.lastMember(of: index, named: key).map { JSON(document: document, index: $0) }
  }

  var string: String? { node.kind == .string ? document.string(node.payload) : nil }
  var number: Double? { node.kind == .number ? Double(bitPattern: node.payload) : nil }
  var boolean: Bool? { node.kind == .yes ? true : node.kind == .no ? false : nil }
  var array: [JSON]? { node.kind == .array ? children : nil }
  var isNull: Bool { node.kind == .null }
  var isObject: Bool { node.kind == .object }

  /// A whole number of 32 bits: every size and count a Keras model holds is one.
  var integer: Int? {
    guard let n = number, n == n.rounded(), abs(n) <= Double(Int32.max) else { return nil }
    return Int(n)
  }

  /// What the value is, for an error message: `'same'`, `3`, `an object`.
  var described: String {
    switch node.kind {
    case .object: "an object"
    case .array: "a list"
    case .string: "'\(document.string(node.payload).prefix(64))'"
    case .number: Double(bitPattern: node.payload).shortDescription
    case .yes: "true"
    case .no: "false"
    case .null: "null"
    }
  }

  static func parse(_ text: String) -> Result<JSON, Diagnostic> {
    var parser = Parser(scanner: TextScanner(text))
    do throws(Diagnostic) {
      // Offsets, lengths, lines and columns are kept in 31 and 32 bits.
      guard parser.scanner.bytes.count < Int(Int32.max) else {
        throw Diagnostic.importSyntax(
          "the JSON is larger than the 2 GiB netcost reads", at: parser.scanner.here)
      }
      // A value and its separator take two bytes at least: the nodes are reserved at once, so
      // the array is never copied as it grows (its untouched pages cost nothing).
      parser.nodes.reserveCapacity(min(parser.scanner.bytes.count / 2 + 1, 1 << 22))
      try parser.value(depth: 0)
      parser.scanner.skipWhitespace()
      guard parser.scanner.isAtEnd else {
        throw Diagnostic.importSyntax(
          "unexpected text after the JSON document", at: parser.scanner.here)
      }
      let document = Document(
        nodes: parser.nodes, text: parser.scanner.bytes, unescaped: parser.unescaped)
      return .success(JSON(document: document, index: 0))
    } catch {
      return .failure(error)
    }
  }

  private struct Parser {
    var scanner: TextScanner

    var nodes: [Node] = []
    var unescaped: [UInt8] = []

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
      // Appended now, so that its subtree follows it; filled in once, at its end.
      let at = nodes.count
      var node = Node(
        kind: .null, end: 0, payload: 0, startLine: UInt32(start.line),
        startColumn: UInt32(start.column), endLine: 0, endColumn: 0)
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
      let end = scanner.location
      node.end = UInt32(nodes.count)
      node.endLine = UInt32(end.line)
      node.endColumn = UInt32(end.column)
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
