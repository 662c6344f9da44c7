import Testing

@testable import NetCostRender

/// `TableFit` as a table of cases: columns (title, natural width, alignment, requested), a
/// width, and what it shows. Two spaces separate columns, so a table of widths w₁…wₙ takes
/// Σw + 2(n − 1) columns.
@Suite struct TableFitTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    /// (natural width, left-aligned text?, requested?) per column.
    var columns: [(width: Int, text: Bool, requested: Bool)]
    var limit: Int
    var shown: [Int]
    var widths: [Int]
    var wrapping: Int? = nil
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "fits: nothing changes", columns: [(10, true, false), (8, false, true)], limit: 20,
      shown: [0, 1], widths: [10, 8]),
    Case(
      // 10 + 22 + 10 + 10 + 2·3 = 58 > 40: the text column goes to 12 (48), then the
      // unrequested number column on the right (36), and the text column has its room back.
      name: "unrequested columns go first, from the right",
      columns: [(10, true, false), (22, true, false), (10, false, true), (10, false, false)],
      limit: 40, shown: [0, 1, 2], widths: [10, 16, 10]),
    Case(
      // 26 + 10 + 10 + 2·2 = 50 > 40 and nothing is unrequested but the first: a requested
      // column goes, from the right (38).
      name: "then requested ones, never the first",
      columns: [(26, false, false), (10, false, true), (10, false, true)], limit: 40,
      shown: [0, 1], widths: [26, 10]),
    Case(
      // A requested text column at the end wraps; 12 + 14 + 13 + 7 + 60 + 2·4 = 114 > 80.
      // It gives first, to 32 (86), then the 14 text column to 12 (84), then itself to 28
      // (80): it fits, but 28 is under 32, so the unrequested column on the right goes and,
      // with its 9 columns, the wrapping one has 35.
      name: "a requested last text column wraps and is given room",
      columns: [
        (12, true, false), (14, true, false), (13, false, true), (7, false, false),
        (60, true, true),
      ], limit: 80,
      shown: [0, 1, 2, 4], widths: [12, 14, 13, 35], wrapping: 4),
  ]

  @Test(arguments: cases)
  func fits(_ c: Case) {
    let columns = c.columns.map {
      Table.Column(title: "", alignment: $0.text ? .left : .right, requested: $0.requested)
    }
    let fit = TableFit(columns: columns, natural: c.columns.map(\.width), limit: c.limit)
    #expect(fit.shown == c.shown)
    #expect(fit.shown.map { fit.widths[$0] } == c.widths)
    #expect(fit.wrapping == c.wrapping)
    #expect(fit.total <= c.limit)
  }
}
