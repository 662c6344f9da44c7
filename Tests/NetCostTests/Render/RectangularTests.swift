import Foundation
import NetCost
import Testing

/// Kernels, strides and paddings that differ in height and width, written `1 x 7`: Inception v3's
/// factorised convolutions (Szegedy et al. 2015, "Rethinking the Inception Architecture",
/// Figure 6: n×1 after 1×n), analysed, explained and rendered whole.
@Suite struct RectangularTests {
  static let spec = """
    network "factorised"
    input 17 x 17 x 768
    a: conv filters = 192, kernel = 1 x 7, padding = 0 x 3, bias = false -> bn scale = false -> relu
    b: conv filters = 192, kernel = 7 x 1, padding = 3 x 0, bias = false -> bn -> relu
    c: conv filters = 8, kernel = 3 x 5, stride = 1 x 2
    p: pad top = 1, left = 1
    m: maxpool kernel = 3 x 1, stride = 2 x 1

    """

  @Test func tableAndExplanation() throws {
    let analysis = try Run.analysis(of: SourceFile(name: "factorised.netspec", text: Self.spec))
    let explanations = try analysis.rows.enumerated().map { i, row in
      try Explanation(row, previous: i > 0 ? analysis.rows[i - 1] : nil)
    }
    expectGolden(
      AnalysisReport.render(analysis) + "\n" + ExplanationReport.render(explanations),
      named: "factorised.txt")
  }

  /// JSON carries both sides of every window.
  @Test func jsonHasBothSides() throws {
    let analysis = try Run.analysis(of: SourceFile(name: "factorised.netspec", text: Self.spec))
    expectGolden(JSONRenderer.render(analysis), named: "factorised.json")
  }

  @Test(arguments: [
    ("a: conv filters = 8, kernel = 1 x 0", "the width of 'kernel' must be at least 1, got 0"),
    ("a: conv filters = 8 x 2, kernel = 3", "expected a number, not a height x width pair"),
    (
      "a: conv filters = 8, kernel = 3, bias = 1 x 2",
      "'bias' must be true, false or a condition (such as keras == 1)"
    ),
    (
      "a: conv filters = 8, kernel = 3, padding = 1 x -1",
      "the width of 'padding' must be at least 0, got -1"
    ),
  ])
  func badPairs(_ line: String, _ message: String) {
    let diagnostics = Run.diagnostics("input 9 x 9 x 3\n" + line + "\n")
    #expect(diagnostics.map(\.message) == [message])
  }
}
