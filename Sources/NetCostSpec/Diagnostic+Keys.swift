import NetCostCore

/// Messages about the values of the keys that tensors of any rank brought: lists of axes and
/// sizes, words from a set, and two keys that say one thing.
extension Diagnostic {
  static func expectedList(_ key: String, of items: String, at range: SourceRange) -> Diagnostic {
    Diagnostic("'\(key)' must be a \(items)", at: range, help: "write it as '[0, 2, 1]'")
  }

  static func listLength(_ key: String, _ count: Int, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "'\(key)' lists \(count) axes; a tensor has 1 to \(Shape.maxRank) (the batch left out)",
      at: range)
  }

  static func expectedWord(_ key: String, _ words: String, at range: SourceRange) -> Diagnostic {
    Diagnostic("'\(key)' must be \(words)", at: range)
  }

  static func conflictingKeys(_ key: String, _ other: String, at range: SourceRange) -> Diagnostic {
    Diagnostic("'\(key)' and '\(other)' say the same thing; give one of them", at: range)
  }

  static func keyNeedsKey(_ key: String, _ other: String, at range: SourceRange) -> Diagnostic {
    Diagnostic("'\(key)' is given only with '\(other)'", at: range)
  }
}
