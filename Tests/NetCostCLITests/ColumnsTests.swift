import Testing

@testable import NetCostCLI

/// `--columns rf`: the receptive-field columns, their legend, and a wrong column refused.
@Suite struct ColumnsTests {
  @Test func receptiveFieldColumns() {
    let out = CLITests.run(["vgg16", "--columns", "rf"])
    #expect(out.exitCode == .success)
    let lines = out.stdout.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("layer ") && $0.hasSuffix("RF  RF stride  RF padding") })
    #expect(lines.contains { $0.hasPrefix("pool5 ") && $0.hasSuffix("212         32          90") })
    #expect(
      lines.last?.hasPrefix("RF: what one unit of the row's output sees of the input") == true)
    let csv = CLITests.run(["googlenet", "--columns", "rf", "--format", "csv"])
    #expect(
      csv.stdout.hasPrefix(
        "layer,kind,output_height,output_width,output_channels,params,macs,activation_bytes,rf_size,rf_stride,rf_padding\r\n"
      ))
  }

  @Test func unknownColumn() {
    let out = CLITests.run(["vgg16", "--columns", "rf,flops"])
    #expect(out.exitCode == .usage)
    #expect(out.stderr.hasPrefix("error: '--columns' takes 'rf', got 'flops'\n"))
  }
}
