import NetCost
import Testing

/// Rendered diagnostics, as whole text, colour off.
@Suite struct DiagnosticRendererTests {
  @Test func unknownKindWithHelp() {
    let source = SourceFile(name: "net.netspec", text: "input 8 x 8 x 3\ndwcnv kernel = 3\n")
    let text = DiagnosticRenderer().render(Pipeline.analyze(source).diagnostics, in: source)
    #expect(
      text == """
        net.netspec:2:1: error: unknown layer kind 'dwcnv'
          |
        2 | dwcnv kernel = 3
          | ^^^^^
          = help: did you mean 'dwconv'?

        """)
  }

  /// The gutter widens with the line number, and a note pointing elsewhere gets its own snippet.
  @Test func gutterWidensAndNotesPointElsewhere() {
    let lines =
      ["input 8 x 8 x 3", "block b(x) { relu }"] + Array(repeating: "relu", count: 8)
      + ["b(1, 2)"]
    let source = SourceFile(name: "net.netspec", text: lines.joined(separator: "\n"))
    let text = DiagnosticRenderer().render(Pipeline.analyze(source).diagnostics, in: source)
    #expect(
      text == """
        net.netspec:11:1: error: block 'b' takes 1 argument, got 2
           |
        11 | b(1, 2)
           | ^^^^^^^
        net.netspec:2:7: note: 'b' defined here
          |
        2 | block b(x) { relu }
          |       ^

        """)
  }

  @Test func shapeErrorUnderlinesTheValue() {
    let source = SourceFile(
      name: "net.netspec",
      text: "param alpha = 1\ninput 8 x 8 x 3\nconv filters = 4, kernel = 9\n")
    let text = DiagnosticRenderer().render(Pipeline.analyze(source).diagnostics, in: source)
    #expect(
      text == """
        net.netspec:3:19: error: the 9×9 window of 'conv_1' is larger than its padded input 8×8
          |
        3 | conv filters = 4, kernel = 9
          |                   ^^^^^^^^^^
          = note: the input of 'conv_1' is 8×8×3
          = note: with alpha = 1

        """)
  }

  @Test func colourOnlyWhenAsked() {
    let source = SourceFile(name: "n", text: "relu")
    let diagnostics = Pipeline.analyze(source).diagnostics
    #expect(!DiagnosticRenderer(colored: false).render(diagnostics, in: source).contains("\u{1B}["))
    #expect(
      DiagnosticRenderer(colored: true).render(diagnostics, in: source).contains("\u{1B}[31m"))
  }
}
