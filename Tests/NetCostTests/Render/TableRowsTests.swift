import Testing

@testable import NetCostCore
@testable import NetCostRender

/// The terminal table keeps a short table's row text between its two passes and makes a long
/// one's rows again (issue 25): both ways print the same bytes, fitted to a terminal or not.
@Suite struct TableRowsTests {
  static let table = Table(
    columns: [
      Table.Column(title: "layer", alignment: .left),
      Table.Column(title: "kind", alignment: .left),
      Table.Column(title: "params (all)", alignment: .right, requested: true),
      Table.Column(title: "memory KB", alignment: .right),
    ],
    rows: Table.Rows(count: 40) { i in
      [
        .text("block\(i).conv_with_a_long_name_\(String(repeating: "x", count: i % 7))"),
        .text(i % 3 == 0 ? "conv 3×3/2" : "relu"), .count(i * 1_234_567), .kilobytes(i * 4096),
      ]
    })

  @Test(arguments: [nil, 100, 60, 40] as [Int?])
  func keptAndRemadeRowsPrintTheSame(width: Int?) {
    var kept = TextWriter()
    var remade = TextWriter()
    let style = TerminalStyle(width: width)
    TerminalRenderer.write(Self.table, style: style, into: &kept, keeping: 100_000)
    TerminalRenderer.write(Self.table, style: style, into: &remade, keeping: 0)
    #expect(kept.text == remade.text)
    // The header, its rule and a line per row at least (more where a cell wraps).
    #expect(kept.text.split(separator: "\n").count >= 42)
    #expect(kept.text.contains("48,148,113"))  // row 39's params, grouped
  }
}
