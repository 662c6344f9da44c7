import NetCost
import Testing

@testable import NetCostAnalysis
@testable import NetCostCore
@testable import NetCostImport
@testable import NetCostRender
@testable import NetCostSpec

/// Small files that made work grow with the square of their size, found by an adversarial review
/// of 2026-12-07 (issue 25). Each test pins what the fix changed at a size a test runs in a
/// moment; the full-size inputs, and their times through the release binary, are
/// `Tests/Fuzz/hostile.py`'s classes of the ninth round (docs/fuzzing.md). No test is timed.
@Suite struct SuperlinearWorkTests {
  static let input = "input 8 x 8 x 3\n"

  static func verify(
    _ text: String, reading rows: Int = Limit.checkedRows.value,
    others: (String) -> Analysis? = { _ in nil }
  ) -> Outcome<Verification> {
    Pipeline.verify(
      Pipeline.parse(SourceFile(name: "t.netspec", text: text)), reading: rows, others: others)
  }

  /// A figure that names a row twice, or a block and a row within it, counts each row once:
  /// a figure naming one block of many rows 10,000 times copied its rows each time (40 KB:
  /// 22 GB, then a crash). Here `x`'s two 1×1 convolutions: 2 × 8 × 8 × 4 × 4 MACs, with
  /// their biases' none.
  @Test func aRowSelectedTwiceCountsOnce() throws {
    let text =
      Self.input
      + "block b() {\n  c1: conv filters = 4, kernel = 1\n  c2: conv filters = 4, kernel = 1\n}\n"
      + "x: b()\npublished \"s\" { macs of [\"x\", \"x\", \"x/c1\"] = 1 }\n"
    let check = try #require(Self.verify(text).value?.checks.first)
    #expect(check.computed == Double(8 * 8 * 3 * 4 + 8 * 8 * 4 * 4))
  }

  /// A field's figure reads the last row of the last name it gives, as before rows were
  /// counted once: `blk/c1`'s 3×3 field, not the block's last row (a review of the change).
  @Test func aFieldFigureReadsItsLastNamesRow() throws {
    let text =
      "input 32 x 32 x 3\nblock b(f) {\n  c1: conv filters = f, kernel = 3, padding = 1 -> relu\n"
      + "  c2: conv filters = f, kernel = 3, stride = 2, padding = 1 -> relu\n"
      + "  c3: conv filters = f, kernel = 5, padding = 2\n}\n\"blk\": b(16)\n"
      + "published \"A\" { rf_size of [\"blk\", \"blk/c1\"] = 3 }\n"
    let check = try #require(Self.verify(text).value?.checks.first)
    #expect(check.computed == 3)
  }

  /// A block's label ends at a '/' character, as the resolver reads a reference: a '/' that a
  /// combining mark joins is no end (a review found bytes split there). Here `x` is `x/z`
  /// alone, a 3×3 convolution of the 6×6×4 map before it: 4 × 4 × 4 × 36 MACs.
  @Test func blockLabelsEndAtSlashCharacters() throws {
    let text =
      Self.input + "\"x/\u{301}y\": conv filters = 4, kernel = 3\n"
      + "\"x/z\": conv filters = 4, kernel = 3\npublished \"s\" { macs of \"x\" = 1 }\n"
    let check = try #require(Self.verify(text).value?.checks.first)
    #expect(check.computed == Double(4 * 4 * 4 * 36))
  }

  /// A label reported on one pass is still expanded on the next: an error only a later pass
  /// makes is reported too (a review found it hidden).
  @Test func laterPassesOfALabelReportTheirOwnErrors() {
    let text =
      Self.input + "block bb(i) {\n  conv filters = 4, kernel = 1\n"
      + "  if i == 3 { conv filters = 4, kernel = 1, stride = nope }\n}\n"
      + "for i in 1...3 { \"c\": bb(i) }\n"
    #expect(Run.diagnostics(text).map(\.message).contains("unknown name 'nope'"))
  }

  /// An evaluation's error met again at the same place takes the suggestion made there,
  /// spending no comparisons: a later error elsewhere still has its own (a review found a
  /// loop's repeated error spending them all).
  @Test func aSuggestionAtOnePlaceIsMadeOnce() {
    let budget = Budget(steps: 10, suggestedNames: 6)
    let here = SourceRange.start
    let names = ["relu", "tanh", "conv", "fc"]
    #expect(budget.suggestion(for: "tahn", at: here, in: names) == "tanh")
    #expect(budget.suggestion(for: "tahn", at: here, in: names) == "tanh")
    #expect(budget.suggestion(for: "cnov", in: ["conv"]) == "conv")
  }

