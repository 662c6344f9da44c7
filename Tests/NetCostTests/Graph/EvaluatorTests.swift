import Testing

@testable import NetCostSpec

/// Expressions as the specs write them, with IEEE double arithmetic as in Python (Keras).
@Suite struct EvaluatorTests {
  static let cases: [(String, Double)] = [
    ("64 * alpha", 48),
    ("int(1024 * alpha)", 768),
    ("int(32 * 0.3)", 9),
    ("int(-2.5)", -2),
    ("floor(-2.5)", -3),
    ("ceil(2.1)", 3),
    ("round(2.5)", 3),
    ("round(-2.5)", -3),
    ("min(3, 4) + max(3, 4)", 7),
    ("make_divisible(32 * 0.75, 8)", 24),
    ("make_divisible(16 * 0.35, 8)", 8),
    ("make_divisible(100, 8)", 104),
    ("make_divisible(10, 8)", 16),
    ("1 + 2 * 3 - 4 / 2", 5),
    ("-(2 + 3) * 2", -10),
    ("1e3", 1000),
    ("choose(2, 48, 116, 176)", 116),
    ("1 < 2 and 2 <= 2", 1),
    ("alpha == 0.75 or 0", 1),
    ("3 != 3 or 1 > 2", 0),
    ("(2 > 1) * 5", 5),
    ("choose(2 * 0.5, 7, 9)", 7),
  ]

  @Test(arguments: cases)
  func evaluates(_ text: String, _ expected: Double) throws {
    let tokens = Lexer.tokenize(text).tokens
    var parser = Parser(tokens: tokens)
    let expr = try parser.parseExpression()
    #expect(try Evaluator(bindings: Bindings(globals: ["alpha": 0.75])).evaluate(expr) == expected)
  }

  static let errors: [(String, String)] = [
    ("1 / (alpha - 0.75)", "division by zero"),
    ("beta * 2", "unknown name 'beta'"),
    ("sqrt(4)", "unknown function 'sqrt'"),
    ("int(1, 2)", "'int' takes 1 argument, got 2"),
    ("choose(4, 1, 2, 3)", "'choose' picks a whole number from 1 to 3, got 4"),
    ("choose(1)", "'choose' takes 2 or more arguments, got 1"),
    (
      "make_divisible(10, 0)",
      "the divisor of 'make_divisible' must be a whole number of at least 1"
    ),
    ("1e300 * 1e300", "the value is too large to count with"),
  ]

  @Test(arguments: errors)
  func reportsErrors(_ text: String, _ message: String) throws {
    var parser = Parser(tokens: Lexer.tokenize(text).tokens)
    let expr = try parser.parseExpression()
    do {
      _ = try Evaluator(bindings: Bindings(globals: ["alpha": 0.75])).evaluate(expr)
      Issue.record("expected an error for \(text)")
    } catch {
      #expect(error.diagnostic.message == message)
    }
  }
}
