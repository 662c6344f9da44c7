import Foundation
import Testing

/// Compares `text` with `Golden/<name>`; `NETCOST_RECORD=1 swift test` rewrites the file instead
/// (torchinfo's `--overwrite`). Review golden diffs like code.
func expectGolden(
  _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let url = Paths.golden.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["NETCOST_RECORD"] == "1" {
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(),
      withIntermediateDirectories: true)
    try? text.write(to: url, atomically: true, encoding: .utf8)
    return
  }
  guard let expected = try? Paths.read(url) else {
    Issue.record(
      "missing golden file \(name); run NETCOST_RECORD=1 swift test", sourceLocation: sourceLocation
    )
    return
  }
  #expect(text == expected, "output differs from Golden/\(name)", sourceLocation: sourceLocation)
}
