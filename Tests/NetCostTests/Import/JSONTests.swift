import Testing

@testable import NetCostCore
@testable import NetCostImport

/// The hand-written JSON reader the Keras and `.pt2` importers stand on: numbers (whole ones
/// take a fast path), strings with and without escapes, repeated keys, and where each value is.
@Suite struct JSONTests {
  static func parse(_ text: String) -> JSON? {
    try? JSON.parse(Array(text.utf8)).get()
  }

  /// Text → the number read, or nil where the text is not a number JSON netcost reads.
  static let numbers: [(String, Double?)] = [
    ("0", 0), ("7", 7), ("-12", -12), ("224", 224), ("123456789012345", 123_456_789_012_345),
    // Past 15 digits, and with a fraction or an exponent: the general path (strtod).
    ("1234567890123456", 1_234_567_890_123_456), ("12345678901234567890", 1.2345678901234567e19),
    ("1.5", 1.5), ("1e3", 1000), ("-2.5E-1", -0.25), ("0.001", 0.001), ("007", 7),
    ("-", nil), ("1.2.3", nil), ("1e999", nil), ("--1", nil),
    // What Python's json writes past JSON (`allow_nan`, its default), and reads back.
    ("Infinity", .infinity), ("-Infinity", -.infinity),
  ]

  @Test(arguments: numbers)
  func number(_ text: String, _ expected: Double?) {
    let value = Self.parse("[\(text)]")?.array?.first?.number
    #expect(value == expected, "\(text)")
  }

  /// NaN, as Python's json writes it, is a number (one equal to nothing, itself included).
  @Test func nanIsANumber() throws {
    let nan = try #require(Self.parse("[NaN]")?.array?.first?.number)
    #expect(nan.isNaN)
    #expect(Self.parse("[nan]") == nil && Self.parse("[-NaN]") == nil)
  }

  @Test func negativeZeroKeepsItsSign() throws {
    let zero = try #require(Self.parse("-0")?.number)
    #expect(zero == 0 && zero.sign == .minus)
  }

