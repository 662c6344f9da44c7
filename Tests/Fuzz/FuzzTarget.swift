// The libFuzzer entry point: arbitrary bytes through every stage of netcost, lexer to renderers.
// Built only on demand, by Tests/Fuzz/run-fuzzer.sh, together with the library's sources; it is
// not part of the package, so `swift build` and `swift test` never see it.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: count)
  guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
  let source = SourceFile(name: "fuzz.netspec", text: text)
  let spec = Pipeline.parse(source)
  let outcome = Pipeline.analyze(spec, overrides: ["alpha": 0.5, "resolution": 64])
  _ = DiagnosticRenderer().render(outcome.diagnostics, in: source)
  let plain = Pipeline.analyze(spec)
  _ = DiagnosticRenderer(colored: true).render(plain.diagnostics, in: source)
  for analysis in [outcome.value, plain.value].compactMap({ $0 }) {
    _ = AnalysisReport.render(analysis)
    _ = AnalysisReport.document(analysis, byKind: true).renderedAsMarkdown()
    _ = AnalysisReport.document(analysis).renderedAsCSV()
    _ = JSONRenderer.render(analysis)
    _ = TerminalRenderer.render(Table(layersOf: analysis), style: TerminalStyle(width: 60))
    for (i, row) in analysis.rows.prefix(200).enumerated() {
      if let explanation = try? Explanation(row, previous: i > 0 ? analysis.rows[i - 1] : nil) {
        _ = ExplanationReport.lines(explanation)
      }
    }
    if analysis.rows.count <= 2_000 { _ = LayerChart.render(analysis) }
  }
  let verification = Pipeline.verify(spec) { _ in plain.value }
  if let checks = verification.value {
    _ = VerificationReport.document(checks).renderedForTerminal()
  }
  return 0
}
