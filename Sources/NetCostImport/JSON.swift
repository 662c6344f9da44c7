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

  /// Every node of a document, the text, the strings that held escapes, decoded, and where
  /// lines and columns are known.
  private final class Document: Sendable {
    let nodes: [Node]
    let text: [UInt8]
    let unescaped: [UInt8]
    let checkpoints: [Checkpoint]

    init(nodes: [Node], text: [UInt8], unescaped: [UInt8], checkpoints: [Checkpoint]) {
      self.nodes = nodes
      self.text = text
      self.unescaped = unescaped
      self.checkpoints = checkpoints
    }

    /// The line and column of byte `offset`: counted on from the last checkpoint before it,
    /// by the scanner's own rules.
    func location(_ offset: UInt32) -> SourceLocation {
      var low = 0
      var high = checkpoints.count
      while high - low > 1 {
        let middle = (low + high) / 2
        if checkpoints[middle].offset <= offset { low = middle } else { high = middle }
      }
      let known = checkpoints[low]
      var scanner = TextScanner(
        text, offset: Int(known.offset), line: Int(known.line), column: Int(known.column))
      scanner.advance(to: Int(offset))
      return scanner.location
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
          Self.equal(key, UnsafeBufferPointer(rebasing: text[(length - key.count)...]))
        }
      }
    }

    /// Whether two byte runs of one length are equal, by the C library's compare.
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
      guard let x = a.baseAddress, let y = b.baseAddress else { return a.count == b.count }
      return a.count == b.count && memcmp(x, y, a.count) == 0
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
              bytes(payload, { text in Self.equal(key, text) })
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
  /// 24 bytes: a Keras model is tens of thousands of nodes, each page of them a page fault.
  struct Node {
    enum Kind: UInt8 { case object, array, string, number, yes, no, null }
    var kind: Kind
    /// The index just after the value's subtree.
    var end: UInt32
    /// A number's bits, or where a string's bytes are (`Document.bytes`).
    var payload: UInt64
    /// The byte offsets of the value's first byte and of the byte after it, in 32 bits: a
    /// document over 2 GiB is refused. Their lines and columns are counted when asked for.
    var start: UInt32, finish: UInt32
  }

  /// A byte offset whose line and column are known: every 256th byte, counted once after the
  /// parse, so that a value's place is counted from at most 255 bytes before it.
  struct Checkpoint {
    var offset: UInt32, line: UInt32, column: UInt32

    static func every256Bytes(of text: [UInt8]) -> [Checkpoint] {
      var found = [Checkpoint(offset: 0, line: 1, column: 1)]
      var scanner = TextScanner(text)
      while scanner.offset + 256 < text.count {
        scanner.advance(to: scanner.offset + 256)
        let here = scanner.location
        found.append(
          Checkpoint(
            offset: UInt32(scanner.offset), line: UInt32(here.line), column: UInt32(here.column)))
      }
      return found
    }
  }

  private var node: Node { document.nodes[index] }

  var range: SourceRange {
    let node = node
    return document.location(node.start)..<document.location(node.finish)
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
    case .array:
      // A short list of plain values is shown as written (`[null, 224, 0, 3]`).
      if let items = array, items.count <= 8,
        items.allSatisfy({ $0.node.kind != .object && $0.node.kind != .array })
      {
        "[" + items.map(\.described).joined(separator: ", ") + "]"
      } else {
        "a list"
      }
    case .string: "'\(document.string(node.payload).prefix(64))'"
    case .number: Double(bitPattern: node.payload).shortDescription
    case .yes: "true"
    case .no: "false"
    case .null: "null"
    }
  }

  static func parse(_ text: [UInt8]) -> Result<JSON, Diagnostic> {
    text.withUnsafeBufferPointer { bytes in
      var parser = Parser(text: text, bytes: bytes)
      do throws(Diagnostic) {
        try parser.document()
      } catch {
        return .failure(error)
      }
      let document = Document(
        nodes: parser.nodes, text: text, unescaped: parser.unescaped,
        checkpoints: Checkpoint.every256Bytes(of: text))
      return .success(JSON(document: document, index: 0))
    }
  }
}
