import NetCost
import Testing

/// A `def` called again with the same arguments takes its first result (`FunctionResults`),
/// and everything its evaluation would have done to the budget and the limits: each case fails
/// where the evaluation of every call fails (the places the resolver gave before results were
/// kept), and values follow the arguments and the parameters.
@Suite struct FunctionResultsTests {
  static func lines(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }
  static func nested(_ inner: String, _ n: Int) -> String {
    String(repeating: "floor(", count: n) + inner + String(repeating: ")", count: n)
  }

  /// Each pass takes the steps of `f(1)` (the key reads `i`, so each pass evaluates it): its
  /// argument, its parameter's binding and its body's 800. The budget runs out inside `f`'s
  /// body, in the pass and at the term where evaluating it would: the 350th `x`.
  @Test func aKeptResultSpendsTheStepsOfItsEvaluation() throws {
    let terms = Array(repeating: "x", count: 400).joined(separator: " + ")
    let diagnostics = Run.diagnostics(
      Self.lines([
        "input 8 x 8 x 3", "def f(x) = \(terms)",
        "for i in 1...50000 { maxpool kernel = f(1) - 399 + 0 * i }",
      ]))
    let first = try #require(diagnostics.first)
    #expect(first.message.contains("10000000 steps"))
    #expect(first.range.lowerBound.line == 2)
    #expect(first.range.lowerBound.column == 1408)
  }

  /// `f1(1)` nests 31 calls and fits; from inside `g` the same chain is one call deeper than
  /// the limit of 32, and fails in `f31`'s body, where `f32` is called.
  @Test func aKeptResultMeetsTheLimitOfNestedCalls() throws {
    let chain = (1...32).map { "def f\($0)(x) = " + ($0 < 32 ? "f\($0 + 1)(x)" : "x") }
    let diagnostics = Run.diagnostics(
      Self.lines(
        ["input 8 x 8 x 3"] + chain + [
          "def g(x) = f1(x)", "maxpool kernel = f1(1)", "maxpool kernel = g(1)",
        ]))
    let first = try #require(diagnostics.first)
    #expect(first.message == "function calls are nested more than 32 deep")
    #expect(first.range.lowerBound.line == 32)
    #expect(first.range.lowerBound.column == 14)
  }

  /// `h1(1)` nests 230 levels; called from 40 levels of `floor` it passes the limit of 256,
  /// in `h5`'s body, after passing at 0, 5 and 20.
  @Test func aKeptResultMeetsTheLimitOfNesting() throws {
    let functions = (1...5).map {
      "def h\($0)(x) = " + Self.nested($0 < 5 ? "h\($0 + 1)(x)" : "x", 45)
    }
    let uses = [0, 5, 20, 40].map { "maxpool kernel = " + Self.nested("h1(1)", $0) }
    let diagnostics = Run.diagnostics(Self.lines(["input 8 x 8 x 3"] + functions + uses))
    let first = try #require(diagnostics.first)
    #expect(first.message.contains("nests more than 256 terms deep"))
    #expect(first.range.lowerBound.line == 6)
    #expect(first.range.lowerBound.column == 199)
  }

  /// Results are by arguments and by the parameters' values: `k(2)` and `k(3)` differ, and an
  /// override is seen.
  @Test(arguments: [(nil, [8, 12, 8]), ("5", [20, 30, 20])] as [(String?, [Int])])
  func resultsFollowArgumentsAndParameters(_ a: String?, _ filters: [Int]) throws {
    let text = Self.lines([
      "param a = 2 in [1, 10] \"a\"", "input 8 x 8 x 3", "def k(x) = x * a * 2",
      "conv filters = k(2), kernel = 1", "conv filters = k(3), kernel = 1",
      "conv filters = k(2), kernel = 1",
    ])
    let overrides = a.map { ["a": Double($0) ?? 0] } ?? [:]
    let analysis = try #require(
      Pipeline.analyze(SourceFile(name: "k.netspec", text: text), overrides: overrides).value)
    #expect(analysis.rows.map(\.output.channels) == filters)
  }
}
