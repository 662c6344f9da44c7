import NetCost
import Testing

/// Families (one spec, many networks by library name) and what their specs needed: compound
/// scaling, training-only layers, Keras's variants.
@Suite struct FamilyTests {
  /// `sweep efficientnet --set phi=0,…,7` prints the EfficientNet paper's Table 2 (Tan & Le
  /// 2019; its "FLOPS" are multiply-adds) beside the computed MACs and params, whole output.
  @Test func efficientNetTable2() throws {
    let spec = try Run.spec("efficientnet")
    let sweep = try #require(
      Pipeline.sweep(spec, over: [("phi", [0, 1, 2, 3, 4, 5, 6, 7])]).value)
    expectGolden(
      SweepReport.document(sweep).renderedForTerminal(), named: "efficientnet-phi.txt")
  }

  /// Eq. 3 literally (`compound = 1`): width 1.1^φ, depth 1.2^φ, resolution 224 · 1.15^φ, which
  /// the released B1–B7 do not follow (B1 is 1.0 wide at 240, not 1.1 at 258).
  @Test func compoundScalingByTheEquation() throws {
    let b1 = try Run.analysis("efficientnet", ["phi": 1, "compound": 1])
    #expect(b1.input == Shape(258, 258, 3))  // round(224 · 1.15)
    #expect(b1.parameter("width_mult") == 1.1)
    #expect(b1.parameter("depth_mult") == 1.2)
    let released = try Run.analysis("efficientnet_b1")
    #expect(released.input == Shape(240, 240, 3))
    #expect(released.parameter("width_mult") == 1.0)
  }

  /// Keras's model.summary() totals (total, trainable) for the Keras variants and widths above 1
  /// (§7 of the reference figures; the others run with Keras 3.15.1 by
  /// Tests/Fixtures/keras/count_applications.py, whose output is applications.tsv).
  @Test(
    arguments: [
      ("ResNet50", [:], 25_636_712, 25_583_592),
      ("InceptionV3", [:], 23_851_784, 23_817_352),
      ("densenet201", [:], 20_242_984, 20_013_928),
      ("mobilenet", ["alpha": 1.3, "resolution": 256], 6_746_582, 6_718_156),
      ("mobilenet-v2", ["alpha": 1.4], 6_156_712, 6_108_776),
      ("ResNet101", [:], 44_707_176, 44_601_832),
      ("ResNet152", [:], 60_419_944, 60_268_520),
      ("EfficientNetB0", [:], 5_330_571, 5_288_548),
      ("EfficientNetB2", [:], 9_177_569, 9_109_994),
      ("mobilenet-v3-large", [:], 5_507_432, 5_483_032),
      ("mobilenet-v3-small", [:], 2_554_968, 2_542_856),
    ] as [(String, [String: Double], Int, Int)])
  func kerasSummaries(
    _ network: String, _ overrides: [String: Double], total: Int, trainable: Int
  )
    throws
  {
    let t = try Run.analysis(network, overrides).totals
    #expect(t.params == total)
    #expect(t.trainableParams == trainable)
  }

  /// Inception v3's auxiliary classifier runs only in training: torchvision's num_params counts
  /// its 3,326,696 parameters (27,161,264 in all), its 5.713 GFLOPS do not count its MACs.
  @Test func auxiliaryClassifierCountsParamsOnly() throws {
    let with = try Run.analysis("inception_v3")
    let without = try Run.analysis("inception_v3", ["aux": 0])
    #expect(with.totals.trainableParams - without.totals.trainableParams == 3_326_696)
    #expect(with.totals.macs == without.totals.macs)
    #expect(with.totals.activationBytes == without.totals.activationBytes)
    let aux = with.rows.filter(\.trainingOnly)
    #expect(
      aux.map(\.name) == [
        "AuxLogits", "AuxLogits/conv0", "AuxLogits/conv1", "AuxLogits/pool", "AuxLogits/fc",
      ])
    #expect(aux.allSatisfy { $0.cost.macs == 0 && $0.activationBytes == 0 })
    // Mixed_7a reads Mixed_6e, not the classifier.
    #expect(try with.row("Mixed_7a/branch3x3_1").inputs == [Shape(17, 17, 768)])
    let json = JSONRenderer.render(with)
    #expect(json.contains("\"name\": \"AuxLogits/fc\""))
    #expect(json.contains("\"trainingOnly\": true"))
    let explained = ExplanationReport.lines(try Explanation(try with.row("AuxLogits/conv1")))
    #expect(explained.contains("MACs = 0"))
    #expect(
      explained.last == "training only: inference never runs it, so its MACs and memory are 0")
  }

  /// ConvNeXt's layer scale is a parameter of its own, not batch norm's: the papers' count
  /// (without batch norm) keeps it.
  @Test func layerScaleIsNotBatchNorm() throws {
    let t = try Run.analysis("convnext_tiny").totals
    #expect(t.batchNormParams == 0)
    #expect(t.params == 28_589_128)
  }
}
