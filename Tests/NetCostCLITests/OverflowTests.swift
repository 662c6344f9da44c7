import Testing

@testable import NetCostCLI

/// Figures past 64 bits in the memory walks and in `compare` (issue 25): each is an error at the
/// layer, or said in its cell, never a trap. A fully connected layer of 10⁹ × 10⁹ weights has
/// 10¹⁸ params, whose bytes (4·10¹⁸) fit, but whose Adam state (two more copies) does not.
@Suite struct OverflowTests {
  static let billion = Array("input 1 x 1 x 1000000000\nfc units = 1000000000\n".utf8)
  static let threeBillion = Array("input 1 x 1 x 3000000000\nfc units = 1000000000\n".utf8)

  static func run(_ arguments: [String]) -> Output {
    ImportCommandTests.run(
      arguments, extra: ["big.netspec": billion, "bigger.netspec": threeBillion])
  }

  @Test(arguments: ["momentum", "adam"])
  func trainingStatePastSixtyFourBits(_ optimizer: String) {
    let out = Self.run(["big.netspec", "--optimizer", optimizer])
    #expect(out.exitCode == .specError)
    #expect(
      out.stderr.hasPrefix("big.netspec:2:1: error: a count of 'fc_1' does not fit in 64 bits"))
  }

  /// Where the input's bytes (3·10¹⁵ values at a batch of 10⁶) and the weights' bytes both pass
  /// 2⁶³, the input's is found first: the message names the first layer, with rows or without
  /// (a review's find: the walks made before the rows named the last).
  @Test(arguments: [["--batch", "1000000"], ["--batch", "1000000", "--optimizer", "adam"]])
  func inputBytesPastSixtyFourBitsNameTheFirstLayer(_ flags: [String]) {
    let both = Array(
      "input 1000 x 1 x 3000000000\npool: globalavgpool\nhead: fc units = 1000000000\n".utf8)
    let out = ImportCommandTests.run(["both.netspec"] + flags, extra: ["both.netspec": both])
    #expect(out.exitCode == .specError)
    #expect(
      out.stderr.hasPrefix("both.netspec:2:7: error: a count of 'pool' does not fit in 64 bits"))
  }

  @Test func plainSGDStillFits() {
    #expect(Self.run(["big.netspec", "--optimizer", "sgd"]).exitCode == .success)
  }

  /// 3·10¹⁸ params: their 4-byte memory is past 2⁶³ bytes; the comparison says so in the cell.
  @Test func comparisonParamMemoryPastSixtyFourBits() {
    let out = Self.run(["compare", "bigger.netspec", "vgg16"])
    #expect(out.exitCode == .success)
    #expect(out.stdout.contains("past 2⁶³ B"))
    let csv = Self.run(["compare", "bigger.netspec", "vgg16", "--format", "csv"])
    #expect(csv.stdout.contains("bigger,3000000001000000000,3000000000000000000,4000000000,,1,1"))
  }
}

extension OverflowTests {
  /// A ratio to or of zero (a review's find): two zeros are equal, and a count over a zero has
  /// no ratio, said alike in the table, CSV and JSON (was `inf× fewer`, 0 and 1 in the three).
  @Test func ratiosAtZero() {
    let zero = Array("input 1 x 1 x 1\nrelu\n".utf8)
    func run(_ arguments: [String]) -> Output {
      ImportCommandTests.run(arguments, extra: ["zero.netspec": zero])
    }
    #expect(run(["compare", "zero.netspec", "zero.netspec"]).stdout.contains("1.00×       1.00×"))
    let table = run(["compare", "zero.netspec", "alexnet"]).stdout
    #expect(table.contains("no ratio (a zero)  no ratio (a zero)"))
    let csv = run(["compare", "zero.netspec", "alexnet", "--format", "csv"]).stdout
    #expect(csv.contains("alexnet,61100840,716767232,2395296,244403360,,"))
    let json = run(["compare", "zero.netspec", "alexnet", "--format", "json"]).stdout
    #expect(json.contains("\"paramsWithoutBatchNorm\": null,\n        \"macs\": null"))
  }
}
