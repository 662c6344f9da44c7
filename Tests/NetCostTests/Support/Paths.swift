import Foundation

/// Paths into the repository, found from this file so tests run from any directory.
enum Paths {
  static let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let specs = repoRoot.appendingPathComponent("Specs")
  static let docs = repoRoot.appendingPathComponent("docs")
  static let golden = repoRoot.appendingPathComponent("Tests/NetCostTests/Golden")
  static let fixtures = repoRoot.appendingPathComponent("Tests/Fixtures")

  static func read(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
  }
}
