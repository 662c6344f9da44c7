import Foundation
import NetCost
import Testing

/// The one-head attention of docs/spec-language.md ("Tensors of any rank"), as users read it: the
/// table with its `products` column and totals line, and CSV's column, against whole goldens.
/// Its figures by hand: qkv 196·192·576 = 21,676,032 MACs; Q·Kᵀ and A·V 196·196·192 = 7,375,872
/// products each; proj 196·192·192 = 7,225,344.
@Suite struct AttentionTableTests {
  /// The example exactly as the docs write it.
  static func example() throws -> SourceFile {
    let doc = try Paths.read(Paths.docs.appendingPathComponent("spec-language.md"))
    let start = try #require(doc.range(of: "```\nnetwork \"attention\"\n"))
    let rest = doc[start.upperBound...]
    let end = try #require(rest.range(of: "```"))
    return SourceFile(
      name: "attention.netspec", text: "network \"attention\"\n" + rest[..<end.lowerBound])
  }

  @Test func tableAndTotals() throws {
    let analysis = try Run.analysis(of: try Self.example())
    #expect(analysis.totals.activationMatmulMacs == 2 * 7_375_872)
    #expect(analysis.totals.macs == 21_676_032 + 7_225_344)
    expectGolden(
      AnalysisReport.document(analysis).renderedForTerminal(style: TerminalStyle(width: 120)),
      named: "attention.txt")
    expectGolden(CSVRenderer.render(Table(layersOf: analysis)), named: "attention.csv")
  }
}
