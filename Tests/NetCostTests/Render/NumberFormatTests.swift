import NetCost
import Testing

@Suite struct NumberFormatTests {
  static let grouped: [(Int, String)] = [
    (0, "0"), (999, "999"), (1000, "1,000"), (4_253_864, "4,253,864"),
    (15_470_264_320, "15,470,264,320"), (-1234, "-1,234"),
  ]

  @Test(arguments: grouped)
  func groupsThousands(_ value: Int, _ text: String) {
    #expect(NumberFormat.grouped(value) == text)
  }

  /// The byte writers the tables use give what the strings are (`String(describing:)` for plain
  /// integers), at the edges of 64 bits too.
  @Test(arguments: [0, 7, 9, 10, 99, 100, 1_000_000, -1, -10, Int.max, Int.min, Int.min + 1])
  func bytesAreTheStrings(_ value: Int) {
    var plain: [UInt8] = []
    NumberFormat.appendInteger(value, to: &plain)
    #expect(String(decoding: plain, as: UTF8.self) == String(value))
    var grouped: [UInt8] = Array("x".utf8)
    NumberFormat.appendGrouped(value, to: &grouped)
    #expect(String(decoding: grouped, as: UTF8.self) == "x" + NumberFormat.grouped(value))
    var kilobytes: [UInt8] = []
    NumberFormat.appendKilobytes(value, to: &kilobytes)
    #expect(String(decoding: kilobytes, as: UTF8.self) == NumberFormat.kilobytes(value))
  }

  static let short: [(Int, String)] = [
    (568_740_352, "568.74 M"), (290_675_200, "290.68 M"), (15_470_264_320, "15.47 G"),
    (4_253_864, "4.25 M"), (23_296, "23.30 K"), (999, "999"), (1_995_000, "2.00 M"),
  ]

  @Test(arguments: short)
  func scalesToUnits(_ value: Int, _ text: String) {
    #expect(NumberFormat.short(value) == text)
  }

  /// EECS 498-007 Lecture 8's memory column: 784 KB for conv1; 182.25 KB for pool1 the same way.
  @Test func kilobytesAsSeed003() {
    #expect(NumberFormat.kilobytes(64 * 56 * 56 * 4) == "784.00")
    #expect(NumberFormat.kilobytes(64 * 27 * 27 * 4) == "182.25")
    #expect(NumberFormat.kilobytes(Int.max) == "9,007,199,254,740,992.00")
    #expect(NumberFormat.kilobytes(Int.min) == "-9,007,199,254,740,992.00")
    #expect(NumberFormat.decimal(-1, over: 1024, places: 2) == "-0.00")
  }
  /// A value from a file in a message: whole numbers as integers, others as Swift writes a
  /// Double, and NaN and the infinities in words, never Swift's `nan`, `-nan` or `inf` (a
  /// review's folded `Sqrt(-4)` was "input 2 holds -nan").
  @Test(arguments: [
    (224.0, "224"), (-3.0, "-3"), (0.25, "0.25"), (1e20, "1e+20"), (Double.nan, "NaN"),
    (1e15, "1000000000000000"), (-4e18, "-4000000000000000000"),
    (-Double.nan, "NaN"), (Double.infinity, "infinity"), (-Double.infinity, "-infinity"),
  ])
  func shortDescriptions(_ value: Double, _ text: String) {
    #expect(value.shortDescription == text)
  }
}
