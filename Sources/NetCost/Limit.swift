/// The bounds that keep every spec fast to check: with them the parser, the resolver and the
/// evaluator recurse only so deep and no loop runs unbounded, so no input can make netcost hang or
/// run out of memory. Each is far beyond any real network. docs/diagnostics.md lists them (a test
/// keeps that table and `doc` in agreement); the message for each is in the catalogue.
public enum Limit: CaseIterable, Sendable {
  case layers
  /// Loop passes in all: loops whose bodies make no layers must still end quickly.
  case passes
  case blockCalls
  /// User functions cannot recurse (each sees only those declared before it), but a chain of
  /// calls is still bounded.
  case functionCalls
  /// Braces and parentheses, which the parser recurses into.
  case nesting
  case expressionTerms

  public var value: Int {
    switch self {
    case .layers: 1_000_000
    case .passes: 4_000_000
    case .blockCalls: 64
    case .functionCalls: 32
    case .nesting: 64
    case .expressionTerms: 1000
    }
  }

  /// What is limited, as the docs' table names it.
  public var doc: String {
    switch self {
    case .layers: "layers a spec expands to"
    case .passes: "loop passes in all"
    case .blockCalls: "block calls nested"
    case .functionCalls: "function calls nested"
    case .nesting: "braces and parentheses nested"
    case .expressionTerms: "terms in one expression"
    }
  }
}