  @Test func strings() {
    let json = Self.parse(#"{"a": "plain", "b": "caf\u00e9 \"q\" \\ \ud83d\ude00", "a": "last"}"#)
    #expect(json?["a"]?.string == "last")
    #expect(json?["b"]?.string == "café \"q\" \\ 😀")
    #expect(json?["c"] == nil)
    #expect(json?.entries.map { $0.key.string } == ["a", "b", "a"])
  }

  @Test func keysComparedInPlace() throws {
    let json = try #require(Self.parse(#"{"kernel_initializer": null, "filters": 8}"#))
    let keys = json.entries.map(\.key)
    #expect(keys[0].isString("_initializer", orEndingWith: true))
    #expect(!keys[0].isString("_initializer"))
    #expect(keys[1].isString("filters"))
    #expect(!keys[1].isString("filter") && !keys[1].isString("filters_"))
    #expect(!keys[1].isString("lters") && keys[1].isString("lters", orEndingWith: true))
    #expect(json.entries.last?.value.integer == 8)
  }

  @Test func valuesKnowWhereTheyAre() throws {
    let json = try #require(Self.parse("{\n  \"x\": [1,\n 22]\n}"))
    let list = try #require(json["x"])
    #expect(list.range == SourceLocation(line: 2, column: 8)..<SourceLocation(line: 3, column: 5))
  }

  /// Nodes keep byte offsets and lines and columns are counted from the parser's checkpoints
  /// when asked for: every value's range, over long lines, every line break and characters of
  /// several bytes, equals the one counted here from the start of the text.
  @Test func rangesCountedFromCheckpointsMatchCountingFromTheStart() throws {
    // JSON escapes (written as they stand in the file), long text, scalars of 2 and 4 bytes.
    let fillers = [#"\n"#, "é", String(repeating: "ab", count: 300), "😀x", #"\u00e9"#]
    let breaks = ["\n", "\r\n", "\r", " ", ""]
    var text = "["
    var expected: [Range<Int>] = []
    for i in 0..<400 {
      if i > 0 { text += "," + breaks[i % breaks.count] }
      let start = text.utf8.count
      text += i % 3 == 0 ? "\(i)" : "\"\(fillers[i % fillers.count])\""
      expected.append(start..<text.utf8.count)
    }
    text += "]"
    let items = try #require(Self.parse(text)?.array)
    #expect(items.count == expected.count)
    for (item, bytes) in zip(items, expected) {
      #expect(
        item.range == Self.location(
          bytes.lowerBound, in: text)..<Self.location(bytes.upperBound, in: text))
    }
  }

  /// Line and column of a byte offset, counted from the start: lines end at LF, CRLF or CR,
  /// columns count scalars.
  static func location(_ offset: Int, in text: String) -> NetCostCore.SourceLocation {
    let before = String(decoding: Array(text.utf8)[..<offset], as: UTF8.self)
    var line = 1
    var column = 1
    var previous: Unicode.Scalar?
    for scalar in before.unicodeScalars {
      if scalar == "\n" && previous == "\r" {
        // The LF of a CRLF: the line was counted at its CR.
      } else if scalar == "\n" || scalar == "\r" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      previous = scalar
    }
    return SourceLocation(line: line, column: column)
  }

  /// Text → the syntax error's words and the characters it points at (line:column to
  /// line:column), counted from the start of the text when the error is made.
  static let errors: [(String, String, String)] = [
    (#"{"a" 1}"#, "expected ':'", "1:6-1:7"),
    ("[1,\r\n 2 x]", "expected ',' or ']'", "2:4-2:5"),
    (#"{"é": tru}"#, "expected a JSON value", "1:7-1:10"),
    ("[\"a\nb\"]", "a string is not closed before the end of its line", "1:2-1:4"),
    ("[1] x", "unexpected text after the JSON document", "1:5-1:6"),
    ("[1e999]", "not a number", "1:2-1:7"),
    ("[-Inf]", "expected a JSON value", "1:2-1:6"),
    (#"["\u12"]"#, "a '\\u' escape needs four hex digits", "1:7-1:8"),
    ("", "the JSON ends where a value should be", "1:1-1:2"),
    ("{1: 2}", "expected a quoted key", "1:2-1:3"),
    (#"["a\qb"]"#, #"'\q' is not an escape JSON has"#, "1:4-1:6"),
    (
      "[\"a\tb\"]", "a string holds the control character U+0009, which JSON writes as an escape",
      "1:4-1:5"
    ),
    (
      String(repeating: "[", count: 257),
      "the file nests messages, objects or arrays more than 256 deep",
      "1:257-1:258"
    ),
  ]

  /// 256 containers deep is the limit, inclusive.
  @Test func nestingUpTo256() {
    let text = String(repeating: "[", count: 256) + "1" + String(repeating: "]", count: 256)
    #expect(Self.parse(text) != nil)
  }

  /// Escapes as JSON has them; a surrogate without its other half becomes U+FFFD.
  static let escapes: [(String, String)] = [
    (#""AAA\ud800BBB""#, "AAA\u{FFFD}BBB"), (#""\ud800x\udc00""#, "\u{FFFD}x\u{FFFD}"),
    (#""\udc00""#, "\u{FFFD}"), (#""\ud800""#, "\u{FFFD}"), (#""\ud83d\ude00""#, "😀"),
    (#""\ud800\ud83d\ude00""#, "\u{FFFD}😀"), (#""a\/b\"c\\d""#, "a/b\"c\\d"),
    (#""\u00e9\n\t""#, "é\n\t"),
  ]

  @Test(arguments: escapes)
  func escape(_ text: String, _ expected: String) {
    #expect(Self.parse(text)?.string == expected)
  }

  @Test(arguments: errors)
  func syntaxError(_ text: String, _ message: String, _ at: String) {
    guard case .failure(let error) = JSON.parse(Array(text.utf8)) else {
      Issue.record("'\(text)' was read")
      return
    }
    let r = error.range
    let range =
      "\(r.lowerBound.line):\(r.lowerBound.column)-\(r.upperBound.line):\(r.upperBound.column)"
    #expect(error.message == message)
    #expect(range == at)
  }
}
