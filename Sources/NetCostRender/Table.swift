import NetCostCore

/// A table before it becomes text: typed cells, so each renderer formats numbers its own way
/// (grouped for people, raw for CSV).
public struct Table: Sendable {
  public enum Alignment: Sendable {
    case left
    case right
  }

  public struct Column: Sendable {
    public var title: String
    public var alignment: Alignment
    /// The CSV header: lowercase, no spaces, named for the raw value CSV holds (`activation_bytes`
    /// where the table shows KB).
    public var key: String
    /// A column the user asked for, by a flag (`--device`'s roofline, `--memory`'s live bytes)
    /// or by the command itself (the counts of `list`, the breakdown of `conventions`): a
    /// narrow terminal leaves the other columns out first (`TableFit`).
    public var requested: Bool

    public init(title: String, alignment: Alignment, key: String? = nil, requested: Bool = false) {
      self.title = title
      self.alignment = alignment
      self.key = key ?? title.lowercased().split(separator: " ").joined(separator: "_")
      self.requested = requested
    }
  }

  public enum Cell: Sendable, Hashable {
    case text(String)
    /// A name a spec or model file gave (a layer's, a network's): text, which a spreadsheet must
    /// not run as a formula (CSV) nor a Markdown page read as HTML.
    case name(String)
    case count(Int)
    /// Bytes, shown in kilobytes.
    case kilobytes(Int)
    /// Bytes, shown in megabytes (MiB).
    case megabytes(Int)
    /// A count shown in millions with two decimals (`568.74`).
    case millions(Int)
    case shape(Shape)
    /// A row's kind, described (`conv 3×3/2 +bn +relu`).
    case kind(KindDescription)
    /// A measured number (a ratio, a percentage) with so many decimals.
    case fixed(Double, places: Int)
    /// A ratio to a baseline (`32.86× fewer`).
    case ratio(Double)
    /// A signed difference in percent (`+0.12 %`).
    case difference(Double)
    /// Text for people (`325 M [1]`) and the raw value CSV gets instead (`325000000`).
    case display(String, raw: String)
    case empty
  }

  /// The rows, each made when it is read: a million-row table holds no cells (issue 25), and
  /// a renderer that reads a row twice (widths first) makes it twice.
  public struct Rows: RandomAccessCollection, Sendable {
    public let count: Int
    private let row: @Sendable (Int) -> [Cell]
    private let repeats: Repeats?

    /// Which rows show what the row before shows in every cell but the first (a loop's passes,
    /// named apart), and that first cell alone: a renderer copies the row before's text rather
    /// than making it again (a million rows of one layer, issue 25).
    public struct Repeats: Sendable {
      let rowAbove: @Sendable (Int) -> Bool
      let first: @Sendable (Int) -> Cell

      /// `rowAbove(i)`: whether row i (never the first) shows row i − 1's cells but the first;
      /// `first(i)`: row i's first cell.
      public init(
        rowAbove: @escaping @Sendable (Int) -> Bool, first: @escaping @Sendable (Int) -> Cell
      ) {
        (self.rowAbove, self.first) = (rowAbove, first)
      }
    }

    public init(
      count: Int, repeats: Repeats? = nil, row: @escaping @Sendable (Int) -> [Cell]
    ) {
      self.count = count
      self.row = row
      self.repeats = repeats
    }

    public init(_ rows: [[Cell]]) {
      self.init(count: rows.count) { rows[$0] }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(_ index: Int) -> [Cell] { row(index) }

    /// Row `index`'s first cell where its others are the row before's; nil where they are not,
    /// or not known (the caller makes the row whole).
    func firstCellAlone(_ index: Int) -> Cell? {
      guard index > 0, let repeats, repeats.rowAbove(index) else { return nil }
      let first = repeats.first(index)
      assert(
        row(index).dropFirst().elementsEqual(row(index - 1).dropFirst())
          && row(index).first == first, "row \(index) said to repeat the row above")
      return first
    }

    /// Each row with `transform` applied to it as it is made, and each first cell made alone
    /// (a row that repeats the row above) with `transformFirst`, which must change a cell as
    /// `transform` changes it in a row.
    func map(
      cells transform: @escaping @Sendable ([Cell]) -> [Cell],
      first transformFirst: @escaping @Sendable (Cell) -> Cell
    ) -> Rows {
      let row = self.row
      let repeats = self.repeats.map { repeats in
        Repeats(rowAbove: repeats.rowAbove) { transformFirst(repeats.first($0)) }
      }
      return Rows(count: count, repeats: repeats) { transform(row($0)) }
    }
  }

  public var columns: [Column]
  public var rows: Rows

  public init(columns: [Column], rows: [[Cell]]) {
    self.columns = columns
    self.rows = Rows(rows)
  }

  public init(columns: [Column], rows: Rows) {
    self.columns = columns
    self.rows = rows
  }
}
