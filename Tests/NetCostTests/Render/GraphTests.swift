import Foundation
import Testing

@testable import NetCost
@testable import NetCostAnalysis
@testable import NetCostCore
@testable import NetCostRender

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `netcost graph`: whole outputs for a small network, and for every built-in network the
/// invariants a picture must keep: a box per row, an edge per input, no two boxes overlapping,
/// and SVG an XML parser reads.
@Suite struct GraphTests {
  /// A stem, a residual block and a two-branch concat: every kind of edge a graph draws.
  static let tiny = """
    network "tiny-graph"
    input 8 x 8 x 3
    stem: conv filters = 8, kernel = 3, padding = 1 -> bn -> relu
    res: add {
      branch { }
      branch {
        a: conv filters = 8, kernel = 3, padding = 1 -> relu
        b: conv filters = 8, kernel = 3, padding = 1
      }
    }
    mix: concat {
      branch { p: maxpool kernel = 3, stride = 1, padding = 1 }
      branch { q: pwconv filters = 4 }
    }
    pool: globalavgpool
    fc: fc units = 10 -> softmax
    """

  static func graph(_ spec: Pipeline.ParsedSpec) throws -> LayerGraph {
    let outcome = Pipeline.graph(spec)
    guard let graph = outcome.value else {
      throw Run.Failure(
        description: DiagnosticRenderer().render(outcome.diagnostics, in: spec.source)
          + outcome.parameterErrors.map(\.message).joined(separator: "\n"))
    }
    return graph
  }

  static func tinyGraph() throws -> LayerGraph {
    try graph(Pipeline.parse(SourceFile(name: "tiny.netspec", text: tiny)))
  }

  /// A model file's name may be any length: the title is cut to the 80 characters the
  /// narrowest picture (780 units) holds at its size, ending in '…' (a review found a
  /// 300-character name running off the picture).
  @Test func aLongTitleIsCut() throws {
    let name = String(repeating: "n", count: 300)
    let spec = "network \"\(name)\"\ninput 8 x 8 x 3\nconv filters = 4, kernel = 3\n"
    let graph = try Self.graph(Pipeline.parse(SourceFile(name: "long.netspec", text: spec)))
    #expect(graph.heading == String(repeating: "n", count: 79) + "…")
  }

  @Test func tinyDot() throws {
    expectGolden(GraphDot.render(try Self.tinyGraph()), named: "graph/tiny.dot")
  }

  @Test func tinySVG() throws {
    expectGolden(GraphSVG.render(try Self.tinyGraph()), named: "graph/tiny.svg")
  }

