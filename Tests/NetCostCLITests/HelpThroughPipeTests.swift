import Foundation
import Testing

@testable import NetCostCLI

/// Help through a pipe or into a file wraps as swift-argument-parser's does: at `COLUMNS`,
/// else at 80 where there is no terminal to ask (`netcost help analyze | less`), keeping its
/// two columns. Tables, by contrast, are cut only for a terminal.
@Suite struct HelpThroughPipeTests {
  /// Every help page through a pipe, with `COLUMNS` set to `columns` or unset.
  static func page(_ page: [String], columns: Int?) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ProcessTests.binary)
    process.arguments = page
    var environment = ProcessInfo.processInfo.environment
    environment["COLUMNS"] = columns.map(String.init)
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test(arguments: [nil, 60, 120] as [Int?])
  func everyPageWrapsAtTheColumnsOr80(_ columns: Int?) throws {
    for page in PseudoTerminalTests.pages {
      let text = try Self.page(page, columns: columns)
      #expect(text.hasPrefix("OVERVIEW: "), "\(page)")
      HelpLayoutTests.expectTwoColumns(text, page: page, width: columns ?? 80)
    }
  }

  /// Narrower than two columns allow, each description goes under its flag: no line is wider.
  @Test(arguments: [40, 45, 52])
  func narrowPagesFit(_ columns: Int) throws {
    for page in PseudoTerminalTests.pages {
      let text = try Self.page(page, columns: columns)
      for line in text.split(separator: "\n") {
        #expect(line.unicodeScalars.count <= columns, "\(page) at \(columns): \(line)")
      }
    }
  }
}
