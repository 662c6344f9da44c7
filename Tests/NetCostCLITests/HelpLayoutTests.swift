import Testing

@testable import NetCostCLI

/// Help at a terminal's width keeps swift-argument-parser's two columns (issue 26): every line
/// fits, a description's continuation lines stay in the description column, and the usage line
/// breaks between bracketed groups, never inside one.
@Suite struct HelpLayoutTests {
  static func help(_ arguments: [String], width: Int) -> String {
    var context = Context(
      readFile: { _ in .failure(.notFound) }, writeFiles: { _ in .success(()) }, environment: [:],
      stderrIsTerminal: false)
    context.helpWidth = width
    return CLI.run(arguments, context: context).stdout
  }

  static let pages: [[String]] =
    [["--help"]] + Subcommand.allCases.map { ["help", $0.info.name] }

  @Test(arguments: [80, 100])
  func everyPageFitsInTwoColumns(_ width: Int) {
    for page in Self.pages {
      Self.expectTwoColumns(Self.help(page, width: width), page: page, width: width)
    }
  }

  /// Every line of a help page fits `width`, and in OPTIONS a line is a flag's first line (two
  /// spaces, then '-') or a continuation indented to the description column.
  static func expectTwoColumns(
    _ text: String, page: [String], width: Int,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for line in lines {
      #expect(
        line.unicodeScalars.count <= width, "\(page) at \(width): \(line)",
        sourceLocation: sourceLocation)
    }
    guard let start = lines.firstIndex(of: "OPTIONS:") else {
      Issue.record("\(page): no OPTIONS", sourceLocation: sourceLocation)
      return
    }
    for line in lines[(start + 1)...].prefix(while: { !$0.isEmpty }) {
      let indent = line.prefix { $0 == " " }.count
      #expect(
        indent == 2 || indent >= 26, "\(page) at \(width): \(line)",
        sourceLocation: sourceLocation)
    }
  }

  @Test func usageBreaksBetweenGroups() {
    let text = Self.help(["help", "analyze"], width: 80)
    #expect(
      text.contains(
        "USAGE: netcost [analyze] <network> [--alpha <value>] [--resolution <value>]\n"
          + "       [--input <h>x<w>x<c>] [--set <name>=<value> ...]"))
  }

  /// Without a width to wrap to the text keeps its own lines (a pipe's width is 80 or
  /// `COLUMNS`, as swift-argument-parser's: HelpThroughPipeTests).
  @Test func noWidthKeepsTheWrittenLines() {
    var context = Context(
      readFile: { _ in .failure(.notFound) }, writeFiles: { _ in .success(()) }, environment: [:],
      stderrIsTerminal: false)
    context.helpWidth = nil
    let text = CLI.run(["help", "analyze"], context: context).stdout
    #expect(text.contains("\nUSAGE: netcost [analyze] <network> [--alpha <value>] [--resolution"))
    #expect(!text.contains("\n       [--input"))
  }
}
