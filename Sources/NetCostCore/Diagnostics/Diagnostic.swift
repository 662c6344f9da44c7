/// One problem found in a spec, always with the smallest range that shows it.
///
/// The library collects diagnostics and never prints them; `DiagnosticRenderer` makes text, and only
/// the CLI writes it. Every message is built in its stage's catalogue (the spec language's in
/// `NetCostSpec/Diagnostic+Catalog.swift`; the limits' and a layer's shape errors here, in
/// `Diagnostic+Limits.swift` and `Diagnostic+Layers.swift`). Every diagnostic is an error: netcost
/// has no warnings, because a count it is unsure of is not a count worth printing.
public struct Diagnostic: Hashable, Sendable {
  /// Context for a diagnostic, optionally pointing elsewhere ("'fire2' defined here").
  public struct Note: Hashable, Sendable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
      self.message = message
      self.range = range
    }
  }

  /// What is wrong: lowercase, no final period, names in '…'.
  public var message: String
  public var range: SourceRange
  public var notes: [Note]
  /// How to fix it ("did you mean 'stride'?").
  public var help: String?

  public init(
    _ message: String, at range: SourceRange, notes: [Note] = [], help: String? = nil
  ) {
    self.message = message
    self.range = range
    self.notes = notes
    self.help = help
  }
}

extension Array where Element == Diagnostic {
  /// True when there is any diagnostic; every one is an error and stops the pipeline before
  /// analysis.
  public var hasErrors: Bool { !isEmpty }
}
