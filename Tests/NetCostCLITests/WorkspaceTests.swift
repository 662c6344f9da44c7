import Testing

@testable import NetCostCLI

/// `--workspace`: a workspace the user knows, added to the inference peak (issue 24). The figures
/// are docs/memory.md's H100 measurement of torchvision's VGG16 (PyTorch 2.11, batch 32, no-grad
/// eval forward): 1,644,315,136 B, of which netcost's walk gives 822,083,584 B of tensors and
/// cuBLAS's 33,554,432 B, so cuDNN took 788,677,120 B.
@Suite struct WorkspaceTests {
  static func line(_ out: Output, _ prefix: String) -> String? {
    ImportCommandTests.line(out.stdout, starting: prefix)
  }

  @Test func statedWorkspaceGivesTheMeasuredPeak() {
    let base = ["vgg16", "--memory", "pytorch", "--batch", "32"]
    let unstated = ImportCommandTests.run(base)
    #expect(
      Self.line(unstated, "  peak with workspace")
        == "  peak with workspace  855,638,016 B  (816.00 MB, cuDNN's convolution workspace, "
        + "chosen at run time, comes on top: state it with --workspace)")
    let stated = ImportCommandTests.run(base + ["--workspace", "788677120"])
    #expect(
      Self.line(stated, "  stated workspace")
        == "  stated workspace       788,677,120 B  (752.14 MB, as given by --workspace)")
    #expect(
      Self.line(stated, "  peak with workspace")
        == "  peak with workspace  1,644,315,136 B  (1,568.14 MB)")
    let json = ImportCommandTests.run(base + ["--workspace", "512MB", "--format", "json"])
    #expect(json.stdout.contains("\"statedWorkspaceBytes\": 536870912"))
  }

  @Test(arguments: [
    (["vgg16", "--workspace", "1GB"], "error: '--workspace' adds to the peak of a memory walk"),
    (
      ["vgg16", "--memory", "pytorch", "--workspace", "0"],
      "error: '--workspace' takes a positive amount such as '2MB' or '2097152', got '0'"
    ),
    (
      ["vgg16", "--memory", "pytorch", "--workspace", "0x10"],
      "error: '--workspace' takes a positive amount such as '2MB' or '2097152', got '0x10'"
    ),
    (
      ["vgg16", "--memory", "ideal", "--workspace", "2000000000GB"],
      "error: '--workspace' takes at most 1,125,899,906,842,624 bytes (1 PiB), got '2000000000GB'"
    ),
  ])
  func refused(_ arguments: [String], _ first: String) {
    let out = ImportCommandTests.run(arguments)
    #expect(out.exitCode == .usage)
    #expect(out.stderr.split(separator: "\n").first.map(String.init) == first)
  }
}
