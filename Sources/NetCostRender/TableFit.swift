/// How a table fits a terminal's width: which columns stay, how wide each is shown, and which
/// column wraps. Text columns are cut to `narrowest` first (numbers never are). Then columns
/// are left out from the right, never the first, and those nobody asked for before the
/// requested ones (`Table.Column.requested`), so a flag's columns survive a narrow terminal.
/// A requested text column that ends the table (the breakdown of `conventions`) wraps its
/// cells onto more lines instead of cutting them, and other columns make room for it down to
/// `narrowestWrapped`: a breakdown cut to a dozen characters says nothing.
struct TableFit {
  /// The narrowest a text column is cut to.
  static let narrowest = 12
  /// The narrowest a wrapping column is made before columns nobody asked for are left out.
  static let narrowestWrapped = 32

  /// The columns shown, in table order.
  private(set) var shown: [Int]
  /// Each column's width as shown (a left-out column keeps its natural width).
  private(set) var widths: [Int]
  /// The columns left out, in table order.
  private(set) var dropped: [Int] = []
  /// The last column when its cells wrap rather than being cut.
  private(set) var wrapping: Int?

  /// `natural` is each column's width with nothing cut: its widest cell or its title.
  init(columns: [Table.Column], natural: [Int], limit: Int) {
    shown = Array(columns.indices)
    widths = natural
    while true {
      layOut(columns, natural: natural, limit: limit)
      let fits = total <= limit
      let roomy = wrapping.map { widths[$0] >= min(natural[$0], Self.narrowestWrapped) } ?? true
      if fits && roomy { break }
      // A wrapping column too narrow to read sends away only the columns nobody asked for.
      let unasked = shown.dropFirst().last { !columns[$0].requested }
      guard let leaving = unasked ?? (fits ? nil : shown.dropFirst().last) else { break }
      shown.removeAll { $0 == leaving }
      dropped.append(leaving)
    }
    dropped.sort()
  }

  /// Whether a column is shown narrower than its widest cell, its cells cut with '…'.
  func isCut(_ column: Int, natural: [Int]) -> Bool {
    column != wrapping && shown.contains(column) && widths[column] < natural[column]
  }

  /// The shown columns' widths and the two spaces between each.
  var total: Int { shown.map { widths[$0] }.reduce(0, +) + 2 * max(shown.count - 1, 0) }

  /// Widths for the shown columns: a wrapping column gives first, down to `narrowestWrapped`,
  /// then the widest text columns, each down to `narrowest`, then the wrapping one again.
  private mutating func layOut(_ columns: [Table.Column], natural: [Int], limit: Int) {
    widths = natural
    let last = shown.last ?? 0
    wrapping =
      shown.count > 1 && columns[last].requested && columns[last].alignment == .left ? last : nil
    if let wrapping { narrow(wrapping, downTo: Self.narrowestWrapped, limit: limit) }
    while total > limit {
      let candidates = shown.filter {
        $0 != wrapping && columns[$0].alignment == .left && widths[$0] > Self.narrowest
      }
      guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
      narrow(widest, downTo: Self.narrowest, limit: limit)
    }
    if let wrapping { narrow(wrapping, downTo: Self.narrowest, limit: limit) }
  }

  private mutating func narrow(_ column: Int, downTo floor: Int, limit: Int) {
    let excess = total - limit
    if excess > 0, widths[column] > floor {
      widths[column] = max(floor, widths[column] - excess)
    }
  }
}
