import Foundation
import Testing

@testable import NetCostCLI

/// Issue 11, item 1: one rule for "params" everywhere. No column is titled "params" alone: each
/// says `params (all)` or `params (paper)`; the counting line with each table defines exactly the
/// counts it shows and no other; JSON carries every count under its own key, and each ratio names
/// the count it divides.
@Suite struct CountingTests {
  static let commands: [[String]] = [
    ["mobilenet"], ["mobilenet", "--by", "kind"], ["list"],
    ["sweep", "mobilenet", "--alpha", "1,0.5"], ["compare", "vgg16", "mobilenet"],
  ]

  @Test(arguments: commands)
  func everyParamsColumnSaysWhichCount(_ arguments: [String]) throws {
    let output = CLITests.run(arguments + ["--format", "markdown"])
    #expect(output.exitCode == .success)
    let header = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("| ") })
    let titles = header.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    let params = titles.filter { $0.hasPrefix("params") }
    #expect(!params.isEmpty)
    for title in params {
      #expect(title.hasPrefix("params (all)") || title.hasPrefix("params (paper"), "\(title)")
    }
    // The counting line defines the counts the table shows, and no other.
    let counting = try #require(
      output.stdout.split(separator: "\n").first { $0.hasPrefix("counting: ") })
    let all = params.contains { $0.hasPrefix("params (all)") }
    let paper = params.contains { $0.hasPrefix("params (paper") }
    #expect(counting.contains("params (all) are every parameter") == all, "\(arguments)")
    #expect(counting.contains("params (paper) leave batch norm out") == paper, "\(arguments)")
  }

  /// `compare --format json`: every count in the totals, the ratio keyed by the count it divides.
  @Test func comparisonJSONNamesEveryCount() {
    let json = CLITests.run(["compare", "vgg16", "mobilenet", "--format", "json"]).stdout
    for key in [
      "\"params\": 4253864", "\"trainableParams\": 4231976", "\"batchNormParams\": 43776",
      "\"paramsWithoutBatchNorm\": 4210088", "\"paramsWithoutBatchNorm\": 0.0304",
    ] {
      #expect(json.contains(key), "\(key)")
    }
  }
}

/// Issue 11, item 5: on a terminal of any width from 40 up, every line of every command fits.
@Suite struct TerminalWidthTests {
  static let commands: [[String]] = [
    ["mobilenet"], ["mobilenet", "--by", "kind"], ["alexnet", "--explain", "conv1"], ["list"],
    ["sweep", "mobilenet", "--alpha", "1,0.75,0.5,0.25"], ["compare", "vgg16", "mobilenet"],
    ["verify", "mobilenet"], ["help", "analyze"],
  ]

  @Test(arguments: [40, 60, 100])
  func everyLineFits(_ width: Int) {
    let context = Context(
      readFile: { _ in .failure(.notFound) }, writeFiles: { _ in .success(()) },
      environment: [:], stderrIsTerminal: false, terminalWidth: width)
    for arguments in Self.commands {
      let output = CLI.run(arguments, context: context)
      #expect(output.exitCode == .success, "\(arguments)")
      let visible = output.stdout.replacingOccurrences(of: "\u{1B}[1m", with: "")
        .replacingOccurrences(of: "\u{1B}[0m", with: "")
      let long = visible.split(separator: "\n").filter { $0.unicodeScalars.count > width }
      #expect(long.isEmpty, "\(arguments) at \(width): \(long.first ?? "")")
    }
  }

  /// The notice names what was left out, and a pipe (no width) shows everything.
  @Test func theNoticeNamesWhatIsNotShown() {
    let narrow = Context(
      readFile: { _ in .failure(.notFound) }, writeFiles: { _ in .success(()) },
      environment: [:], stderrIsTerminal: false, terminalWidth: 60)
    let text = CLI.run(["mobilenet"], context: narrow).stdout
    #expect(
      text.contains(
        "(left out: output, memory KB; a wider terminal or --format\n  csv shows all)"))
    #expect(!CLITests.run(["mobilenet"]).stdout.contains("left out"))
  }
}
