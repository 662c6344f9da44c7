import Foundation
import NetCost
import Testing

/// The built-in networks against published figures, each row citing its source in
/// `../shared/reference/published.md` (§ numbers) or a library's own output. Exact: no tolerance.
@Suite struct ReferenceModelTests {
  struct TotalsCase: Sendable, CustomTestStringConvertible {
    var network: String
    var overrides: [String: Double] = [:]
    var params: Int? = nil
    var trainable: Int? = nil
    var nonTrainable: Int? = nil
    var withoutBatchNorm: Int? = nil
    var macs: Int? = nil
    var source: String
    var testDescription: String { "\(network) \(overrides.sorted { $0.key < $1.key }) — \(source)" }
  }

  static let totals: [TotalsCase] = [
    TotalsCase(
      network: "mobilenet", params: 4_253_864, trainable: 4_231_976, nonTrainable: 21_888,
      withoutBatchNorm: 4_210_088, macs: 568_740_352,
      source: "§1 Keras model.summary() and the derived check (Table 1, last dw at stride 1)"),
    TotalsCase(
      network: "mobilenet", overrides: ["alpha": 0.75], macs: 325_400_448,
      source: "§1 Table 6: 325 M (exact count derived from Table 1)"),
    TotalsCase(
      network: "mobilenet", overrides: ["alpha": 0.5], macs: 149_497_088,
      source: "§1 Table 6: 149 M"),
    TotalsCase(
      network: "mobilenet", overrides: ["alpha": 0.25], macs: 41_030_272,
      source: "§1 Table 6: 41 M"),
    TotalsCase(
      network: "mobilenet", overrides: ["resolution": 192], macs: 418_121_728,
      source: "§1 Table 7: 418 M"),
    TotalsCase(
      network: "mobilenet", overrides: ["resolution": 160], macs: 290_675_200,
      source: "§1 Table 7: 290 M (the paper truncates 290.68)"),
    TotalsCase(
      network: "mobilenet", overrides: ["resolution": 128], macs: 186_400_768,
      source: "§1 Table 7: 186 M"),
    TotalsCase(
      network: "mobilenet", overrides: ["alpha": 0.5, "resolution": 32, "classes": 10],
      params: 834_666, trainable: 823_722, nonTrainable: 10_944,
      source:
        "Keras Applications MobileNet(alpha=0.5, input_shape=(32, 32, 3), classes=10), model.summary()"
    ),
    TotalsCase(
      network: "alexnet", params: 61_100_840,
      source: "§5/§6: torchvision AlexNet num_params (EECS 498 layout)"),
    TotalsCase(
      network: "alexnet-2012", params: 60_965_224, macs: 724_406_816,
      source: "§5: derived for the grouped original at 227 (MobileNet T9's 720 M)"),
    TotalsCase(
      network: "vgg16", params: 138_357_544, macs: 15_470_264_320,
      source: "§4: torchvision/Keras exact params; derived conv+FC MACs (torchvision 15.47 GFLOPS)"),
    TotalsCase(
      network: "squeezenet", params: 1_248_424, macs: 818_924_576,
      source: "§2 torchvision squeezenet1_0 num_params; §8 MXOP SqueezeNet1_0 818,924,576 mults"),
    TotalsCase(
      network: "squeezenet-1.1", params: 1_235_496, macs: 349_151_936,
      source: "§2 torchvision squeezenet1_1 num_params; §8 MXOP SqueezeNet1_1 349,151,936 mults"),
  ]

  /// The reference implementations' parameter counts (§6–8): torchvision's `num_params` and
  /// Keras's trainable count are netcost's trainable params (batch norm's γ and β, not its
  /// moving statistics); and their GFLOPS, which are MACs, to the places they print.
  static let implementations:
    [(network: String, trainable: Int, gigaMACs: String?, source: String)] = [
      ("shufflenet-v2", 2_278_604, "0.145", "§6 torchvision ShuffleNet_V2_X1_0 (0.145)"),
      ("mobilenet-v2", 3_504_872, "0.301", "§6/§7 torchvision and Keras MobileNetV2 (0.301)"),
      ("mobilenet-v3-large", 5_483_032, "0.217", "§6 torchvision MobileNet_V3_Large (0.217)"),
      ("mobilenet-v3-small", 2_542_856, "0.057", "§6 torchvision MobileNet_V3_Small (0.057)"),
      ("xception", 22_855_952, nil, "§7/§8 Keras Xception trainable; Xception paper Table 3"),
    ]

