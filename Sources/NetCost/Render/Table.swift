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
  }

  public enum Cell: Sendable, Hashable {
    case text(String)
    case count(Int)
    /// Bytes, shown in kilobytes.
    case kilobytes(Int)
    /// Bytes, shown in megabytes (MiB).
    case megabytes(Int)
    /// A count shown in millions with two decimals (`568.74`).
    case millions(Int)
    case shape(Shape)
    /// A measured number (a ratio, a percentage) with so many decimals.
    case fixed(Double, places: Int)
    /// A ratio to a baseline (`32.86× fewer`).
    case ratio(Double)
    /// A signed difference in percent (`+0.12 %`).
    case difference(Double)
    case empty
  }

  public var columns: [Column]
  public var rows: [[Cell]]

  public init(columns: [Column], rows: [[Cell]]) {
    self.columns = columns
    self.rows = rows
  }
}
