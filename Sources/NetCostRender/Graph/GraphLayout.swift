import NetCostAnalysis

/// Where each row of a graph goes on the page, as the Sugiyama method lays out a layered graph:
/// ranks by the longest path from the input (`RowGraph.ranks`), a bend in every rank an edge
/// passes (so it goes around the boxes there), orders within ranks by barycentres, then x
/// positions pulled toward neighbours with the boxes kept apart. Pure: a `RowGraph` in,
/// coordinates out.
struct GraphLayout: Sendable {
  struct Point: Hashable, Sendable {
    var x: Double
    var y: Double
  }

  /// A box by its top-left corner and size.
  struct Box: Hashable, Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var centre: Double { x + width / 2 }
    var bottom: Double { y + height }

    func overlaps(_ other: Box) -> Bool {
      x < other.x + other.width && other.x < x + width && y < other.bottom && other.y < bottom
    }
  }

  /// One edge: from an input or a row to a row, through its points (top to bottom).
  struct Edge: Hashable, Sendable {
    var from: RowGraph.Source
    var to: Int
    var points: [Point]
  }

  static let rowWidth = 200.0
  static let rowHeight = 64.0
  static let inputWidth = 160.0
  static let inputHeight = 36.0
  /// Space between the boxes of a rank, and the room a bend takes there.
  static let gap = 20.0
  static let bendWidth = 8.0
  /// Space between ranks, where edges turn.
  static let rankGap = 40.0
  static let margin = 20.0

  /// Each row's box, by row index.
  var rows: [Box]
  /// The network input's box, at the top.
  var input: Box
  var edges: [Edge]
  /// The drawing's size, from (0, `top`).
  var width: Double
  var height: Double

  /// Lays `graph` out below `top` (the room a title takes).
  init(_ graph: RowGraph, top: Double = 0) {
    var cells = Cells(graph)
    cells.order()
    cells.place()
    let band = Self.rowHeight + Self.rankGap
    func box(_ cell: Int, height: Double) -> Box {
      let c = cells.cells[cell]
      let y = top + Self.margin + Double(c.rank) * band + (Self.rowHeight - height) / 2
      return Box(x: c.x - c.width / 2, y: y, width: c.width, height: height)
    }
    input = box(0, height: Self.inputHeight)
    rows = (0..<graph.count).map { box(cells.cellOfRow[$0], height: Self.rowHeight) }
    edges = cells.chains.map { chain in
      var points: [Point] = []
      for (i, cell) in chain.cells.enumerated() {
        let c = cells.cells[cell]
        let bandTop = top + Self.margin + Double(c.rank) * band
        let isEnd = i == 0 || i == chain.cells.count - 1
        // An end meets its box; a bend crosses its rank's band straight down.
        if i > 0 {
          let y = isEnd ? box(cell, height: c.height).y : bandTop
          points.append(Point(x: c.x, y: y))
        }
        if i < chain.cells.count - 1 {
          let y = isEnd ? box(cell, height: c.height).bottom : bandTop + Self.rowHeight
          points.append(Point(x: c.x, y: y))
        }
      }
      return Edge(from: chain.from, to: chain.to, points: points)
    }
    width = (cells.cells.map { $0.x + $0.width / 2 }.max() ?? 0) + Self.margin
    let ranks = cells.ranks.count
    height = Self.margin * 2 + Double(ranks) * band - Self.rankGap
  }
}

/// The cells of a layout: the input, every row, and every bend, each in a rank.
private struct Cells {
  struct Cell {
    var rank: Int
    var width: Double
    var height: Double
    /// The centre's x.
    var x = 0.0
    var ups: [Int] = []
    var downs: [Int] = []
  }

  struct Chain {
    var from: RowGraph.Source
    var to: Int
    var cells: [Int]
  }

  var cells: [Cell] = []
  var cellOfRow: [Int] = []
  /// Each rank's cells, left to right.
  var ranks: [[Int]] = []
  var chains: [Chain] = []

