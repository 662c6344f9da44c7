/// A spec's text and the name it is reported under (a path, or `<builtin>/mobilenet.netspec`).
///
/// The library never reads files: the CLI hands it `SourceFile` values.
public struct SourceFile: Sendable, Hashable {
  public var name: String
  public var text: String
  /// The text split at line breaks, kept so diagnostics can quote a line without re-scanning.
  public let lines: [Substring]

  public init(name: String, text: String) {
    self.name = name
    self.text = text
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
  }

  /// The text of 1-based line `number`, or nil past the end.
  public func line(_ number: Int) -> Substring? {
    number >= 1 && number <= lines.count ? lines[number - 1] : nil
  }
}
