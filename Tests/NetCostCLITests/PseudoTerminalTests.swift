import Foundation
import Testing

@testable import NetCostCLI

/// `script` from util-linux (Linux; the BSD one on macOS takes other arguments).
private let scriptCommand: String? = {
  #if os(Linux)
    ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }
  #else
    nil
  #endif
}()

/// The built binary on a real pseudo-terminal (issue 26, part 2): the width comes from the
/// terminal itself (`stty cols`, read by `TIOCGWINSZ`, with `COLUMNS` unset), not from a
/// test's `Context`. util-linux's `script` makes the terminal; one `script` per width runs
/// every help page, so the suite costs two processes and a few dozen runs of the binary.
@Suite(.enabled(if: scriptCommand != nil, "util-linux's script is needed"))
struct PseudoTerminalTests {
  static var script: String? { scriptCommand }

  static let pages: [[String]] =
    [["--help"]] + Subcommand.allCases.map { ["help", $0.info.name] }

  /// Each page's text as the terminal showed it, run at `width` columns.
  static func pages(width: Int) throws -> [String] {
    let marker = "@@@ page"
    let commands = pages.map { page in
      "echo '\(marker)'; '\(ProcessTests.binary)' " + page.joined(separator: " ")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(script))
    process.arguments = [
      "-qfc", "stty cols \(width) rows 50; " + commands.joined(separator: "; "), "/dev/null",
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["COLUMNS"] = nil
    environment["LINES"] = nil
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // The terminal ends lines in CR LF; a bold header is an escape sequence, not a column.
    let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
      .replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(
        of: "\u{1B}[0m", with: "")
    return text.components(separatedBy: marker + "\n").dropFirst().map { $0 }
  }

  @Test(arguments: [80, 100])
  func everyHelpPageKeepsTwoColumns(_ width: Int) throws {
    let shown = try Self.pages(width: width)
    try #require(shown.count == Self.pages.count, "\(shown.count) pages of \(Self.pages.count)")
    for (page, text) in zip(Self.pages, shown) {
      #expect(text.hasPrefix("OVERVIEW: "), "\(page): \(text.prefix(80))")
      HelpLayoutTests.expectTwoColumns(text, page: page, width: width)
    }
    // The terminal's width was used: at 80 columns the analyze page's usage breaks where the
    // 100-column one does not.
    let analyze = try #require(Self.pages.firstIndex(of: ["help", "analyze"]))
    #expect(
      shown[analyze].contains("[--resolution <value>]\n       [--input <h>x<w>x<c>]")
        == (width == 80))
  }
}
