import NetCost
import Testing

@testable import NetCost
@testable import NetCostCore
@testable import NetCostSpec

/// Hostile specs (issue 10): each failed before its fix (a crash, a hang, gigabytes, a million
/// diagnostics); each asserts what netcost does now. Their full-size versions, and the time and
/// memory each takes through the release binary, are in `Tests/Fuzz/hostile.py` and
/// docs/fuzzing.md. No test here is timed: the ones that hung before end now because a bound
/// stops them, and the message says which.
@Suite struct HardeningTests {
  static let input = "input 8 x 8 x 3\n"

  static func messages(_ text: String) -> [String] {
    Run.diagnostics(text).map(\.message)
  }

  /// 10,000 `else if` overflowed the stack in the parser and the resolver: a chain is now a
  /// list of clauses, walked without recursion.
  @Test func aLongElseIfChainResolves() throws {
    let clauses = (1..<10_000).map { "else if a == \($0) { conv filters = \($0), kernel = 1 }" }
    let text =
      Self.input + "param a = 9999\nif a == 0 { relu } " + clauses.joined(separator: " ") + "\n"
    let analysis = try Run.analysis(of: SourceFile(name: "chain.netspec", text: text))
    #expect(analysis.rows.map(\.output.channels) == [9999])
    let other = try Run.analysis(of: SourceFile(name: "chain.netspec", text: text), ["a": 17])
    #expect(other.rows.map(\.output.channels) == [17])
  }

  /// `else` after a chain, and a chain in which no condition holds.
  @Test func elseIfFallsThroughToElse() throws {
    let text =
      Self.input
      + "param a = 5\nif a == 1 { relu } else if a == 2 { sigmoid } else { conv filters = 4, kernel = 1 }\n"
      + "if a == 1 { relu } else if a == 2 { sigmoid }\nrelu\n"
    let analysis = try Run.analysis(of: SourceFile(name: "else.netspec", text: text))
    #expect(analysis.rows.map(\.kind) == [.conv])
    #expect(analysis.rows.map(\.folded) == [[.relu]])
  }