  @Test(arguments: implementations)
  func referenceImplementations(
    _ c: (network: String, trainable: Int, gigaMACs: String?, source: String)
  ) throws {
    let t = try Run.analysis(c.network).totals
    #expect(t.trainableParams == c.trainable, "\(c.source)")
    if let giga = c.gigaMACs {
      #expect(NumberFormat.decimal(t.macs, over: 1_000_000_000, places: 3) == giga, "\(c.source)")
    }
  }

  /// Every torchvision classification model (issue 27: all 80 of torchvision 0.29), by its name
  /// (AlexNet at torchvision's 224, not the lecture's 227 it defaults to):
  /// its weights' documented `num_params` is netcost's trainable params; what
  /// torch.utils.flop_counter.FlopCounterMode counts in a forward, halved (every convolution,
  /// linear layer and product of two tensors, attention's included), is netcost's MACs plus its
  /// activation products to the integer (for the CNNs, the MACs alone, which forward hooks on
  /// their convolutions and linear layers count too); and the documented GFLOPS (`_ops`,
  /// multiply-adds) is that sum to three places, at the weights' input size. Measured with
  /// torchvision 0.29.2 by Tests/Fixtures/torchvision/measure_models.py, whose output is
  /// models.tsv beside it (§6 of the reference figures lists some of them too).
  static let torchvision:
    [(network: String, overrides: [String: Double], numParams: Int, macs: Int, ops: String)] = [
      ("vgg11", [:], 132_863_336, 7_609_090_048, "7.609"),
      ("vgg11_bn", [:], 132_868_840, 7_609_090_048, "7.609"),
      ("vgg13", [:], 133_047_848, 11_308_466_176, "11.308"),
      ("vgg13_bn", [:], 133_053_736, 11_308_466_176, "11.308"),
      ("vgg16", [:], 138_357_544, 15_470_264_320, "15.470"),
      ("vgg16_bn", [:], 138_365_992, 15_470_264_320, "15.470"),
      ("vgg19", [:], 143_667_240, 19_632_062_464, "19.632"),
      ("vgg19_bn", [:], 143_678_248, 19_632_062_464, "19.632"),
      ("resnet18", [:], 11_689_512, 1_814_073_344, "1.814"),
      ("resnet34", [:], 21_797_672, 3_663_761_408, "3.664"),
      ("resnet50", [:], 25_557_032, 4_089_184_256, "4.089"),
      ("resnet101", [:], 44_549_160, 7_801_405_440, "7.801"),
      ("resnet152", [:], 60_192_808, 11_513_626_624, "11.514"),
      ("wide_resnet50_2", [:], 68_883_240, 11_398_021_120, "11.398"),
      ("wide_resnet101_2", [:], 126_886_696, 22_753_050_624, "22.753"),
      ("resnext50_32x4d", [:], 25_028_904, 4_230_479_872, "4.230"),
      ("resnext101_32x8d", [:], 88_791_336, 16_414_015_488, "16.414"),
      ("resnext101_64x4d", [:], 83_455_272, 15_460_270_080, "15.460"),
      ("densenet121", [:], 7_978_856, 2_834_161_664, "2.834"),
      ("densenet161", [:], 28_681_000, 7_727_907_072, "7.728"),
      ("densenet169", [:], 14_149_480, 3_359_843_328, "3.360"),
      ("densenet201", [:], 20_013_928, 4_291_365_888, "4.291"),
      ("mnasnet0_5", [:], 2_218_512, 104_455_968, "0.104"),
      ("mnasnet0_75", [:], 3_170_208, 215_493_104, "0.215"),
      ("mnasnet1_0", [:], 4_383_312, 314_415_872, "0.314"),
      ("mnasnet1_3", [:], 6_282_256, 526_362_432, "0.526"),
      ("efficientnet_b0", [:], 5_288_548, 385_814_752, "0.386"),
      ("efficientnet_b1", [:], 7_794_184, 686_802_832, "0.687"),
      ("efficientnet_b2", [:], 9_109_994, 1_087_529_456, "1.088"),
      ("efficientnet_b3", [:], 12_233_232, 1_827_141_392, "1.827"),
      ("efficientnet_b4", [:], 19_341_616, 4_393_771_024, "4.394"),
      ("efficientnet_b5", [:], 30_389_784, 10_266_384_752, "10.266"),
      ("efficientnet_b6", [:], 43_040_704, 19_067_593_536, "19.068"),
      ("efficientnet_b7", [:], 66_347_960, 37_745_884_192, "37.746"),
      ("regnet_x_400mf", [:], 5_495_976, 413_812_608, "0.414"),
      ("regnet_y_400mf", [:], 4_344_144, 401_842_848, "0.402"),
      ("convnext_tiny", [:], 28_589_128, 4_455_531_264, "4.456"),
      ("inception_v3", [:], 27_161_264, 5_713_216_096, "5.713"),
      ("googlenet", ["torchvision": 1], 6_624_904, 1_498_376_192, "1.498"),
      ("alexnet", ["resolution": 224], 61_100_840, 714_188_480, "0.714"),
      ("squeezenet1_0", [:], 1_248_424, 818_924_576, "0.819"),
      ("squeezenet-1.1", [:], 1_235_496, 349_151_936, "0.349"),
      ("mobilenet-v2", [:], 3_504_872, 300_774_272, "0.301"),
      ("mobilenet-v3-large", [:], 5_483_032, 216_589_760, "0.217"),
      ("mobilenet-v3-small", [:], 2_542_856, 56_510_400, "0.057"),
      ("shufflenet_v2_x0_5", [:], 1_366_792, 40_476_448, "0.040"),
      ("shufflenet_v2_x1_0", [:], 2_278_604, 144_907_992, "0.145"),
      ("shufflenet_v2_x1_5", [:], 3_503_624, 295_759_392, "0.296"),
      ("shufflenet_v2_x2_0", [:], 7_393_996, 583_253_464, "0.583"),
      ("regnet_x_800mf", [:], 7_259_656, 799_699_712, "0.800"),
      ("regnet_x_1_6gf", [:], 9_190_136, 1_602_849_792, "1.603"),
      ("regnet_x_3_2gf", [:], 15_296_552, 3_176_621_952, "3.177"),
      ("regnet_x_8gf", [:], 39_572_648, 7_995_132_416, "7.995"),
      ("regnet_x_16gf", [:], 54_278_536, 15_940_755_456, "15.941"),
      ("regnet_x_32gf", [:], 107_811_560, 31_735_929_792, "31.736"),
      ("regnet_y_800mf", [:], 6_432_512, 833_856_256, "0.834"),
      ("regnet_y_1_6gf", [:], 11_202_430, 1_612_076_160, "1.612"),
      ("regnet_y_3_2gf", [:], 19_436_338, 3_176_482_752, "3.176"),
      ("regnet_y_8gf", [:], 39_381_472, 8_473_070_592, "8.473"),
      ("regnet_y_16gf", [:], 83_590_140, 15_911_510_272, "15.912"),
      ("regnet_y_32gf", [:], 145_046_770, 32_279_552_832, "32.280"),
      ("regnet_y_128gf", [:], 644_812_894, 374_570_006_400, "374.570"),
      ("convnext_small", [:], 50_223_688, 8_683_712_256, "8.684"),
      ("convnext_base", [:], 88_591_464, 15_354_729_472, "15.355"),
      ("convnext_large", [:], 197_767_336, 34_361_433_600, "34.361"),
      ("efficientnet_v2_s", [:], 21_458_488, 8_365_617_152, "8.366"),
      ("efficientnet_v2_m", [:], 54_139_356, 24_582_460_384, "24.582"),
      ("efficientnet_v2_l", [:], 118_515_272, 56_079_699_008, "56.080"),
      ("vit_b_16", [:], 86_567_656, 17_563_828_224, "17.564"),
      ("vit_b_32", [:], 88_224_232, 4_409_186_304, "4.409"),
      ("vit_l_16", [:], 304_326_632, 61_554_712_576, "61.555"),
      ("vit_l_32", [:], 306_535_400, 15_377_539_072, "15.378"),
      ("vit_h_14", [:], 633_470_440, 1_016_716_764_160, "1,016.717"),
      ("swin_t", [:], 28_288_354, 4_490_566_656, "4.491"),
      ("swin_s", [:], 49_606_258, 8_740_875_264, "8.741"),
      ("swin_b", [:], 87_768_224, 15_430_946_816, "15.431"),
      ("swin_v2_t", [:], 28_351_570, 5_939_690_496, "5.940"),
      ("swin_v2_s", [:], 49_737_442, 11_545_857_024, "11.546"),
      ("swin_v2_b", [:], 87_930_848, 20_325_134_336, "20.325"),
      ("maxvit_t", [:], 30_919_624, 5_558_046_720, "5.558"),
    ]

