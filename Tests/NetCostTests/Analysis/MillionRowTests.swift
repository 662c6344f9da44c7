import NetCost
import NetCostCore
import NetCostRender
import Testing

@testable import NetCostAnalysis

/// Issue 25's million-row paths: output written as it is made is the text, and the walks that
/// share work (a loop's passes, every convention at once) give what the plain ones do.
@Suite struct MillionRowTests {
  @Test(arguments: [0, 7, -1, 10, 1_000_000, -123_456_789, Int.max, Int.min])
  func integersAreWrittenAsStringsAre(_ n: Int) {
    var out = TextWriter()
    out.write(n)
    #expect(out.text == String(n))
  }

  /// A writer that hands its buffer on gives, chunk by chunk, what a keeping one holds.
  @Test func handedOnChunksMakeTheWholeText() {
    let lines = (0..<40_000).map { "row \($0) ─ \($0 * 7)" }
    var chunks: [[UInt8]] = []
    var streamed = TextWriter { chunks.append($0) }
    var kept = TextWriter()
    for line in lines {
      streamed.write(line)
      streamed.write(byte: 0x0A)
      kept.write(line)
      kept.write(byte: 0x0A)
    }
    streamed.finish()
    #expect(chunks.count > 1)
    #expect(String(decoding: chunks.joined(), as: UTF8.self) == kept.text)
  }

  /// Every kind of write, across the 64 KB a streaming writer hands on and past the room a
  /// keeping one starts with, gives the text a string made the same way has (TextWriter writes
  /// raw memory: a wrong count or a short growth would show here).
  @Test func everyWriteGivesItsText() {
    var expected = ""
    var chunks: [[UInt8]] = []
    var streamed = TextWriter { chunks.append($0) }
    var kept = TextWriter()
    func both(_ text: String, _ write: (inout TextWriter) -> Void) {
      expected += text
      write(&streamed)
      write(&kept)
    }
    let name = "block.conv_×_\(String(repeating: "é", count: 40))"
    for i in 0..<3_000 {
      let n = [0, 9, 10, -1, Int.max, Int.min, i * 7919][i % 7]
      both(String(n)) { $0.write(n) }
      both("\"macs\": ") { $0.write(jsonKey: "macs") }
      both("\"" + name + "\"") { w in
        var s = name
        s.withUTF8 { w.write(quoted: $0) }
      }
      both(String(repeating: " ", count: i % 97)) { $0.write(spaces: i % 97) }
      both("─") { $0.write(bytes: [0xE2, 0x94, 0x80]) }
      both(name[name.startIndex...].dropFirst(i % 5).description) {
        $0.write(name[name.startIndex...].dropFirst(i % 5))
      }
      both("\n") { $0.write(byte: 0x0A) }
      both(", ") { $0.write(", " as StaticString) }
      // A piece made by another writer: a large one is handed on whole, a small one copied.
      let piece = String(repeating: "piece \(i) ", count: i % 500 == 0 ? 2_000 : 1)
      both(piece) { $0.write(piece: Array(piece.utf8)) }
    }
    both(String(repeating: " ", count: 200_000)) { $0.write(spaces: 200_000) }
    streamed.finish()
    #expect(chunks.count > 2)
    #expect(String(decoding: chunks.joined(), as: UTF8.self) == expected)
    #expect(kept.text == expected)
  }

