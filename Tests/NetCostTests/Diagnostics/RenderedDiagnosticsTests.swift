import NetCost
import Testing

/// A few whole rendered diagnostics, as a user sees them on stderr (colour off), kept as goldens.
@Suite struct RenderedDiagnosticsTests {
  static let cases: [(name: String, spec: String)] = [
    (
      "several-errors",
      """
      network "tiny"
      param alpha = 1.0 in (0, 1]
      input 32 x 32 x 3

      conv1: conv filters = int(32 * alpha), kernel = 3, strid = 2 -> bn -> relu
      dwcnv kernel = 3
      conv filters = 8.5, kernel = 3
      fc units = 10, from = conv9
      """
    ),
    (
      "shape-in-a-block",
      """
      network "stages"
      param resolution = 16 in [8, 512]
      input resolution x resolution x 3

      block down(n) {
        "down{n}": conv filters = 8, kernel = 3, stride = 2
      }
      down(1)
      down(2)
      down(3)
      down(4)
      """
    ),
    (
      "expansion-bomb",
      """
      input 8 x 8 x 3
      repeat 1000 {
        repeat 1000 {
          repeat 1000 { relu }
        }
      }
      """
    ),
    (
      "syntax",
      """
      input 8 x 8 x 3
      conv filters = (8 * 2, kernel = 3
      concat { relu }
      network mobilenet
      for i in 1 .. 3 { relu }
      """
    ),
  ]

  @Test(arguments: cases)
  func rendered(_ c: (name: String, spec: String)) {
    let source = SourceFile(name: c.name + ".netspec", text: c.spec)
    let diagnostics = Pipeline.analyze(source).diagnostics
    expectGolden(
      DiagnosticRenderer().render(diagnostics, in: source), named: "diagnostics/\(c.name).txt")
  }
}
