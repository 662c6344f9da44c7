import Testing

@testable import NetCost
@testable import NetCostCore
@testable import NetCostRender

/// What a model file can claim (issue 23, part 4): an ONNX export's params are the weights in
/// the file, and its training step and a module-hooking tool's count carry a caveat; a spec, a
/// `.pt2` and a Keras model claim their framework's count, with no caveat.
@Suite struct CaveatsTests {
  static func onnx(
    convention: Convention = .paper, memory: MemorySettings = .standard
  ) throws -> Analysis {
    let bytes = try Fixture.bytes("onnx/resnet50.dynamo.onnx")
    let spec = bytes.withUnsafeBytes { Pipeline.parse(onnx: $0, name: "resnet50.dynamo.onnx") }
    return try #require(Pipeline.analyze(spec, convention: convention, memory: memory).value)
  }

  @Test func onnxParamsAreTheWeightsInTheFile() throws {
    let analysis = try Self.onnx()
    #expect(analysis.provenance == .inferenceGraph("ONNX"))
    #expect(AnalysisReport.render(analysis).contains("(the weights in the file; an exporter"))
    #expect(!AnalysisReport.render(analysis).contains("what PyTorch counts"))
    #expect(JSONRenderer.render(analysis).contains("\"trainableParamsAre\": \"the weights in"))
    #expect(Caveats.of(analysis).isEmpty)
  }

  /// Each caveat appears where its figure is asked for, and only there.
  @Test(arguments: [
    (Convention.thop, false, ["thop 0.1.1 counts by the modules"]),
    (Convention.fvcore, false, []),
    (Convention.paper, true, ["the training step walks the ONNX inference graph"]),
    (Convention.torchinfo, true, ["torchinfo 1.8.0 counts", "the training step walks"]),
  ])
  func caveatsFollowTheFiguresAsked(
    _ convention: Convention, _ training: Bool, _ starts: [String]
  ) throws {
    let memory = MemorySettings(batch: 2, policy: .pytorch, optimizer: .adam)
    let analysis = try Self.onnx(convention: convention, memory: training ? memory : .standard)
    let caveats = Caveats.of(analysis)
    #expect(caveats.count == starts.count)
    for (caveat, start) in zip(caveats, starts) { #expect(caveat.hasPrefix(start)) }
    let text = AnalysisReport.render(analysis)
    #expect(caveats.allSatisfy { text.contains($0) })
  }

  @Test func specsAndFrameworksClaimTheirCount() throws {
    let builtin = try Run.analysis("resnet50")
    #expect(builtin.provenance == .spec)
    #expect(AnalysisReport.render(builtin).contains("(what PyTorch counts)"))
    #expect(!JSONRenderer.render(builtin).contains("trainableParamsAre"))
    #expect(Caveats.conventions(builtin.provenance).isEmpty)
    let pt2 = try PT2ImportTests.analysis("resnet18")
    #expect(pt2.provenance == .framework("PyTorch"))
    #expect(AnalysisReport.render(pt2).contains("(what PyTorch counts)"))
  }

  @Test func conventionsOfAnInferenceGraphNameEveryModuleTool() throws {
    let caveats = Caveats.conventions(.inferenceGraph("ONNX"))
    #expect(
      caveats.first?.hasPrefix(
        "torchinfo, ptflops, thop and flops count by the modules and functions PyTorch calls")
        == true)
  }
}