  /// `conventions` counts every convention in one walk: each gets its own analysis's totals.
  @Test(arguments: ["resnet50", "vit_b_16", "mobilenet-v2", "googlenet", "efficientnet_b0"])
  func oneWalkCountsEachConventionAsItsOwnAnalysis(_ name: String) throws {
    let network = try #require(Pipeline.resolve(try Run.spec(name)).value)
    let together = try #require(
      Pipeline.analyze(network, rows: false, conventions: Convention.allCases).value)
    #expect(together.count == Convention.allCases.count)
    for (convention, analysis) in zip(Convention.allCases, together) {
      let alone = try #require(
        Pipeline.analyze(network, rows: false, convention: convention).value)
      #expect(analysis.convention == convention)
      #expect(analysis.totals == alone.totals, "\(name) \(convention)")
      #expect(analysis.conventionTerms == alone.conventionTerms, "\(name) \(convention)")
    }
  }

  /// A loop over a step of numbers evaluates it once; a step reading a parameter, the same in
  /// every pass, makes the same network.
  @Test func aStepOfNumbersMakesTheLayersItsEvaluationWould() throws {
    let numbers = try Run.analysis(
      of: SourceFile(
        name: "a.netspec",
        text: "input 8 x 8 x 3\nrepeat 300 {\n  conv filters = 4, kernel = 3, padding = 1\n"
          + "  maxpool kernel = 1\n  relu\n}\n"))
    let named = try Run.analysis(
      of: SourceFile(
        name: "b.netspec",
        text: "param k = 1\ninput 8 x 8 x 3\nrepeat 300 {\n"
          + "  conv filters = 4 * k, kernel = 3 * k, padding = k\n"
          + "  maxpool kernel = k\n  relu\n}\n"))
    #expect(numbers.rows.count == 600)  // conv + relu, and maxpool: two rows a pass
    #expect(numbers.rows == named.rows)
    #expect(numbers.totals == named.totals)
  }

  /// Steps met again with other local values (loop variables, block arguments, one shadowing
  /// another; more values than a step keeps, and more passes that find none than it tries)
  /// make the layers the same spec written out pass by pass, where no step is met twice, makes.
  @Test func aStepMetWithOtherLocalsMakesTheLayersWrittenOutOnesDo() throws {
    let looped = try Run.analysis(
      of: SourceFile(
        name: "looped.netspec",
        text: """
          input 8 x 8 x 3
          block b(c) {
            conv filters = c, kernel = 1
            relu
          }
          for i in 1...6 {
            conv filters = 4 * choose(i, 1, 2, 3, 1, 2, 3), kernel = 1
            b(i)
            for c in 1...2 { b(c + i) }
          }
          for i in 1...100 { conv filters = i, kernel = 1 }

          """))
    var lines = ["input 8 x 8 x 3"]
    func b(_ c: Int) { lines += ["conv filters = \(c), kernel = 1", "relu"] }
    for i in 1...6 {
      lines.append("conv filters = \(4 * [1, 2, 3, 1, 2, 3][i - 1]), kernel = 1")
      b(i)
      for c in 1...2 { b(c + i) }
    }
    lines += (1...100).map { "conv filters = \($0), kernel = 1" }
    let written = try Run.analysis(
      of: SourceFile(name: "written.netspec", text: lines.joined(separator: "\n") + "\n"))
    #expect(looped.rows.count == 6 * 4 + 100)  // a conv and three relu-fused convs a pass
    #expect(looped.rows == written.rows)
    #expect(looped.totals == written.totals)
  }

  /// The analyses of `lines` on an 8×8×3 input, without and with the memory walks: a loop
  /// and its passes written out are compared in both.
  static func bothWalks(_ lines: [String]) throws -> [Analysis] {
    let text = (["input 8 x 8 x 3"] + lines).joined(separator: "\n") + "\n"
    return try [MemorySettings.standard, MemorySettings(policy: .pytorch, optimizer: .adam)].map {
      try MemoryTests.analysis(text: text, $0)
    }
  }

  /// A layer the same as the one before takes its output, cost, bytes and receptive field
  /// (`RecentEvaluations`): a loop analyses as its passes written out, where no layer shares a
  /// statement with the next, with and without the memory walks, which evaluate the layers
  /// again. The fields grow pass by pass though the shapes do not (a 3×3 convolution adds
  /// (k − 1)·j = 2 a layer: 3, 5, 7, 9; Araujo, Norris and Sim 2019, eq. 2), channels settle
  /// after a loop's first pass, pools halve the map, and a pool whose second pass no longer
  /// fits its window reports what the written-out one does.
  @Test func aLoopAnalysesAsItsPassesWrittenOut() throws {
    let passes = [
      (4, "conv filters = 8, kernel = 3, padding = 1"), (3, "maxpool kernel = 1"),
      (3, "conv filters = 8, kernel = 1"), (2, "maxpool kernel = 2, stride = 2"),
    ]
    let looped = passes.map { "repeat \($0.0) { \($0.1) }" }
    let written = passes.flatMap { Array(repeating: $0.1, count: $0.0) }
    for (a, b) in zip(try Self.bothWalks(looped), try Self.bothWalks(written)) {
      #expect(a.rows.count == 12)
      #expect(a.rows == b.rows)
      #expect(a.totals == b.totals)
      #expect(a.memory == b.memory)
      #expect(a.rows.prefix(4).map { $0.receptiveField?.height.size } == [3, 5, 7, 9])
      #expect(a.rows.suffix(2).map(\.output) == [Shape(4, 4, 8), Shape(2, 2, 8)])
    }
    let pool = "maxpool kernel = 4, stride = 4"
    let looping = Run.diagnostics("input 8 x 8 x 3\nrepeat 3 { \(pool) }\n")
    let writing = Run.diagnostics("input 8 x 8 x 3\n\(pool)\n\(pool)\n\(pool)\n")
    #expect(looping.count == 1)
    #expect(looping.map(\.message) == writing.map(\.message))
  }

  /// A block's layers, each the same as the one a pass before, take its figures too
  /// (`RecentEvaluations` keeps the last few; the rows share the last few figures' boxes,
  /// `RecentFigures`; the walks keep the last few shapes once, `OutputShapes`), and only
  /// those: a loop analyses as written out, with and without the memory walks. Two convolutions
  /// in turn; a 3×3 convolution whose field grows by 2 a pass (3, 5, 7; Araujo, Norris and Sim
  /// 2019, eq. 2) though its figures are otherwise the pass before's; a statement reading new
  /// channels each pass; one making new filters from the same input (`for`); and ten shapes
  /// in turn, more than the walks keep.
  @Test func aBlockComingRoundAgainAnalysesAsWrittenOut() throws {
    let blocks = [
      (3, ["conv filters = 6, kernel = 1", "conv filters = 3, kernel = 1"]),
      (3, ["conv filters = 3, kernel = 3, padding = 1", "relu"]),
      (2, ["conv filters = 4, kernel = 1", "conv filters = 6, kernel = 1"]),
      (2, (1...10).map { "conv filters = \($0), kernel = 1" }),
    ]
    let filters =
      "for i in 1...3 {\nconv filters = 3 + i, kernel = 1\nconv filters = 3, kernel = 1\n}"
    let looped =
      [filters] + blocks.map { "repeat \($0.0) {\n" + $0.1.joined(separator: "\n") + "\n}" }
    let written =
      (1...3).flatMap { ["conv filters = \(3 + $0), kernel = 1", "conv filters = 3, kernel = 1"] }
      + blocks.flatMap { block in (0..<block.0).flatMap { _ in block.1 } }
    for (a, b) in zip(try Self.bothWalks(looped), try Self.bothWalks(written)) {
      #expect(a.rows.count == 6 + 6 + 3 + 4 + 20)
      #expect(a.rows == b.rows)
      #expect(a.totals == b.totals)
      #expect(a.memory == b.memory)
      #expect(a.rows[12..<15].map { $0.receptiveField?.height.size } == [3, 5, 7])
    }
  }

  /// An origin's `identity`, which the analysis compares layers by, is its box's address: one
  /// word, all the bits `isSame` compares; copies share it, an equal origin in a box of its own
  /// does not.
  @Test func anOriginIsKnownByItsBox() {
    let range = SourceLocation(line: 1, column: 1)..<SourceLocation(line: 1, column: 2)
    let origin = Shared(
      Layer.Origin(range: range, headRange: range, arguments: [], callSites: []))
    let copy = origin
    let another = Shared(
      Layer.Origin(range: range, headRange: range, arguments: [], callSites: []))
    #expect(MemoryLayout<Shared<Layer.Origin>>.size == MemoryLayout<Int>.size)
    #expect(copy.identity == origin.identity && copy.isSame(as: origin))
    #expect(another.identity != origin.identity && !another.isSame(as: origin))
  }

  /// A step met again with new values follows the key plan of its first pass (issue 25): a
  /// pool's stride still defaults to its kernel (8 → 8, 4, 1: ⌊(8 − 2)/2⌋ + 1 = 4 and
  /// ⌊(4 − 3)/3⌋ + 1 = 1), `from` still reads the layer before, and a value a later pass gets
  /// wrong is reported where the written-out spec reports it.
  @Test func aStepMetAgainFollowsItsKeyPlan() throws {
    let pools = try Run.analysis(
      of: SourceFile(
        name: "p.netspec", text: "input 8 x 8 x 3\nfor i in 1...3 { maxpool kernel = i }\n"))
    #expect(pools.rows.map(\.output) == [Shape(8, 8, 3), Shape(4, 4, 3), Shape(1, 1, 3)])
    let conv = "conv filters = 4, kernel = 1, dilation ="
    let looping = Run.diagnostics("input 8 x 8 x 3\nfor i in 1...3 { \(conv) 2 - i }\n")
    let writing = Run.diagnostics("input 8 x 8 x 3\n\(conv) 1\n\(conv) 0\n")
    #expect(looping.count == 1)
    #expect(looping.map(\.message) == writing.map(\.message))
    #expect(looping.first?.message.contains("'dilation'") == true)
  }

  /// A kept layer is taken only by one making outputs of its layout: `reshape dims = [4, 4, 3]`
  /// equals `reshape height = 4, width = 4, channels = 3` in its dims, but makes plain dims,
  /// not a map (found by an adversarial review; JSON and CSV print the two differently). The
  /// second pass's reshapes, after a relu, are plain; the first pass's share the map's operation
  /// box with the layer before (the resolver's box sharing, by `==`: noted, left).
  @Test func aKeptLayerIsTakenOnlyWithItsLayout() throws {
    let a = try Run.analysis(
      of: SourceFile(
        name: "r.netspec",
        text: """
          input 4 x 4 x 3
          reshape height = 4, width = 4, channels = 3
          repeat 2 {
            repeat 2 { reshape dims = [4, 4, 3] }
            relu
          }

          """))
    #expect(a.rows.map(\.output.isMap).suffix(2) == [false, false])
  }

  /// Each pass of a step evaluated once still spends its steps: the budget runs out inside
  /// the expression, where evaluating it again would have.
  @Test func aRepeatedStepSpendsTheBudgetItsEvaluationDid() {
    let sum = (["1"] + Array(repeating: "0", count: 399)).joined(separator: " + ")
    let diagnostics = Run.diagnostics(
      "input 8 x 8 x 3\nrepeat 50000 { maxpool kernel = \(sum) }\n")
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.message.contains("10000000 steps") == true)
    #expect(diagnostics.first?.range.lowerBound.line == 2)
    #expect((diagnostics.first?.range.lowerBound.column ?? 0) > 32)
  }

  /// A loop's rows share one box of figures when equal, folded layers included, and each row
  /// stays a value: setting one row's figures leaves the rows it shared them with as they were.
  /// Rows of one cost whose receptive fields differ keep their own.
  @Test func loopRowsShareTheirFiguresAsValues() throws {
    let text = """
      input 8 x 8 x 3
      repeat 3 {
        conv filters = 3, kernel = 3, padding = 1, bias = false
        bn
        relu
      }
      maxpool kernel = 2
      """
    var analysis = try Run.analysis(of: SourceFile(name: "loop.netspec", text: text))
    try #require(analysis.rows.count == 4)
    let convs = analysis.rows[0..<3]
    // D_K·D_K·M·N·D_F·D_F (Howard et al. 2017, eq. 1): 3·3·3·3·8·8 = 5,184 MACs a conv; its
    // 3·3·3·3 = 81 weights and BN's 4·3 = 12 (two trained, two running, per channel).
    // Each 3×3 conv of stride 1 widens the field by k − 1 = 2 (Araujo, Norris and Sim, Distill 2019).
    #expect(convs.map { $0.receptiveField?.height.size } == [3, 5, 7])
    for row in convs {
      #expect(row.cost.macs == 5_184)
      #expect(row.cost.params == 81 + 12)
      #expect(row.folded == [.bn, .relu])
      #expect(row.output == Shape(8, 8, 3))
    }
    #expect(analysis.rows[3].output == Shape(4, 4, 3))
    #expect(analysis.totals.params == 3 * 93)
    // One box of figures for the passes that read the pass before (the first reads the
    // input, whose shape its box holds), a field of each one's own, and each after the first
    // reading the box of the row before: no array of inputs of its own.
    #expect(convs[1].box === convs[2].box)
    #expect(convs[0].box !== convs[1].box)
    #expect(Set(convs.compactMap { $0.fieldBox.map(ObjectIdentifier.init) }).count == 3)
    #expect(analysis.rows[0].readsOutputOf == nil)
    #expect(analysis.rows[1].readsOutputOf === analysis.rows[0].box)
    #expect(
      analysis.rows.map(\.inputs) == [
        [Shape(8, 8, 3)], [Shape(8, 8, 3)], [Shape(8, 8, 3)], [Shape(8, 8, 3)],
      ])
    #expect(analysis.rows[3].figures.inputs == [Shape(8, 8, 3)])
    let pools = try Run.analysis(
      of: SourceFile(
        name: "pools.netspec", text: "input 8 x 8 x 3\nrepeat 3 { maxpool kernel = 1 }\n"))
    #expect(pools.rows.map(\.figures) == Array(repeating: pools.rows[0].figures, count: 3))
    analysis.rows[1].figures.cost.macs = 1
    #expect(analysis.rows[0].cost.macs == 5_184)
    #expect(analysis.rows[1].cost.macs == 1)
    #expect(analysis.rows[2].cost.macs == 5_184)
  }

  /// A row holds the box of the row before only where it reads that row's output alone: a row
  /// reading an earlier layer, or two inputs, keeps its shapes, and a row given new figures
  /// keeps them whole.
  @Test func aRowReadsTheRowBeforeOnlyWhereItsShapeIsItsInput() throws {
    let text = """
      input 8 x 8 x 3
      a: conv filters = 4, kernel = 1
      b: maxpool kernel = 2
      c: conv filters = 4, kernel = 1, from = a
      d: add from = [a, c]
      e: conv filters = 4, kernel = 1
      """
    var analysis = try Run.analysis(of: SourceFile(name: "reads.netspec", text: text))
    try #require(analysis.rows.map(\.name) == ["a", "b", "c", "d", "e"])
    let rows = analysis.rows
    // c reads a's 8×8×4 after b's 4×4×4: its own shapes; d two inputs; e d's output.
    #expect(rows.map { $0.readsOutputOf != nil } == [false, true, false, false, true])
    #expect(rows[2].inputs == [Shape(8, 8, 4)])
    #expect(rows[3].inputs == [Shape(8, 8, 4), Shape(8, 8, 4)])
    #expect(rows[4].inputs == [Shape(8, 8, 4)])
    var given = analysis.rows[4]
    given.figures = given.figures
    #expect(given.readsOutputOf == nil && given == rows[4] && given.hashValue == rows[4].hashValue)
    analysis.rows[4].figures.cost.macs = 1
    #expect(analysis.rows[4].readsOutputOf == nil)
    #expect(analysis.rows[4].inputs == [Shape(8, 8, 4)])
    // Rows that read the same shape are equal however the row before was made: after a
    // convolution here, after a pooling of that shape there.
    let other = try Run.analysis(
      of: SourceFile(
        name: "other.netspec",
        text: "input 8 x 8 x 4\np: maxpool kernel = 1\nx: conv filters = 4, kernel = 1\n"))
    let same = try Run.analysis(
      of: SourceFile(
        name: "same.netspec",
        text: "input 8 x 8 x 3\np: conv filters = 4, kernel = 1\nx: conv filters = 4, kernel = 1\n")
    )
    #expect(other.rows[1] == same.rows[1])
    #expect(other.rows[1].hashValue == same.rows[1].hashValue)
  }
}
