import NetCost
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

  /// Rows made a piece at a time, pieces side by side on the cores, print what one piece does:
  /// in order, whether a piece's text is kept (all, the first few, none) or made again.
  @Test(arguments: [nil, 60] as [Int?], [1, 3, 7, 39])
  func rowsMadeInPiecesPrintAsOnePieceDoes(width: Int?, rowsPerPiece: Int) {
    let style = TerminalStyle(width: width)
    var whole = TextWriter()
    TerminalRenderer.write(
      Self.table, style: style, into: &whole, keeping: 100_000, rowsPerPiece: 1_000)
    for keeping in [100_000, 600, 0] {
      var pieces = TextWriter()
      TerminalRenderer.write(
        Self.table, style: style, into: &pieces, keeping: keeping, rowsPerPiece: rowsPerPiece)
      #expect(pieces.text == whole.text, "\(rowsPerPiece) rows a piece, \(keeping) bytes kept")
    }
  }

  /// Rows in runs that show the same but for their first cell (a loop's passes, named apart),
  /// a run's first an empty last cell: `repeats` says so, and such rows are made once and
  /// copied (issue 25).
  static func runs(repeats: Bool) -> Table {
    @Sendable func name(_ i: Int) -> Table.Cell { .name(i == 13 ? "a_longer_name" : "l\(i)") }
    return Table(
      columns: table.columns,
      rows: Table.Rows(
        count: 40,
        repeats: repeats
          ? Table.Rows.Repeats(rowAbove: { $0 / 5 == ($0 - 1) / 5 }, first: name) : nil
      ) { i in
        let run = i / 5
        return [
          name(i), .text(run % 2 == 0 ? "maxpool 1×1/1" : ""), .count(run * 1_000),
          run % 3 == 0 ? .empty : .kilobytes(run * 4096),
        ]
      })
  }

  /// Rows copied from the row above print what rows made whole do: on both passes, fitted to a
  /// terminal or not, in pieces of any size, kept between the passes or made again.
  @Test(arguments: [nil, 100, 24] as [Int?], [1, 3, 7, 1_000])
  func rowsCopiedFromTheRowAbovePrintAsMadeWhole(width: Int?, rowsPerPiece: Int) {
    let style = TerminalStyle(width: width)
    var whole = TextWriter()
    TerminalRenderer.write(
      Self.runs(repeats: false), style: style, into: &whole, keeping: 100_000,
      rowsPerPiece: rowsPerPiece)
    for keeping in [100_000, 0] {
      var copied = TextWriter()
      TerminalRenderer.write(
        Self.runs(repeats: true), style: style, into: &copied, keeping: keeping,
        rowsPerPiece: rowsPerPiece)
      #expect(copied.text == whole.text, "\(rowsPerPiece) rows a piece, \(keeping) bytes kept")
    }
  }

  /// A chain of 3×3 convolutions: each row's receptive field is its own (3, 5, 7, …), all
  /// else alike. A table without the field's columns copies rows 1 to 5 from the row above
  /// (`firstCellAlone`, which checks the cells in debug builds); one with them makes each row,
  /// and prints each field.
  @Test func rowsWhoseFieldsAloneDifferAreCopiedWhereNoFieldIsShown() throws {
    let text = "input 8 x 8 x 3\nrepeat 6 { conv filters = 3, kernel = 3, padding = 1 }\n"
    let a = try Run.analysis(of: SourceFile(name: "chain.netspec", text: text))
    let plain = Table(layersOf: a)
    let withField = Table(layersOf: a, receptiveField: true)
    #expect(plain.rows.indices.filter { plain.rows.firstCellAlone($0) != nil } == [1, 2, 3, 4, 5])
    #expect(withField.rows.indices.filter { withField.rows.firstCellAlone($0) != nil } == [])
    let lines = TerminalRenderer.render(withField).split(separator: "\n")
    let sizes = lines.suffix(6).map { $0.split(separator: " ").suffix(3).first.map(String.init) }
    #expect(sizes == ["3", "5", "7", "9", "11", "13"])
  }

  /// The first rows of `runs`, as they print: a row after one alike writes its own name and
  /// the rest of that row's line, padded to the longest name (row 13's) and with no trailing
  /// spaces where its last cell is empty.
  @Test func rowsThatRepeatTheRowAbovePrintWhole() {
    var out = TextWriter()
    TerminalRenderer.write(
      Self.runs(repeats: true), style: TerminalStyle(width: nil), into: &out, keeping: 100_000,
      rowsPerPiece: 3)
    let lines = out.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[2] == "l0             maxpool 1×1/1             0")
    #expect(lines[3] == "l1             maxpool 1×1/1             0")
    // 4,096 bytes are 4.00 KB.
    #expect(lines[7] == "l5                                   1,000       4.00")
    #expect(lines[8] == "l6                                   1,000       4.00")
    #expect(lines[15] == "a_longer_name  maxpool 1×1/1         2,000       8.00")
  }

  /// A JSON array written a piece at a time is the one written item by item: its commas,
  /// line breaks and indents continue across pieces, on flat lines and indented ones.
  @Test(arguments: [0, 1, 2, 9, 40])
  func jsonItemsInPiecesAreTheItemsInOne(count: Int) {
    func document(_ itemsPerPiece: Int) -> String {
      var out = TextWriter()
      out.writeJSON { json in
        json.beginObject()
        json.key("layers")
        json.items(count: count, itemsPerPiece: itemsPerPiece) { i, json in
          json.flat {
            $0.beginObject()
            $0.field("name", "layer \(i)")
            $0.field("params", i * 1_000)
            $0.endObject()
          }
        }
        json.key("nested")
        json.items(count: count, itemsPerPiece: itemsPerPiece) { i, json in
          json.beginArray()
          for j in 0..<i % 3 {
            json.item()
            json.integer(j)
          }
          json.endArray()
        }
        json.endObject()
      }
      return out.text
    }
    let whole = document(1_000)
    for itemsPerPiece in [1, 3, 7] { #expect(document(itemsPerPiece) == whole) }
    let first = count == 0 ? "\"layers\": []" : "{\"name\": \"layer 0\", \"params\": 0}"
    #expect(whole.contains(first))
  }
}
