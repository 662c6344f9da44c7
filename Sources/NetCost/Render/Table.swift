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
    case shape(Shape)
  }

  public var columns: [Column]
  public var rows: [[Cell]]

  public init(columns: [Column], rows: [[Cell]]) {
    self.columns = columns
    self.rows = rows
  }
}
