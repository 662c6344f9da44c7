import NetCost
import Testing

/// What a hostile spec's text does to the rendered diagnostics (issue 10, items 4, 14–16): line
/// ends from other systems, control characters, wide characters, carets past a window, huge names,
/// and a flood of errors. Whole rendered text, colour off.
@Suite struct HostileTextRenderingTests {
  static func rendered(_ text: String, name: String = "net.netspec") -> String {
    let source = SourceFile(name: name, text: text)
    return DiagnosticRenderer().render(Pipeline.analyze(source).diagnostics, in: source)
  }

  static let expectedStrid = """
    net.netspec:2:31: error: unknown key 'strid' in 'conv'
      |
    2 | conv filters = 4, kernel = 1, strid = 2
      |                               ^^^^^
      = help: did you mean 'stride'?

    """

  /// CRLF and lone CR end lines as LF does (the snippet and caret were lost), and a leading
  /// byte-order mark is no "unexpected character".
  @Test(arguments: ["\r\n", "\r", "\n"])
  func lineEnds(_ end: String) {
    let text = "input 8 x 8 x 3" + end + "conv filters = 4, kernel = 1, strid = 2" + end
    #expect(Self.rendered(text) == Self.expectedStrid)
    #expect(Self.rendered("\u{FEFF}" + text) == Self.expectedStrid)
  }

  /// ESC and BEL from a spec are shown escaped, in the headline and the snippet, and the caret
  /// counts the columns of the escape.
  @Test func controlCharactersAreEscaped() {
    let text = Self.rendered("input 8 x 8 x 3\nrelu \u{1B}[31m\u{07}\n")
    #expect(!text.unicodeScalars.contains("\u{1B}") && !text.unicodeScalars.contains("\u{07}"))
    #expect(
      text == """
        net.netspec:2:6: error: unexpected character '\\u{1B}'
          |
        2 | relu \\u{1B}[31m\\u{7}
          |      ^^^^^^

        net.netspec:2:11: error: unexpected character '\\u{7}'
          |
        2 | relu \\u{1B}[31m\\u{7}
          |                ^^^^^

        """)
  }

  /// Carets line up under wide (CJK) characters, which take two columns each.
  @Test func caretsUnderWideCharacters() {
    let text = Self.rendered("input 8 x 8 x 3\n\"深さ\": relu\nrelu from = 深\n")
    #expect(
      text == """
        net.netspec:3:13: error: unexpected character '深'
          |
        3 | relu from = 深
          |             ^^

        """)
  }

  /// An error past the end of a long line still gets its caret, at the end of the window shown.
  @Test func caretPastAWindow() {
    let long = "conv filters = 4, kernel = 1, " + String(repeating: "stride = 1, ", count: 20)
    let text = Self.rendered("input 8 x 8 x 3\n" + long + "padding =")
    let caretLine = text.split(separator: "\n").first { $0.hasPrefix("  | ") && $0.contains("^") }
    #expect(caretLine != nil)
    #expect(text.contains("error: expected a value, found end of file"))
  }

  /// A one-megabyte name makes a one-line headline, its start and end kept.
  @Test func hugeNamesAreShortenedInHeadlines() throws {
    let name = "a" + String(repeating: "b", count: 1_000_000) + "z"
    let text = Self.rendered("input 8 x 8 x 3\n\(name) filters = 4\n")
    let headline = try #require(text.split(separator: "\n").first)
    #expect(headline.count < 200)
    #expect(headline.hasPrefix("net.netspec:2:1: error: unknown layer kind 'abbbb"))
    #expect(headline.hasSuffix("bbbbbbbbbz'"))
  }

  /// A flood of errors shows `Limit.diagnostics` and counts the rest in one line; one line
  /// shows at most `Limit.diagnosticsPerLine`.
  @Test func floodsAreCounted() {
    let lines = (1...500).map { "conv filters = \($0), kernel = 1, strid = 1" }
    let text = Self.rendered("input 8 x 8 x 3\n" + lines.joined(separator: "\n"))
    #expect(text.components(separatedBy: ": error: ").count - 1 == 100)
    #expect(
      text.hasSuffix(
        "\nerror: 400 more errors not shown (netcost shows 3 for a line and 100 in all)\n"))
    let oneLine = Self.rendered(
      "input 8 x 8 x 3\nconv filters = 4, kernel = 1, a = 1, b = 2, c = 3, d = 4, e = 5")
    #expect(oneLine.components(separatedBy: ": error: ").count - 1 == 3)
    #expect(
      oneLine.hasSuffix(
        "error: 2 more errors not shown (netcost shows 3 for a line and 100 in all)\n"))
  }

  /// Exactly `Limit.diagnostics` errors are all shown, with no closing count.
  @Test func exactlyTheLimitIsShownWhole() {
    let lines = (1...100).map { "conv filters = \($0), kernel = 1, strid = 1" }
    let text = Self.rendered("input 8 x 8 x 3\n" + lines.joined(separator: "\n"))
    #expect(text.components(separatedBy: ": error: ").count - 1 == 100)
    #expect(!text.contains("not shown"))
  }
}
