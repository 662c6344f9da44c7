import BuiltinSpecs
import Foundation
import NetCost
import Testing

@testable import NetCostCLI

/// The literature commands end to end.
@Suite struct LiteratureCommandTests {
  static let cases: [CLITests.Case] = [
    .init(
      arguments: ["sweep", "mobilenet"], exitCode: .usage, firstLine: "error: nothing to sweep",
      help: "help: give values with '--alpha', '--resolution' or '--set <name>=<values>'"),
    .init(
      arguments: ["sweep", "mobilenet", "--alpha", "1,x"], exitCode: .usage,
      firstLine: "error: '--alpha' takes a number, got 'x'"),
    .init(
      arguments: ["sweep", "mobilenet", "--alpha", "1,5"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' must be in (0, 4], got 5"),
    .init(
      arguments: ["sweep", "vgg16", "--alpha", "1"], exitCode: .usage,
      firstLine: "error: network 'vgg16' has no parameter 'alpha'"),
    .init(
      arguments: [
        "sweep", "mobilenet", "--alpha",
        Array(repeating: "0.5", count: 1000).joined(separator: ","),
        "--resolution", Array(repeating: "224", count: 1000).joined(separator: ","),
      ], exitCode: .usage,
      firstLine: "error: the sweep has 1000000 points; it may have at most 100000"),
    .init(
      arguments: ["compare", "vgg16"], exitCode: .usage,
      firstLine: "error: compare needs at least two networks, got 1"),
    .init(
      arguments: ["compare", "vgg16", "mobilenet", "--baseline", "mobilnet"], exitCode: .usage,
      firstLine: "error: the baseline 'mobilnet' is not among the networks compared",
      help: "help: did you mean 'mobilenet'?"),
    .init(
      arguments: ["compare", "vgg16", "mobilenet:alpha"], exitCode: .usage,
      firstLine: "error: 'mobilenet' takes <name>=<value>, got 'alpha'"),
    .init(
      arguments: ["compare", "vgg16", "mobilenet:alpha=5"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' must be in (0, 4], got 5"),
    .init(
      arguments: ["verify", "mobilnet"], exitCode: .usage,
      firstLine: "error: no built-in network or file named 'mobilnet'"),
    .init(
      arguments: ["verify", "squeezenet"], exitCode: .success,
      firstLine:
        "network     at  figure                                published       computed  difference  status       source"
    ),
  ]

  @Test(arguments: cases)
  func exitCodesAndMessages(_ c: CLITests.Case) {
    CLITests().exitCodesAndMessages(c)
  }

  /// `netcost compare vgg16 mobilenet googlenet squeezenet alexnet-2012` (issue: one aligned table).
  @Test func compareFiveNetworks() throws {
    let output = CLITests.run([
      "compare", "vgg16", "mobilenet", "googlenet", "squeezenet", "alexnet-2012",
    ])
    #expect(output.exitCode == .success)
    let lines = output.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines[0]
        == "network       params (paper, M)   MACs (M)  memory (MB)  param memory (MB)  params (paper) ratio    MACs ratio"
    )
    #expect(
      lines[3]
        == "mobilenet                  4.21     568.74        19.24              16.23          32.86× fewer  27.20× fewer"
    )
    #expect(lines.prefix(7).allSatisfy { $0.count == lines[0].count })
  }

  /// The efficient networks side by side (issue: one table), MobileNet the baseline.
  @Test func compareEfficientNetworks() {
    let output = CLITests.run([
      "compare", "mobilenet", "mobilenet-v2", "mobilenet-v3-large",
      "shufflenet-v2", "squeezenet", "resnet50",
    ])
    #expect(output.exitCode == .success)
    let lines = output.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines[3]
        == "mobilenet-v2                     3.47    300.77        26.31              13.50           1.21× fewer  1.89× fewer"
    )
    #expect(
      lines[7]
        == "resnet50                        25.50  4,089.18        64.23              97.69            6.06× more   7.19× more"
    )
    #expect(lines.prefix(8).allSatisfy { $0.count == lines[0].count })
  }

  /// `docs/reproductions.md` is the Markdown output of `netcost verify`; regenerate it with
  /// `swift run netcost verify --format markdown > docs/reproductions.md`.
  @Test func reproductionsAreUpToDate() throws {
    let output = CLITests.run(["verify", "--format", "markdown"])
    #expect(output.exitCode == .success)
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/reproductions.md")
    #expect(
      try String(contentsOf: url, encoding: .utf8) == output.stdout,
      "docs/reproductions.md is out of date: swift run netcost verify --format markdown > docs/reproductions.md"
    )
    #expect(output.stdout.contains("unexplained"))
  }

  /// The sweep's JSON has the documented shape, with the published figures of each row.
  @Test func sweepJSON() throws {
    let output = CLITests.run(["sweep", "mobilenet", "--alpha", "1,0.75", "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    #expect(object["network"] as? String == "mobilenet")
    let rows = try #require(object["rows"] as? [[String: Any]])
    #expect(rows.count == 2)
    let totals = try #require(rows[1]["totals"] as? [String: Any])
    #expect(totals["macs"] as? Int == 325_400_448)
    let published = try #require(rows[1]["published"] as? [String: Any])
    let macs = try #require(published["macs"] as? [String: Any])
    #expect(macs["text"] as? String == "325 M")
  }
}
