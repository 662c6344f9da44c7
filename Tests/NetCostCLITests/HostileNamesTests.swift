import Testing

@testable import NetCostCLI

/// Names from model files reach the terminal escaped (issue 25): a layer named with an escape
/// sequence that sets the terminal's title, a bell and a newline is shown as `\u{1B}]0;…`, in
/// every format, and a newline never breaks a row. JSON keeps the value, as \u escapes.
@Suite struct HostileNamesTests {
  static let model = Array(
    """
    input: "data"
    input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
    layer { name: "r\\033]0;pwned\\007\\nx\\u202e" type: "ReLU" bottom: "data" top: "r" }

    """.utf8)

  static func run(_ arguments: [String]) -> Output {
    ImportCommandTests.run(arguments, extra: ["m.prototxt": model])
  }

  static let shown = #"r\u{1B}]0;pwned\u{7}\u{A}x\u{202E}"#

  @Test(arguments: [
    ["m.prototxt"], ["m.prototxt", "--format", "markdown"], ["m.prototxt", "--format", "csv"],
    ["m.prototxt", "--explain"],
  ])
  func escapedInEveryTextFormat(_ arguments: [String]) {
    let out = Self.run(arguments)
    #expect(out.exitCode == .success)
    #expect(
      !out.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{202E}" })
    // Markdown writes each backslash as `\\`, which a page shows as one.
    let markdown = arguments.contains("markdown")
    #expect(
      out.stdout.contains(
        markdown ? Self.shown.replacingOccurrences(of: "\\", with: "\\\\") : Self.shown))
  }

  /// What was typed, quoted back in a usage error, is escaped too (a review's find).
  @Test func typedNamesAreEscapedInUsageErrors() {
    let out = Self.run(["d\u{1B}[2Jir"])
    #expect(out.exitCode == .usage)
    #expect(out.stderr.hasPrefix("error: unknown command or network 'd\\u{1B}[2Jir'"))
  }

  @Test func jsonKeepsTheValueEscaped() {
    let out = Self.run(["m.prototxt", "--format", "json"])
    #expect(out.stdout.contains(#""name": "r\u001b]0;pwned\u0007\nx\u202e""#))
  }
}
