import NetCostCore

/// JSON written as it is made, indented by two spaces a level (or a value on one line, `flat`): objects and arrays are opened and
/// closed, and each key or item says where it goes. What `JSONValue` renders, and what a
/// million rows are written with, never made into values first (issue 25).
struct JSONWriter: ~Copyable {
  var out = TextWriter()
  private var depth = 0
  /// Whether the innermost object or array has nothing in it yet.
  private var empty = true
  /// The depth from which items go on one line (`flat`); none by default.
  private var flatDepth = Int.max

  /// What the last few `recording`s kept, for the writer of an array's items to write again
  /// where an item ends as one of the last few did (a loop's rows, named apart, a block's
  /// rows in turn): for each piece of an array, as each piece has a writer of its own
  /// (`items`).
  private var recordings: [Recorded] = []
  static let recordingsKept = 16

  /// Text a writer wrote, with where in the document it began and what it left open: written
  /// again only at the same place.
  struct Recorded {
    fileprivate var bytes: [UInt8]
    fileprivate var before: (depth: Int, empty: Bool, flatDepth: Int)
    fileprivate var after: (depth: Int, empty: Bool)
    /// What the text was written for last (a row's index), the writer's to say.
    var item: Int
  }

  /// `body`, written, and kept for `item` where the writer keeps its text; the oldest of
  /// `recordingsKept` is let go.
  mutating func recording(item: Int, _ body: (inout JSONWriter) -> Void) {
    let start = out.position
    let before = (depth, empty, flatDepth)
    body(&self)
    guard let bytes = out.bytes(from: start) else { return }
    if recordings.count == Self.recordingsKept { recordings.removeFirst() }
    recordings.append(Recorded(bytes: bytes, before: before, after: (depth, empty), item: item))
  }

  /// What `recording` kept for `source`, written again for `item` (which it is then kept
  /// for), where the writer is at the place in the document it was written at; false, and
  /// nothing written, where it is not.
  mutating func writeRecorded(of source: Int, for item: Int) -> Bool {
    guard let k = recordings.firstIndex(where: { $0.item == source }),
      recordings[k].before == (depth, empty, flatDepth)
    else { return false }
    out.write(bytes: recordings[k].bytes)
    (depth, empty) = recordings[k].after
    recordings[k].item = item
    return true
  }

  mutating func beginObject() { open(0x7B) }
  mutating func endObject() { close(0x7D) }
  mutating func beginArray() { open(0x5B) }
  mutating func endArray() { close(0x5D) }

  /// Before an object's value: the comma, the line break and the quoted key, escaped as text
  /// is (a key from a file or a table). Labelled apart from `key(_:)`, which a literal would
  /// not reach otherwise: Swift gives a literal to a `String` first, and an escaped key costs
  /// some 300 instructions more (a million rows write tens of millions).
  mutating func key(text key: String) {
    item()
    string(key)
    out.write(": " as StaticString)
  }

  /// `key` for one of netcost's own keys, which need no escapes.
  mutating func key(_ key: StaticString) {
    item()
    out.write(jsonKey: key)
  }

  /// A value written on one line, its items after ", " (`{"height": 8, "width": 8}`): a
  /// layer per line keeps a million-row document a readable half of its indented size.
  mutating func flat(_ body: (inout JSONWriter) -> Void) {
    let outer = flatDepth
    flatDepth = min(flatDepth, depth + 1)
    body(&self)
    flatDepth = outer
  }

  /// Before an array's item: the comma and the line break (a space on a flat line).
  mutating func item() {
    if depth >= flatDepth {
      if !empty { out.write(", " as StaticString) }
      empty = false
      return
    }
    if !empty { out.write(byte: 0x2C) }
    out.write(byte: 0x0A)
    out.write(spaces: 2 * depth)
    empty = false
  }

  /// An array of `count` items, each written by `write`: `itemsPerPiece` items a piece, a wave
  /// of pieces side by side on the cores, each into a writer of its own, and the wave's pieces
  /// written out in order once it is done (`Parallel.inOrder`; a million rows).
  mutating func items(
    count: Int, itemsPerPiece: Int = 4096, _ write: @Sendable (Int, inout JSONWriter) -> Void
  ) {
    beginArray()
    let (depth, flatDepth) = (self.depth, self.flatDepth)
    Parallel.inOrder(Parallel.pieces(of: count, size: itemsPerPiece)) { piece in
      var json = JSONWriter()
      (json.depth, json.flatDepth, json.empty) = (depth, flatDepth, piece.lowerBound == 0)
      for i in piece {
        json.item()
        write(i, &json)
        if i == piece.lowerBound { json.out.reserve(items: piece.count, first: json.out.position) }
      }
      return json.out.bytes
    } take: { bytes in
      out.write(piece: bytes)
    }
    if count > 0 { empty = false }
    endArray()
  }

  mutating func integer(_ n: Int) { out.write(n) }

  /// JSON has no infinity or NaN: a figure that is not finite is null, never `inf`.
  mutating func number(_ x: Double) { out.write(x.isFinite ? x.shortDescription : "null") }

  mutating func boolean(_ b: Bool) {
    if b { out.write("true" as StaticString) } else { out.write("false" as StaticString) }
  }

  mutating func null() { out.write("null" as StaticString) }

  mutating func string(_ s: String) {
    // Text without quotes, backslashes or a byte that may start a control or bidirectional
    // character, nearly every name and description ("maxpool 1×1/1"), goes in as it is.
    var s = s
    let plain = s.withUTF8 { bytes in
      for byte in bytes
      where byte == 0x22 || byte == 0x5C || TerminalText.mayStartControl(byte) {
        return false
      }
      out.write(quoted: bytes)
      return true
    }
    if !plain { out.write(Self.quoted(s)) }
  }

  mutating func field(_ key: StaticString, _ n: Int) {
    self.key(key)
    integer(n)
  }

  mutating func field(_ key: StaticString, _ s: String) {
    self.key(key)
    string(s)
  }

  mutating func field(_ key: StaticString, _ value: JSONValue) {
    self.key(key)
    value.write(into: &self)
  }

  mutating func field(text key: String, _ value: JSONValue) {
    self.key(text: key)
    value.write(into: &self)
  }

  private mutating func open(_ bracket: UInt8) {
    out.write(byte: bracket)
    depth += 1
    empty = true
  }

  private mutating func close(_ bracket: UInt8) {
    depth -= 1
    if !empty && depth + 1 < flatDepth {
      out.write(byte: 0x0A)
      out.write(spaces: 2 * depth)
    }
    out.write(byte: bracket)
    empty = false
  }

  /// `s` quoted, with every character JSON or a terminal needs escaped.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      // Every control and bidirectional override as \uXXXX (JSON requires it below 0x20): the
      // value is kept, and a terminal showing the JSON is not steered by it.
      case _ where TerminalText.isControl(scalar):
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

extension TextWriter {
  /// JSON written into this writer.
  mutating func writeJSON(_ body: (inout JSONWriter) -> Void) {
    var json = JSONWriter()
    swap(&json.out, &self)
    body(&json)
    swap(&json.out, &self)
  }
}