  init(_ graph: RowGraph) {
    let rowRanks = graph.ranks
    let depth = (rowRanks.max() ?? 0) + 1
    ranks = Array(repeating: [], count: depth)
    add(Cell(rank: 0, width: GraphLayout.inputWidth, height: GraphLayout.inputHeight))
    for rank in rowRanks {
      cellOfRow.append(cells.count)
      add(Cell(rank: rank, width: GraphLayout.rowWidth, height: GraphLayout.rowHeight))
    }
    for (row, sources) in graph.inputs.enumerated() {
      for source in sources {
        var previous =
          switch source {
          case .input: 0
          case .row(let r): cellOfRow[r]
          }
        var chain = [previous]
        let target = cellOfRow[row]
        for rank in (cells[previous].rank + 1)..<max(cells[target].rank, cells[previous].rank + 1) {
          let bend = cells.count
          add(Cell(rank: rank, width: GraphLayout.bendWidth, height: 0))
          link(previous, bend)
          chain.append(bend)
          previous = bend
        }
        link(previous, target)
        chain.append(target)
        chains.append(Chain(from: source, to: row, cells: chain))
      }
    }
  }

  private mutating func add(_ cell: Cell) {
    ranks[cell.rank].append(cells.count)
    cells.append(cell)
  }

  private mutating func link(_ upper: Int, _ lower: Int) {
    cells[upper].downs.append(lower)
    cells[lower].ups.append(upper)
  }

  /// Orders each rank by the mean position of its neighbours in the rank above, then below,
  /// then above again: few crossings for the branches of an inception module or a skip.
  mutating func order() {
    var position = [Int](repeating: 0, count: cells.count)
    for rank in ranks { for (i, cell) in rank.enumerated() { position[cell] = i } }
    let down = Array(ranks.indices.dropFirst())
    let up = Array(ranks.indices.dropLast().reversed())
    for (sweep, useUps) in [(down, true), (up, false), (down, true)] {
      for r in sweep {
        let keyed = ranks[r].map { cell -> (Double, Int, Int) in
          let neighbours = useUps ? cells[cell].ups : cells[cell].downs
          guard !neighbours.isEmpty else { return (Double(position[cell]), position[cell], cell) }
          let sum = neighbours.reduce(0.0) { $0 + Double(position[$1]) }
          return (sum / Double(neighbours.count), position[cell], cell)
        }
        // Ties keep their order, so a module's branches stay as the file wrote them.
        ranks[r] = keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        for (i, cell) in ranks[r].enumerated() { position[cell] = i }
      }
    }
  }

  /// Packs each rank, then pulls each cell toward the mean x of its neighbours, above and below
  /// in turn, keeping every rank's order and gaps.
  mutating func place() {
    for rank in ranks { spread(rank, wanted: nil) }
    for _ in 0..<4 {
      for r in ranks.indices.dropFirst() { pull(r, useUps: true) }
      for r in ranks.indices.dropLast().reversed() { pull(r, useUps: false) }
    }
    let left = cells.map { $0.x - $0.width / 2 }.min() ?? 0
    for i in cells.indices { cells[i].x += GraphLayout.margin - left }
  }

  private mutating func pull(_ r: Int, useUps: Bool) {
    let wanted = ranks[r].map { cell -> Double in
      let neighbours = useUps ? cells[cell].ups : cells[cell].downs
      guard !neighbours.isEmpty else { return cells[cell].x }
      return neighbours.reduce(0.0) { $0 + cells[$1].x } / Double(neighbours.count)
    }
    spread(ranks[r], wanted: wanted)
  }

  /// Puts `rank`'s cells as near `wanted` (or packed from 0) as their order and gaps allow: the
  /// mean of a left-to-right pass that pushes right and a right-to-left pass that pushes left.
  /// Each pass keeps every gap, so their mean does too.
  private mutating func spread(_ rank: [Int], wanted: [Double]?) {
    guard !rank.isEmpty else { return }
    let want = wanted ?? Array(repeating: 0, count: rank.count)
    func separation(_ i: Int) -> Double {
      (cells[rank[i - 1]].width + cells[rank[i]].width) / 2 + GraphLayout.gap
    }
    var right = want
    for i in 1..<rank.count { right[i] = max(want[i], right[i - 1] + separation(i)) }
    var left = want
    for i in (0..<(rank.count - 1)).reversed() {
      left[i] = min(want[i], left[i + 1] - separation(i + 1))
    }
    for (i, cell) in rank.enumerated() {
      cells[cell].x = wanted == nil ? right[i] : (right[i] + left[i]) / 2
    }
  }
}