  /// The edges of the tiny network, from its spec: `stem` reads the input, `res` adds `stem`
  /// (the empty branch) and `b`, and `mix` joins `p` and `q`, both reading `res`.
  @Test func tinyEdgesAreTheSpecs() throws {
    let graph = try Self.tinyGraph()
    let names = graph.analysis.rows.map(\.name)
    #expect(names == ["stem", "a", "b", "res", "p", "q", "mix", "pool", "fc"])
    #expect(
      graph.rows.inputs == [
        [.input], [.row(0)], [.row(1)], [.row(0), .row(2)], [.row(3)], [.row(3)],
        [.row(4), .row(5)], [.row(6)], [.row(7)],
      ])
    // The skip from `stem` to `res` passes the ranks of `a` and `b`: two bends.
    #expect(graph.rows.ranks == [1, 2, 3, 4, 5, 5, 6, 7, 8])
    #expect(graph.rows.bends(ranks: graph.rows.ranks) == 2)
  }

  /// For every built-in network: one box per row, one edge per input of every row, and no two
  /// boxes (the input's included) overlapping.
  @Test(arguments: Run.builtinNames)
  func layoutKeepsItsInvariants(_ name: String) throws {
    let graph = try Self.graph(Run.spec(name))
    try Self.checkLayout(graph)
  }

  static func checkLayout(_ graph: LayerGraph) throws {
    let layout = GraphLayout(graph.rows, top: GraphSVG.header)
    #expect(layout.rows.count == graph.analysis.rows.count)
    var expected: [String] = []
    for (row, sources) in graph.rows.inputs.enumerated() {
      for source in sources { expected.append("\(source)->\(row)") }
    }
    #expect(layout.edges.map { "\($0.from)->\($0.to)" } == expected)
    for edge in layout.edges {
      let to = layout.rows[edge.to]
      let from =
        switch edge.from {
        case .input: layout.input
        case .row(let r): layout.rows[r]
        }
      #expect(edge.points.first == GraphLayout.Point(x: from.centre, y: from.bottom))
      #expect(edge.points.last == GraphLayout.Point(x: to.centre, y: to.y))
    }
    // Boxes sorted by their left side: each can overlap only one that starts before it ends.
    let boxes = ([layout.input] + layout.rows).sorted { $0.x < $1.x }
    var overlaps = 0
    for (i, box) in boxes.enumerated() {
      for other in boxes[(i + 1)...] {
        if other.x >= box.x + box.width { break }
        if box.overlaps(other) { overlaps += 1 }
      }
    }
    #expect(overlaps == 0)
    #expect(boxes.allSatisfy { $0.x >= 0 && $0.x + $0.width <= layout.width })
  }

  /// The SVG of every built-in network parses as XML and has a `<g class="node">` per row,
  /// each naming its row.
  @Test(arguments: Run.builtinNames)
  func svgIsWellFormedWithANodePerRow(_ name: String) throws {
    let graph = try Self.graph(Run.spec(name))
    let svg = GraphSVG.render(graph)
    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    #expect(svg.components(separatedBy: "<g class=\"node\"").count - 1 == graph.analysis.rows.count)
    for row in graph.analysis.rows {
      #expect(svg.contains(">\(SVG.escape(LayerGraph.cut(row.name, 30)))</text>"), "\(row.name)")
    }
  }

  /// A chain of 600 rows and a ladder of 300 skips: 500+ rows laid out without overlap, quickly.
  @Test func largeGraphsLayOut() throws {
    let chain = "input 8 x 8 x 3\nrepeat 600 { conv filters = 4, kernel = 1 -> relu }\n"
    let ladder = """
      input 8 x 8 x 3
      repeat 300 { add { branch { } branch { conv filters = 3, kernel = 1 -> bn } } }
      """
    for text in [chain, ladder] {
      let graph = try Self.graph(Pipeline.parse(SourceFile(name: "big.netspec", text: text)))
      #expect(graph.analysis.rows.count >= 600)
      try Self.checkLayout(graph)
    }
  }

  /// Past `Limit.graphRows`, the graph is refused before any analysis, with the count.
  @Test func tooManyRowsAreRefused() {
    let text = "input 8 x 8 x 3\nrepeat 20001 { conv filters = 3, kernel = 1 }\n"
    let outcome = Pipeline.graph(Pipeline.parse(SourceFile(name: "big.netspec", text: text)))
    #expect(outcome.value == nil)
    #expect(
      outcome.parameterErrors.map(\.message) == [
        "the graph would have 20,001 rows; it may have at most 20,000 rows in a drawn graph"
      ])
  }

  /// Bends are counted per rank passed: a row reading all 700 rows of a chain above it makes
  /// 699 + 698 + … + 0 = 244,650 bends, past `Limit.graphBends`, while the chain alone has none.
  @Test func bendsAreCountedPerRankPassed() {
    let chain: [[RowGraph.Source]] = [[.input]] + (0..<699).map { [.row($0)] }
    let fan = RowGraph(inputs: chain + [(0..<700).map { .row($0) }])
    #expect(RowGraph(inputs: chain).bends(ranks: RowGraph(inputs: chain).ranks) == 0)
    #expect(fan.bends(ranks: fan.ranks) == 244_650)
    #expect(fan.bends(ranks: fan.ranks) > Limit.graphBends.value)
  }

  /// The HTML page fetches nothing: no `src`, and no `href` at all.
  @Test func htmlIsSelfContained() throws {
    let html = GraphHTML.render(try Self.graph(Run.spec("googlenet")))
    #expect(!html.contains("src="))
    #expect(!html.contains("href="))
    #expect(html.hasPrefix("<!DOCTYPE html>\n"))
    #expect(html.components(separatedBy: "<g class=\"node\"").count - 1 == 81)
  }

  /// docs/graph.md's picture is what netcost draws now; `NETCOST_RECORD=1` redraws it.
  @Test func docsPictureIsCurrent() throws {
    let svg = GraphSVG.render(try Self.graph(Run.spec("squeezenet")))
    let url = Paths.repoRoot.appendingPathComponent("docs/graph-squeezenet.svg")
    if ProcessInfo.processInfo.environment["NETCOST_RECORD"] == "1" {
      try svg.write(to: url, atomically: true, encoding: .utf8)
    }
    #expect(try Paths.read(url) == svg, "run NETCOST_RECORD=1 swift test")
    let page = try Paths.read(Paths.repoRoot.appendingPathComponent("docs/graph.md"))
    #expect(page.contains("](graph-squeezenet.svg)"))
  }

  /// The legend's bins, from the palette: 0, then shares that double.
  @Test func legendLabels() {
    #expect(
      GraphPalette.labels.map(\.label) == [
        "0", "< 0.5 %", "0.5–1 %", "1–2 %", "2–5 %", "5–10 %", "10–20 %", "≥ 20 %",
      ])
    #expect(GraphPalette.colour(0) == GraphPalette.zero)
    #expect(GraphPalette.colour(0.004) == "#ffffcc")
    #expect(GraphPalette.colour(0.2191) == "#bd0026")
  }

  /// Names from files, escaped for XML and for dot: markup, quotes, control characters.
  @Test func hostileNamesStayText() {
    let name = "a<b>&\"c'\u{1B}]0;x\u{7}\ny\u{FFFF}"
    #expect(SVG.escape(name) == #"a&lt;b&gt;&amp;&quot;c'\u{1B}]0;x\u{7}\u{A}y\u{FFFF}"#)
    // Dot takes any Unicode: U+FFFF stays.
    #expect(GraphDot.quoted(name) == #""a<b>&\"c'\\u{1B}]0;x\\u{7}\\u{A}y"# + "\u{FFFF}\"")
  }
}