  /// Thirty functions each calling the last twice: 2³⁰ calls hung; the work budget stops them.
  @Test func exponentialFunctionsStop() {
    var lines = [Self.input, "def f0(x) = x + 1"]
    lines += (1...30).map { "def f\($0)(x) = f\($0 - 1)(x) + f\($0 - 1)(x)" }
    lines.append("conv filters = f30(1), kernel = 1")
    #expect(
      Self.messages(lines.joined(separator: "\n"))
        == ["the spec takes more than 10000000 steps to expand"])
  }

  /// Blocks that make no layers, each calling the last twice, 40 deep: 2⁴⁰ calls hung.
  @Test func blocksThatMakeNothingStop() {
    var lines = [Self.input, "block b0() { repeat 0 { relu } }"]
    lines += (1...40).map { "block b\($0)() {\n  b\($0 - 1)()\n  b\($0 - 1)()\n}" }
    lines += ["b40()", "relu"]
    #expect(
      Self.messages(lines.joined(separator: "\n"))
        == ["the spec makes more than 250000 block calls"])
  }

  /// Blocks that make layers, 2³⁰ of them: refused before any is made, at the call that makes
  /// them (it took 1.27 GB and 8 s to reach the limit inside the blocks).
  @Test func blocksThatMakeTooManyLayersAreRefusedFirst() throws {
    var lines = [Self.input, "block b0() { relu }"]
    lines += (1...30).map { "block b\($0)() {\n  b\($0 - 1)()\n  b\($0 - 1)()\n}" }
    lines.append("b30()")
    let text = lines.joined(separator: "\n")
    let found = Run.diagnostics(text)
    #expect(found.map(\.message) == ["the spec expands to more than 1000000 layers"])
    let line = try #require(
      text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "b30()"))
    #expect(found.first?.range.lowerBound == SourceLocation(line: line + 1, column: 1))
  }

  /// 100 KB of `}` (176 s before) and 100,000 unusable characters (101 s): a run of either is
  /// one mistake.
  @Test func runsOfStrayCharactersAreOneError() {
    #expect(
      Self.messages(Self.input + String(repeating: "}", count: 100_000) + "\nrelu")
        == ["unexpected '}' here"])
    let found = Self.messages(Self.input + String(repeating: "@", count: 100_000) + "\nrelu")
    #expect(found == ["unexpected characters '" + String(repeating: "@", count: 100_000) + "'"])
  }

  /// A mistake in a loop of a million passes was reported once per pass, with a message that
  /// differs from pass to pass: it is reported once, at its first pass.
  @Test func aLoopErrorIsReportedOnce() {
    let found = Run.diagnostics(
      Self.input + "for i in 1...1000 { conv filters = i / 3, kernel = 1 }")
    #expect(found.map(\.message) == ["'filters' must be a whole number, got 0.3333333333333333"])
  }

  /// Each error looked for a "did you mean" among every name it could mean: a thousand
  /// unknown references among 100,000 labelled layers took 33 s, 40,000 unknown kinds among
  /// 20,000 blocks 63 s (`hostile.py`'s `references-among-names`, `unknown-kinds-among-blocks`).
  /// A resolution's comparisons are bounded (`Limit.suggestedNames`): a set larger than what
  /// is left spends the rest, and then no error suggests.
  @Test func didYouMeanComparisonsAreBounded() {
    let budget = Budget(steps: 10, suggestedNames: 5)
    #expect(budget.suggestion(for: "relx", in: ["relu", "tanh"]) == "relu")
    #expect(budget.suggestion(for: "tahn", in: ["relu", "tanh", "conv", "fc"]) == nil)
    #expect(budget.suggestion(for: "relx", in: ["relu"]) == nil)
    let unbounded = Budget(steps: 10)
    #expect(unbounded.suggestion(for: "tahn", in: ["relu", "tanh", "conv", "fc"]) == "tanh")
  }

  /// Through the resolver: an unknown reference among labelled layers, and an unknown kind
  /// among blocks, each with its "did you mean" while the comparisons last.
  @Test func unknownNamesAmongManySuggest() {
    let text =
      Self.input + "for i in 1...2000 { \"n{i}\": relu }\nadd from = [m7, n1]\n"
      + (0..<20).map { "block b\($0)() { relu }" }.joined(separator: "\n") + "\nc7\n"
    let found = Run.diagnostics(text)
    #expect(found.map(\.message) == ["unknown layer 'm7'", "unknown layer kind 'c7'"])
    #expect(found.map(\.help) == ["did you mean 'n7'?", "did you mean 'b7'?"])
  }

  /// A label over `Limit.nameLength` bytes is refused before the name is made; one at the
  /// limit is a name.
  @Test(arguments: [(256, true), (257, false)])
  func layerNameLength(length: Int, accepted: Bool) {
    let label = String(repeating: "n", count: length)
    let found = Self.messages(Self.input + "\(label): relu")
    #expect(found == (accepted ? [] : ["the layer's name is longer than 256 bytes"]))
  }

  /// A block's label counts toward its layers' names.
  @Test func blockPrefixesCountTowardTheName() {
    let label = String(repeating: "b", count: 251)
    let found = Self.messages(
      Self.input + "block blk() {\n  inner: relu\n}\n\(label): blk()")
    #expect(found == ["the layer's name is longer than 256 bytes"])
  }

  /// Layer names that add up past `Limit.nameCharacters` stop the expansion (10.8 GB before):
  /// automatic names in long block prefixes, which no other limit bounds.
  @Test func allNamesTogetherAreBounded() {
    let prefix = String(repeating: "p", count: 240)
    let spec =
      Self.input
      + "block b() { repeat 4 { relu } }\nfor i in 1...70000 {\n  \"\(prefix){i}\": b()\n}"
    #expect(Self.messages(spec) == ["the spec's layer names come to more than 64000000 bytes"])
  }

  /// `input` names the network's input; a layer of that name was silently shadowed.
  @Test func aLayerCannotBeNamedInput() {
    let found = Run.diagnostics(Self.input + "input: relu")
    #expect(found.map(\.message) == ["a layer cannot be named 'input'"])
    #expect(found.first?.help == "choose another name")
  }

  /// 100,000 minus signs are not "braces and parentheses nested too deep".
  @Test func minusSignsAreNamedForWhatTheyAre() {
    let signs = String(repeating: "-", count: 100_000)
    #expect(
      Self.messages(Self.input + "conv filters = \(signs)8, kernel = 1")
        == ["'-' signs are nested more than 64 deep"])
    let parens = String(repeating: "(", count: 100)
    #expect(
      Self.messages(Self.input + "conv filters = \(parens)8, kernel = 1")
        == ["parentheses are nested more than 64 deep"])
  }

  /// Nesting at `Limit.nesting` parses; one more does not.
  @Test(arguments: [(64, true), (65, false)])
  func nestingDepth(depth: Int, accepted: Bool) {
    let text =
      Self.input + String(repeating: "repeat 1 { ", count: depth) + "relu"
      + String(repeating: " }", count: depth)
    #expect(Self.messages(text) == (accepted ? [] : ["braces are nested more than 64 deep"]))
  }

  /// A chain of 999 terms in each of 32 nested functions overflowed the stack: chains are walked
  /// in a loop now, and evaluate.
  @Test func longFunctionBodiesEvaluate() throws {
    var lines = [
      Self.input, "def f0(x) = " + Array(repeating: "x", count: 999).joined(separator: " + "),
    ]
    lines += (1..<32).map {
      "def f\($0)(x) = f\($0 - 1)(x) + "
        + Array(repeating: "x", count: 990).joined(separator: " + ")
    }
    lines.append("conv filters = f31(1) * 0 + 4, kernel = 1")
    let text = lines.joined(separator: "\n")
    #expect(try Run.analysis(of: SourceFile(name: "f.netspec", text: text)).rows.count == 1)
  }

  /// What does recurse (right operands in parentheses, signs, calls) is bounded by
  /// `Limit.evaluationDepth`: five functions nesting 64 deep each pass it.
  @Test func deepEvaluationStops() {
    func body(_ inner: String) -> String {
      String(repeating: "x + (", count: 63) + inner + String(repeating: ")", count: 63)
    }
    var lines = [Self.input, "def f0(x) = " + body("x")]
    lines += (1..<5).map { "def f\($0)(x) = " + body("f\($0 - 1)(x)") }
    lines.append("conv filters = f4(1) * 0 + 4, kernel = 1")
    #expect(
      Self.messages(lines.joined(separator: "\n"))
        == ["the expression nests more than 256 terms deep, counting the functions it calls"])
    lines[lines.count - 1] = "conv filters = f2(1) * 0 + 4, kernel = 1"
    #expect(Self.messages(lines.joined(separator: "\n")) == [])
  }

  /// The budget's boundary: exactly its steps are allowed, the next one is refused.
  @Test func theBudgetAllowsExactlyItsSteps() throws {
    let budget = Budget(steps: 3)
    let range = SourceRange.start
    for _ in 1...3 { try budget.spend(at: range) }
    #expect(!budget.isExhausted)
    #expect(throws: Parser.Failure.self) { try budget.spend(at: range) }
    #expect(budget.isExhausted)
  }

  /// A statement that makes no layers but runs many steps per pass stops at the budget.
  @Test func manyStatementsPerPassStop() {
    let body = (0..<2000).map { "if a == \($0) { relu }" }.joined(separator: "\n")
    let found = Self.messages(Self.input + "param a = -1\nrepeat 100000 {\n\(body)\n}\nrelu")
    #expect(found.prefix(3) == ["the spec takes more than 10000000 steps to expand"])
  }

  /// A sweep whose points times layers pass `Limit.sweepLayers` is refused before any point is
  /// analysed; a small one is not.
  @Test func sweepsAreBoundedByLayersTimesPoints() {
    let spec = Pipeline.parse(
      SourceFile(name: "s.netspec", text: Self.input + "param a = 1\nrepeat 1000 { relu }"))
    let over = Pipeline.sweep(spec, over: [("a", (1...2001).map(Double.init))])
    #expect(over.parameterErrors == [.sweepTooLarge(points: 2001, layers: 1000)])
    #expect(
      over.parameterErrors.first?.message
        == "the sweep would analyse 2001 points of 1000 layers each; it may analyse at most "
        + "2000000 layers in all")
    let small = Pipeline.sweep(spec, over: [("a", [1, 2, 3])])
    #expect(small.value?.points.count == 3)
    // The inputs merges read besides their first count as layers: 2,000 merges of 999 names
    // made a sweep of 100 points take 10 s (the review of issue 25).
    let names = Array(repeating: "x", count: 999).joined(separator: ", ")
    let merges = Pipeline.parse(
      SourceFile(
        name: "m.netspec",
        text: Self.input + "param a = 1\nx: relu\nrepeat 2000 { add from = [\(names)] }"))
    let wide = Pipeline.sweep(merges, over: [("a", [1, 2])])
    #expect(
      wide.parameterErrors.first?.message
        == "the sweep would analyse 2 points of 2001 layers each (and 1,996,000 more for the "
        + "inputs layers read besides their first); it may analyse at most 2000000 layers in all")
    // A layer a pass makes afresh counts four more (`Network.freshLayerWork`): the loop's
    // passes after its first, 999. A million of them took 3.4-4.4 s to analyse once, a million
    // maxpools 1.3 s.
    let fresh = Pipeline.parse(
      SourceFile(
        name: "f.netspec",
        text: Self.input + "param a = 1\nfor i in 1...1000 { maxpool kernel = 1, stride = i }"))
    #expect(Pipeline.sweep(fresh, over: [("a", (1...400).map(Double.init))]).value != nil)
    let afresh = Pipeline.sweep(fresh, over: [("a", (1...401).map(Double.init))])
    #expect(afresh.parameterErrors == [.sweepTooLarge(points: 401, layers: 1000, fresh: 999)])
    #expect(
      afresh.parameterErrors.first?.message
        == "the sweep would analyse 401 points of 1000 layers each (and 3,996 more for the 999 "
        + "layers made afresh); it may analyse at most 2000000 layers in all")
  }
}

/// "Did you mean" is bounded (a 100,000-character name took 18 s; two such names would take
/// hours): a word over `Suggest.maxLength` gets no suggestion, and a candidate whose length alone
/// rules it out is not compared.
@Suite struct SuggestBoundsTests {
  @Test func aVeryLongWordGetsNoSuggestion() {
    let word = String(repeating: "a", count: 100_000)
    #expect(Suggest.closest(to: word, in: [String(repeating: "a", count: 99_999)]) == nil)
  }

  @Test func aWordAtTheLengthLimitStillGetsOne() {
    let word = String(repeating: "a", count: 128)
    #expect(Suggest.closest(to: word, in: [String(repeating: "a", count: 127)]) != nil)
    #expect(Suggest.closest(to: word + "a", in: [word]) == nil)
  }

  @Test func suggestionsAreUnchangedForOrdinaryNames() {
    #expect(Suggest.closest(to: "dwcnv", in: ["dwconv", "conv", "pwconv"]) == "dwconv")
    #expect(Suggest.closest(to: "strid", in: ["stride", "kernel"]) == "stride")
  }
}
