/// A position in a spec: 1-based line and column, columns counted in Unicode scalars.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }

  /// One word for both: the resolver looks a statement up by its range once per layer it
  /// makes (a million for the largest spec); a range hashed as four words took 80 more
  /// instructions a lookup (callgrind).
  public func hash(into hasher: inout Hasher) {
    hasher.combine(line &<< 32 ^ column)
  }

  public var description: String { "\(line):\(column)" }
}

/// The span a token, a name or a value was written at; the upper bound is one past its end.
public typealias SourceRange = Range<SourceLocation>

extension Range where Bound == SourceLocation {
  /// The first character of a file: where problems with the whole file are shown.
  package static var start: SourceRange {
    SourceLocation(line: 1, column: 1)..<SourceLocation(line: 1, column: 2)
  }

  /// The smallest range covering both.
  package func joined(with other: SourceRange) -> SourceRange {
    Swift.min(lowerBound, other.lowerBound)..<Swift.max(upperBound, other.upperBound)
  }
}
