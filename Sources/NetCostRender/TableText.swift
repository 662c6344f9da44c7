import NetCostCore

/// The text of a piece of a table's rows in one buffer, kept between the terminal renderer's two
/// passes (widths, then lines) while the pieces kept fit `kept`: a million rows of six cells are
/// some tens of megabytes, and such a cell is not formatted twice (issue 25). Each cell's text is
/// written straight into the buffer.
struct TableText {
  private var bytes: [UInt8] = []
  /// Where each cell's text ends in `bytes`, row after row, `columns` cells a row.
  private var ends: [UInt32] = []
  let columns: Int
  /// The text of the cells but the first of the last row made by repeating the row above
  /// (`repeatedRow`, −1 for none), and where each ends in it: copied again for each row after
  /// it that repeats it too.
  private var repeatedRow = -1
  /// Whether each row was made by copying the row above's cells but the first.
  private var copied: [Bool] = []
  private var repeatedBytes: [UInt8] = []
  private var repeatedEnds: [Int] = []

  init(columns: Int) {
    self.columns = columns
  }

  /// The text a table keeps between its passes, at most, over all its pieces: a million rows of
  /// `maxpool` take 33 MB (and 24 MB of offsets, not counted here); the pieces past it (a
  /// million 250-byte names) are made again in the second pass rather than held. Far below
  /// what 32-bit offsets reach.
  static let kept = 64 << 20
  /// The rows of a piece a table, CSV or Markdown of `rows` rows makes into text on one core
  /// while another core makes the next: halves from 128 rows (a network of a few hundred rows
  /// is made on two cores), 8,192 rows at most.
  static func rowsPerPiece(_ rows: Int) -> Int {
    Parallel.pieceSize(of: rows, atLeast: 128, most: 8192)
  }

  var byteCount: Int { bytes.count }

  /// Appends row `index` of `rows`, made whole, or, where it repeats the row above
  /// (`Table.Rows.Repeats`) and that row is the last one here, its first cell alone made and
  /// the rest copied. The row's index here, and whether it was copied.
  @discardableResult
  mutating func append(
    _ index: Int, of rows: Table.Rows, afterRowAbove: Bool
  ) -> (row: Int, copied: Bool) {
    if afterRowAbove, let first = rows.firstCellAlone(index),
      let r = appendRepeatingRowAbove(first: first)
    {
      return (r, true)
    }
    return (append(rows[index]), false)
  }

  /// Appends a row that shows the row before's cells but the first (`Table.Rows.Repeats`):
  /// `first`'s text, then a copy of theirs. The row's index; nil, and nothing appended, where
  /// there is no row above.
  private mutating func appendRepeatingRowAbove(first: Table.Cell) -> Int? {
    guard columns > 0, ends.count >= columns else { return nil }
    let above = ends.count / columns - 1
    if repeatedRow != above {
      let start = Int(ends[above * columns])
      repeatedBytes = Array(bytes[start..<Int(ends[above * columns + columns - 1])])
      repeatedEnds = ((above * columns + 1)..<(above * columns + columns)).map {
        Int(ends[$0]) - start
      }
    }
    Self.append(first, to: &bytes)
    ends.append(UInt32(clamping: bytes.count))
    let start = bytes.count
    bytes += repeatedBytes
    for end in repeatedEnds { ends.append(UInt32(clamping: start + end)) }
    repeatedRow = above + 1
    copied.append(true)
    return above + 1
  }

  /// Appends a row, its missing cells empty and its extra ones left out; the row's index.
  @discardableResult
  mutating func append(_ row: [Table.Cell]) -> Int {
    for i in 0..<columns {
      if i < row.count { Self.append(row[i], to: &bytes) }
      // A row that would take the buffer past 32-bit offsets is the caller's to avoid.
      ends.append(UInt32(clamping: bytes.count))
    }
    copied.append(false)
    return ends.count / columns - 1
  }

  /// Room for `rows` rows as long as those already in, up to `limit` bytes of text.
  mutating func reserve(rows: Int, upTo limit: Int) {
    guard !ends.isEmpty, rows > 0 else { return }
    let perRow = bytes.count / (ends.count / columns) + 1
    let (total, overflow) = perRow.multipliedReportingOverflow(by: rows)
    bytes.reserveCapacity(overflow ? limit : min(total, limit))
    ends.reserveCapacity(columns * min(rows, limit / perRow + 1))
    copied.reserveCapacity(min(rows, limit / perRow + 1))
  }

  /// Where a cell's text is in the bytes `withBytes` shows.
  func range(_ row: Int, _ column: Int) -> Range<Int> {
    let index = row * columns + column
    let start = index == 0 ? 0 : Int(ends[index - 1])
    return start..<Int(ends[index])
  }

  /// Whether row `row` holds the row above's text in every cell but the first, copied from it.
  func copiesRowAbove(_ row: Int) -> Bool { copied.indices.contains(row) && copied[row] }

  /// The text of every cell, in place.
  func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    bytes.withUnsafeBufferPointer(body)
  }

  /// The columns a text takes: its Unicode scalars (every character netcost prints takes one
  /// column), counted as the UTF-8 bytes that start one.
  static func columns(_ bytes: some Sequence<UInt8>) -> Int {
    var count = 0
    for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
    return count
  }

  /// A cell's text as a terminal shows it, appended to `bytes`.
  static func append(_ cell: Table.Cell, to bytes: inout [UInt8]) {
    switch cell {
    case .text(let s), .name(let s): bytes += s.utf8
    case .count(let n): NumberFormat.appendGrouped(n, to: &bytes)
    case .kilobytes(let n): NumberFormat.appendKilobytes(n, to: &bytes)
    case .megabytes(let n): NumberFormat.appendMegabytes(n, to: &bytes)
    case .millions(let n): NumberFormat.appendDecimal(n, over: 1_000_000, places: 2, to: &bytes)
    case .shape(let shape): shape.appendDescription(to: &bytes)
    case .kind(let kind): kind.append(to: &bytes)
    case .fixed(let x, let places): bytes += NumberFormat.fixed(x, places: places).utf8
    case .ratio(let x): bytes += NumberFormat.ratio(x).utf8
    case .difference(let x): bytes += NumberFormat.signedPercent(x).utf8
    case .display(let text, _): bytes += text.utf8
    case .empty: break
    }
  }

  /// A cell's text as a terminal shows it.
  static func text(_ cell: Table.Cell) -> String {
    var bytes: [UInt8] = []
    append(cell, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