  @Test(arguments: torchvision)
  func torchvisionModels(
    _ c: (network: String, overrides: [String: Double], numParams: Int, macs: Int, ops: String)
  ) throws {
    let t = try Run.analysis(c.network, c.overrides).totals
    #expect(t.trainableParams == c.numParams)
    #expect(t.macs + t.activationMatmulMacs == c.macs)
    #expect(
      NumberFormat.decimal(t.macs + t.activationMatmulMacs, over: 1_000_000_000, places: 3)
        == c.ops)
  }

  /// The table above is models.tsv, row for row: the model's own parameter count and its
  /// documented `num_params`, FlopCounterMode's FLOPs (two per MAC), and `_ops` as printed
  /// (0.8 is 0.800, 1016.717 is 1,016.717). Each CNN's hooked MACs equal FlopCounterMode's half; a transformer's are
  /// fewer, as hooks miss the linear layers PyTorch runs as functions (attention's projections).
  @Test func torchvisionTableIsTheMeasurement() throws {
    let url = Paths.fixtures.appendingPathComponent("torchvision/models.tsv")
    let lines = try Paths.read(url).split(separator: "\n").dropFirst()
    // The four whose built-in names the catalog finds ignoring `-`, `_` and `.`.
    let builtin = [
      "squeezenet1_1": "squeezenet-1.1", "mobilenet_v2": "mobilenet-v2",
      "mobilenet_v3_large": "mobilenet-v3-large", "mobilenet_v3_small": "mobilenet-v3-small",
    ]
    func key(_ name: String) -> String { builtin[name] ?? name }
    let table = Dictionary(Self.torchvision.map { ($0.network, $0) }) { first, _ in first }
    var measured: [String] = []
    for line in lines {
      let f = line.split(separator: "\t").map(String.init)
      try #require(f.count == 7, "\(line)")
      let c = try #require(table[key(f[0])], "\(f[0]) is measured but not checked")
      measured.append(key(f[0]))
      #expect(Int(f[1]) == c.numParams && Int(f[2]) == c.numParams, "\(f[0])")
      #expect(Int(f[6]) == 2 * c.macs, "\(f[0])")
      #expect(Double(f[4]) == Double(c.ops.replacingOccurrences(of: ",", with: "")), "\(f[0])")
      let hooked = try #require(Int(f[3]))
      let transformer = ["vit_", "swin_", "maxvit_"].contains { f[0].hasPrefix($0) }
      #expect(transformer ? hooked < c.macs : hooked == c.macs, "\(f[0])")
    }
    #expect(measured.sorted() == Self.torchvision.map { key($0.network) }.sorted())
    #expect(measured.count == 80)
  }

  /// The papers' own figures, which the reference implementations' layouts reproduce within their
  /// printed rounding where they can (§8), and `verify` explains where they do not.
  @Test func papersFigures() throws {
    // ResNet Table 1: 3.8 × 10⁹ with the stride on the first 1×1 conv (the paper's placement).
    let resnet = try Run.analysis("resnet50", ["stride_in_1x1": 1]).totals.macs
    #expect(NumberFormat.decimal(resnet, over: 100_000_000, places: 0) == "39")  // 3.86 G
    // MobileNetV2: "300 million multiply-adds"; ShuffleNet v1 (g = 3): 137 M in Table 1;
    // ShuffleNet V2 1×: 146 M in Table 5 (torchvision 0.145 G).
    #expect(
      NumberFormat.decimal(try Run.analysis("mobilenet-v2").totals.macs, over: 1_000_000, places: 0)
        == "301")
    #expect(
      NumberFormat.decimal(
        try Run.analysis("shufflenet-v1").totals.macs, over: 1_000_000, places: 0) == "137")
    #expect(
      NumberFormat.decimal(
        try Run.analysis("shufflenet-v2").totals.macs, over: 1_000_000, places: 0) == "145")
  }

  @Test(arguments: totals)
  func publishedTotals(_ c: TotalsCase) throws {
    let t = try Run.analysis(c.network, c.overrides).totals
    if let params = c.params { #expect(t.params == params) }
    if let trainable = c.trainable { #expect(t.trainableParams == trainable) }
    if let nonTrainable = c.nonTrainable { #expect(t.nonTrainableParams == nonTrainable) }
    if let withoutBatchNorm = c.withoutBatchNorm {
      #expect(t.paramsWithoutBatchNorm == withoutBatchNorm)
    }
    if let macs = c.macs { #expect(t.macs == macs) }
  }

  /// EECS 498-007 Lecture 8 works AlexNet's conv1 by hand (published.md §5); pool1 and fc6 are
  /// the same arithmetic on torchvision's layout (fc6: 9216·4096 + 4096 = 37,752,832).
  @Test func alexnetRowsAsTheLectureWorksThem() throws {
    let a = try Run.analysis("alexnet")
    let conv1 = try a.row("conv1")
    #expect(conv1.output == Shape(56, 56, 64))
    #expect(conv1.activationBytes == 784 * 1024)
    #expect(conv1.cost.params == 23_296)
    #expect(conv1.cost.macs == 72_855_552)
    let pool1 = try a.row("pool1")
    #expect(pool1.output == Shape(27, 27, 64))
    #expect(pool1.activationBytes * 100 == 18_225 * 1024)  // 182.25 KB
    let fc6 = try a.row("fc6")
    #expect(fc6.cost.params == 37_752_832)
    #expect(fc6.cost.macs == 37_748_736)
  }

  /// Keras's summary prints these output shapes (HWC) for α = 0.5 at 32×32.
  @Test func kerasCifarShapesAsSeed004() throws {
    let a = try Run.analysis("mobilenet", ["alpha": 0.5, "resolution": 32, "classes": 10])
    let expected: [(String, Shape, Int)] = [
      ("conv1", Shape(16, 16, 16), 432 + 64), ("conv_dw_1", Shape(16, 16, 16), 144 + 64),
      ("conv_pw_1", Shape(16, 16, 32), 512 + 128), ("conv_dw_2", Shape(8, 8, 32), 288 + 128),
      ("conv_pw_2", Shape(8, 8, 64), 2048 + 256), ("conv_dw_13", Shape(1, 1, 512), 4608 + 2048),
      ("conv_pw_13", Shape(1, 1, 512), 262_144 + 2048), ("fc", Shape(1, 1, 10), 5130),
    ]
    for (name, shape, params) in expected {
      let row = try a.row(name)
      #expect(row.output == shape, "\(name)")
      #expect(row.cost.params == params, "\(name): layer + its batch norm, as Keras lists them")
    }
  }

  /// GoogLeNet Table 1's "output size" column, row by row (§3).
  @Test func googlenetOutputSizesAsTable1() throws {
    let a = try Run.analysis("googlenet")
    let expected: [(String, Shape)] = [
      ("conv1/7x7_s2", Shape(112, 112, 64)), ("pool1/3x3_s2", Shape(56, 56, 64)),
      ("conv2/3x3", Shape(56, 56, 192)), ("pool2/3x3_s2", Shape(28, 28, 192)),
      ("inception_3a", Shape(28, 28, 256)), ("inception_3b", Shape(28, 28, 480)),
      ("pool3/3x3_s2", Shape(14, 14, 480)), ("inception_4a", Shape(14, 14, 512)),
      ("inception_4b", Shape(14, 14, 512)), ("inception_4c", Shape(14, 14, 512)),
      ("inception_4d", Shape(14, 14, 528)), ("inception_4e", Shape(14, 14, 832)),
      ("pool4/3x3_s2", Shape(7, 7, 832)), ("inception_5a", Shape(7, 7, 832)),
      ("inception_5b", Shape(7, 7, 1024)), ("pool5/7x7_s1", Shape(1, 1, 1024)),
      ("loss3/classifier", Shape(1, 1, 1000)),
    ]
    for (name, shape) in expected {
      #expect(try a.row(name).output == shape, "\(name)")
    }
  }
}