  /// The rows figures read are bounded in all (`Limit.checkedRows`, here 12): a figure of the
  /// whole network reads its 10 rows, and a second figure alike is computed once; a figure of
  /// another metric reads them again, past the bound, and is a located error.
  @Test func theRowsFiguresReadAreBounded() {
    let text =
      Self.input + "repeat 10 { maxpool kernel = 1 }\npublished \"s\" {\n  macs = 0\n  macs = 0\n"
      + "  memory = 1 KB\n}\n"
    let outcome = Self.verify(text, reading: 12)
    #expect(
      outcome.diagnostics.map(\.message) == [
        "cannot check 'memory': checking it would read its rows past the 12 rows read to check "
          + "published figures"
      ])
    #expect(outcome.diagnostics.first?.range.lowerBound.line == 6)
    #expect(Self.verify(text, reading: 20).diagnostics.isEmpty)
  }

  /// A network a reduction is measured against is analysed once, however many figures name
  /// it (30,000 figures against maxvit_t analysed it 30,000 times: 76 s).
  @Test func aNetworkComparedWithIsAnalysedOnce() throws {
    var calls = 0
    let other = try Run.analysis("alexnet")
    let text =
      Self.input + "conv filters = 4, kernel = 1\npublished \"s\" {\n"
      + String(repeating: "  macs_reduction vs \"alexnet\" = 1\n", count: 5) + "}\n"
    let outcome = Self.verify(text) { _ in
      calls += 1
      return other
    }
    #expect(outcome.value?.checks.count == 5)
    #expect(calls == 1)
  }

  /// Past 10,000 figures a spec is refused at the first figure over; a network's name or a
  /// figures' source past 1,000 bytes likewise: `verify` prints both on each of its rows
  /// (a name of 900 KB with 2,000 figures printed 1.8 GB).
  @Test func figuresAndRepeatedTextsAreBounded() {
    let many =
      Self.input + "relu\npublished \"s\" {\n"
      + String(repeating: "  macs = 0\n", count: Limit.publishedFigures.value + 1) + "}\n"
    let found = Run.diagnostics(many)
    #expect(found.map(\.message) == ["the spec publishes more than 10000 figures"])
    #expect(found.first?.range.lowerBound.line == 3 + Limit.publishedFigures.value + 1)
    for (text, line) in [
      ("network \"\(String(repeating: "n", count: 1001))\"\n" + Self.input + "relu\n", 1),
      (Self.input + "relu\npublished \"\(String(repeating: "s", count: 1001))\" { macs = 0 }\n", 3),
    ] {
      let found = Run.diagnostics(text)
      #expect(found.map(\.message) == ["the text is longer than 1000 bytes"])
      #expect(found.first?.range.lowerBound.line == line)
    }
    let atLimit = "network \"\(String(repeating: "n", count: 1000))\"\n" + Self.input + "relu\n"
    #expect(Run.diagnostics(atLimit).isEmpty)
  }

  /// A graph of more than `Limit.graphEdges` edges is refused before it is drawn: two ranks of
  /// 2,000 rows each reading all of the first drew 4,000,000 edges (30 s, 1.8 GB). Here 230
  /// edges from the input and 230 × 230 between the ranks.
  @Test func aGraphsEdgesAreBounded() {
    let names = (1...230).map { "a\($0)" }.joined(separator: ", ")
    let text =
      Self.input + "for i in 1...230 { \"a{i}\": relu from = input }\n"
      + "for j in 1...230 { add from = [\(names)] }\n"
    let outcome = Pipeline.graph(Pipeline.parse(SourceFile(name: "t.netspec", text: text)))
    #expect(outcome.value == nil)
    #expect(
      outcome.parameterErrors.map(\.message) == [
        "the graph would have 53,130 edges; it may have at most 50,000 edges in a drawn graph"
      ])
  }

  /// A label past the name length from its parts alone is refused before any is filled in,
  /// and once: 300,000 `{i}` parts on each of 20,000 passes were measured on every pass. A
  /// label whose values fill it past the length is refused too.
  @Test func labelsPastTheNameLengthAreRefusedOnce() {
    let parts = String(repeating: "{i}", count: 300)
    let found = Run.diagnostics(Self.input + "for i in 1...50 { \"\(parts)\": relu }\n")
    #expect(found.map(\.message) == ["the layer's name is longer than 256 bytes"])
    let filled = String(repeating: "{i}", count: 100)
    let long = Run.diagnostics(Self.input + "for i in 100...101 { \"\(filled)\": relu }\n")
    #expect(long.map(\.message) == ["the layer's name is longer than 256 bytes"])
  }

  /// Names bound in a scope past the first few are found by name, not looked for past those
  /// bound before (a block of 80,000 parameters took 8.5 s): shadowing, setting again and
  /// taking back work alike either side of that size.
  @Test(arguments: [3, 8, 9, 40])
  func bindingsOfManyNames(count: Int) {
    var bindings = Bindings(globals: ["alpha": 0.5, "a1": -1])
    for i in 0..<count { bindings["a\(i)"] = Double(i) }
    #expect((0..<count).allSatisfy { bindings["a\($0)"] == Double($0) })
    #expect(bindings["alpha"] == 0.5)
    #expect(bindings.local("alpha") == nil)
    bindings["a2"] = 20
    #expect(bindings["a2"] == 20)
    bindings["a0"] = nil
    #expect(bindings["a0"] == nil)
    #expect((1..<count).allSatisfy { bindings["a\($0)"] == ($0 == 2 ? 20 : Double($0)) })
    #expect(bindings.keys.count == count - 1 + 2)
  }

  /// `convert`'s names that one-lining makes alike (`{` written as `(`) take the next free
  /// number, found where the last one stopped: 17,000 such names each tried every number
  /// before (39 s). A name free as written takes no place in the record.
  @Test func namesMadeAlikeTakeTheNextNumber() {
    var used = SpecWriter.UsedNames(taken: ["input", "a_3"])
    let names = ["a", "a", "a", "b", "a"].map { SpecWriter.unique($0, &used) }
    #expect(names == ["a", "a_2", "a_4", "b", "a_5"])
    #expect(used.next == ["a": 6])
  }

  /// A `.pt2` node's output names are made once, with the node: a split into 60,000 outputs
  /// made all of them again for each output it defined (96 s). Set again, they follow.
  @Test func aNodesOutputNamesAreMadeOnce() {
    var node = PT2Program.Node(
      target: "torch.ops.aten.split.Tensor", inputs: [],
      outputs: [.tensors(["a", nil, "b"]), .symInt(.name("s")), .int(3)], modules: [],
      range: .start)
    #expect(node.outputNames == ["a", "", "b", "s"])
    node.outputs = [.tensor("c")]
    #expect(node.outputNames == ["c"])
  }

  /// A word wider than a line is cut where each line ends, its rest a slice of it counted
  /// once: a network named by a word of 100,000 letters took 2.2 s to wrap for a terminal, one
  /// of a million did not end in 120 s. Every line but the last is full, and the lines give
  /// the word back.
  @Test func aLongWordIsCutIntoFullLines() {
    let word = String(repeating: "n", count: 1_000) + "é" + String(repeating: "w", count: 99)
    let lines = ("x " + word).wrapped(to: 80, indent: "  ")
    #expect(lines.first == "x")
    #expect(lines.dropFirst().dropLast().allSatisfy { $0.unicodeScalars.count == 80 })
    #expect(lines.dropFirst().map { $0.dropFirst(2) }.joined() == word)
    #expect(lines.count == 1 + (word.unicodeScalars.count + 77) / 78)
  }

  /// A product of many constants saves none of them for a backward pass (no input takes a
  /// gradient), and a constant beside an input that takes one is saved for its gradient: the
  /// inputs that take one counted once, not looked for past each input (a product of 80,000
  /// constants took 57 s). The ReLU folds into the constant's row and saves its output there
  /// first (768 bytes), so a product of it alone saves nothing new; the figures are those of
  /// the code before the change.
  @Test func productsOfConstantsSaveTheirInputsOnlyForOthersGradients() throws {
    let settings = MemorySettings(batch: 1, dtype: .fp32, policy: .pytorch, optimizer: .sgd)
    func saved(_ from: String) throws -> [Int?] {
      let text =
        Self.input + "c: constant dims = [8, 8, 3]\nx: relu\nmultiply from = [\(from)]\n"
      let spec = Pipeline.parse(SourceFile(name: "t.netspec", text: text))
      let analysis = try #require(Pipeline.analyze(spec, memory: settings).value)
      return analysis.rows.map(\.savedBytes)
    }
    let map = 8 * 8 * 3 * 4
    #expect(try saved((0..<50).map { _ in "c" }.joined(separator: ", ")) == [map, 0])
    #expect(try saved("c, c, x") == [map, map])
    #expect(try saved("x, x") == [map, 0])
  }
}
