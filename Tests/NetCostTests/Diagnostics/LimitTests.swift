import NetCost
import Testing

/// Each limit of `Limit` that a spec can reach in a test's time, at its value (accepted) and one
/// past it (refused, with its message). Limits too large to reach here are tested past their value
/// and at the counter's boundary in `HardeningTests`.
@Suite struct LimitTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var limit: String
    /// The spec at the limit when given the limit's value, one past it when given one more.
    var spec: @Sendable (Int) -> String
    var value: Int
    var message: String
    var testDescription: String { limit }
  }

  static let input = "input 8 x 8 x 3\n"

  static let cases: [Case] = [
    Case(
      limit: "layers", spec: { input + "repeat \($0) { relu }" }, value: Limit.layers.value,
      message: "the spec expands to more than 1000000 layers"),
    Case(
      limit: "passes", spec: { input + "repeat \($0) { }\nrelu" }, value: Limit.passes.value,
      message: "the spec's loops run more than 4000000 passes"),
    Case(
      limit: "layers named by a label",
      spec: { input + "for i in 1...\($0) {\n  \"n{i}\": relu\n}" },
      value: Limit.namedLayers.value, message: "the spec names more than 250000 layers"),
    Case(
      limit: "layers made afresh",
      // n + 1 passes: the first makes the statement's layer, the others make theirs afresh.
      spec: { input + "for i in 0...\($0) { maxpool kernel = 1, stride = i + 1 }" },
      value: Limit.freshLayers.value, message: "the spec makes more than 100000 layers afresh"),
    Case(
      limit: "block calls in all",
      spec: { input + "block b() { repeat 0 { relu } }\nrepeat \($0) { b() }\nrelu" },
      value: Limit.blockCallsInAll.value, message: "the spec makes more than 250000 block calls"),
    Case(
      limit: "block calls nested",
      spec: { depth in
        input + (1..<depth).map { "block b\($0)() { b\($0 + 1)() }\n" }.joined()
          + "block b\(depth)() { relu }\nb1()"
      },
      value: Limit.blockCalls.value, message: "block calls are nested more than 64 deep"),
    Case(
      limit: "inputs read by all layers together",
      spec: { n in
        // n inputs: the relu's one, then merges of a thousand names (and one of the rest).
        let (passes, rest) = ((n - 1) / 1000, (n - 1) % 1000)
        let names = { (count: Int) in Array(repeating: "x", count: count).joined(separator: ", ") }
        return input + "x: relu\nrepeat \(passes) { add from = [\(names(1000))] }\n"
          + (rest >= 2 ? "add from = [\(names(rest))]\n" : "")
      },
      value: Limit.layerInputs.value,
      message: "the spec's layers read more than 4000000 inputs in all"),
    Case(
      limit: "function calls nested",
      spec: { depth in
        "def f1(x) = x\n" + (2...depth).map { "def f\($0)(x) = f\($0 - 1)(x)\n" }.joined()
          + input + "conv filters = f\(depth)(4), kernel = 1"
      },
      value: Limit.functionCalls.value, message: "function calls are nested more than 32 deep"),
    Case(
      limit: "terms in one expression",
      spec: { terms in
        input + "conv filters = " + Array(repeating: "1", count: terms).joined(separator: " + ")
          + ", kernel = 1"
      },
      value: Limit.expressionTerms.value, message: "the expression has more than 1000 terms"),
  ]

  @Test(arguments: cases)
  func atAndPast(_ c: Case) {
    let at = Pipeline.resolve(Pipeline.parse(SourceFile(name: "at.netspec", text: c.spec(c.value))))
    #expect(at.diagnostics.map(\.message) == [])
    #expect(at.value != nil)
    let past = Pipeline.resolve(
      Pipeline.parse(SourceFile(name: "past.netspec", text: c.spec(c.value + 1))))
    #expect(past.diagnostics.map(\.message) == [c.message])
  }

  /// A chain of 5,000 blocks, each calling the next, is refused as one of 65 is: the layer
  /// estimate, made once expansion failed, followed every call and overflowed the stack (the
  /// review of issue 25: signal 11 from 128 KB).
  @Test func aLongChainOfCallsIsRefusedAtTheLimit() {
    let depth = 5_000
    let text =
      Self.input + (1..<depth).map { "block b\($0)() { b\($0 + 1)() }\n" }.joined()
      + "block b\(depth)() { relu }\nb1()"
    let outcome = Pipeline.resolve(Pipeline.parse(SourceFile(name: "chain.netspec", text: text)))
    #expect(outcome.diagnostics.map(\.message) == ["block calls are nested more than 64 deep"])
  }

  /// Exactly `Limit.diagnosticsPerLine` errors on a line are all shown.
  @Test func errorsPerLineAtTheLimit() {
    let source = SourceFile(
      name: "net.netspec", text: Self.input + "conv filters = 4, kernel = 1, a = 1, b = 2, c = 3")
    let text = DiagnosticRenderer().render(Pipeline.analyze(source).diagnostics, in: source)
    #expect(text.components(separatedBy: ": error: ").count - 1 == 3)
    #expect(!text.contains("not shown"))
  }

  /// A spec over the layer limit is refused as if before it expanded, though the estimate is
  /// made once expansion has made many layers or failed: what expansion reported first is
  /// taken back, and the statement that passes the limit is reported alone; one under the limit
  /// that fails keeps its errors.
  @Test(arguments: [
    ("conv filters = 0, kernel = 1\nrepeat 2000000 { relu }", 3, "expands to more than"),
    ("repeat 2000000 { conv filters = 0, kernel = 1 }", 2, "expands to more than"),
    (
      "for i in 1...20000 { relu }\nconv filters = 0, kernel = 1\nrepeat 2000000 { relu }", 4,
      "expands to more than"
    ),
    (
      "for i in 1...20000 { relu }\nconv filters = 0, kernel = 1\nrepeat 20 { relu }", 3,
      "'filters' must be at least 1"
    ),
  ])
  func theLayerLimitIsReportedAlone(_ text: String, line: Int, message: String) {
    let diagnostics = Run.diagnostics(Self.input + text + "\n")
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.message.contains(message) == true)
    #expect(diagnostics.first?.range.lowerBound.line == line)
  }
}
