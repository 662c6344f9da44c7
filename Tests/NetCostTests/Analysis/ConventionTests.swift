import NetCost
import Testing

/// The counting conventions reproduce each tool to the integer (issue 14): torchinfo 1.8.0's total
/// mult-adds, fvcore 0.1.5.post20221221's total, ptflops 0.7.5's MACs with the pytorch and the aten
/// backend, thop 0.1.1's MACs and calflops 0.3.2's FLOPs (the `flops` convention), for
/// torchvision 0.29.2's models (weights=None, eval, batch 1, each
/// at its weights' input size), measured by Tests/Fixtures/conventions/measure_tools.py, whose
/// output is tools.jsonl beside it.
@Suite struct ConventionTests {
  typealias Measured = (
    network: String, overrides: [String: Double], torchinfo: Int, fvcore: Int, ptflops: Int,
    ptflopsAten: Int, thop: Int, calflops: Int
  )

  static let measured: [Measured] = [
    (
      "resnet50", [:], 4_089_238_376, 4_111_512_576, 4_132_436_968, 4_089_185_256, 4_133_742_592,
      8_211_108_352
    ),
    (
      "mobilenet-v2", [:], 300_809_384, 314_193_216, 320_300_008, 300_775_272, 327_486_720,
      614_967_488
    ),
    (
      "vgg16", [:], 15_483_821_032, 15_470_289_408, 15_523_225_576, 15_483_821_032, 15_470_314_496,
      30_973_778_432
    ),
    (
      "alexnet", ["resolution": 224], 714_682_664, 714_197_696, 716_441_128, 714_682_664,
      714_206_912, 1_429_741_184
    ),
    (
      "squeezenet", [:], 823_270_824, 819_093_576, 836_821_960, 823_270_824, 819_094_576,
      1_648_970_968
    ),
    (
      "squeezenet-1.1", [:], 351_741_288, 349_320_936, 359_982_728, 351_741_288, 349_321_936,
      705_013_944
    ),
    (
      "googlenet", ["torchvision": 1], 1_498_391_752, 1_504_878_688, 1_513_907_448, 1_498_377_192,
      1_511_332_032, 3_009_356_752
    ),
    (
      "mobilenet-v3-large", [:], 216_621_520, 226_033_824, 231_316_416, 216_597_120, 234_838_456,
      444_944_056
    ),
    (
      "mobilenet-v3-small", [:], 56_527_424, 59_649_536, 60_910_032, 56_515_312, 62_477_944,
      116_633_816
    ),
    (
      "shufflenet-v2", [:], 144_925_172, 148_808_392, 152_387_568, 144_908_992, 152_708_792,
      295_505_472
    ),
    (
      "resnet18", [:], 1_814_083_944, 1_819_065_856, 1_825_313_768, 1_814_074_344, 1_824_033_792,
      3_636_250_112
    ),
    (
      "resnet34", [:], 3_663_779_432, 3_671_262_720, 3_680_019_432, 3_663_762_408, 3_678_739_456,
      7_339_389_440
    ),
    (
      "resnet101", [:], 7_801_511_784, 7_833_969_664, 7_865_129_960, 7_801_406_440, 7_866_435_584,
      15_650_904_576
    ),
    (
      "resnet152", [:], 11_513_779_048, 11_558_835_200, 11_602_639_848, 11_513_627_624,
      11_603_945_472, 23_094_313_472
    ),
    (
      "wide_resnet50_2", [:], 11_398_090_344, 11_426_922_496, 11_454_419_944, 11_398_022_120,
      11_455_725_568, 22_838_641_664
    ),
    (
      "resnext50_32x4d", [:], 4_230_549_096, 4_259_381_248, 4_286_878_696, 4_230_480_872,
      4_288_184_320, 8_503_559_168
    ),
    (
      "resnext101_32x8d", [:], 16_414_219_368, 16_476_534_784, 16_537_650_152, 16_414_016_488,
      16_538_955_776, 32_921_057_280
    ),
    (
      "vgg11", [:], 7_616_525_288, 7_609_115_136, 7_643_686_888, 7_616_525_288, 7_609_140_224,
      15_239_186_944
    ),
    (
      "vgg11_bn", [:], 7_616_530_792, 7_623_967_232, 7_658_538_984, 7_616_525_288, 7_638_844_416,
      15_254_039_040
    ),
    (
      "vgg13", [:], 11_320_718_312, 11_308_491_264, 11_357_513_704, 11_320_718_312, 11_308_516_352,
      22_647_572_992
    ),
    (
      "vgg16_bn", [:], 15_483_829_480, 15_497_384_448, 15_550_320_616, 15_483_821_032,
      15_524_504_576, 31_000_873_472
    ),
    (
      "vgg19", [:], 19_646_923_752, 19_632_087_552, 19_688_937_448, 19_646_923_752, 19_632_112_640,
      39_299_983_872
    ),
    (
      "vgg19_bn", [:], 19_646_934_760, 19_661_791_744, 19_718_641_640, 19_646_923_752,
      19_691_521_024, 39_329_688_064
    ),
    (
      "densenet121", [:], 2_834_246_312, 2_865_546_752, 2_899_843_048, 2_834_162_664, 2_897_007_104,
      5_716_881_152
    ),
    (
      "densenet161", [:], 7_728_128_008, 7_786_843_488, 7_850_193_256, 7_727_908_072, 7_845_841_056,
      15_546_479_040
    ),
    (
      "densenet169", [:], 3_360_002_728, 3_397_970_816, 3_438_996_968, 3_359_844_328, 3_436_117_120,
      6_778_367_488
    ),
    (
      "densenet201", [:], 4_291_595_944, 4_340_870_784, 4_393_349_608, 4_291_366_888, 4_390_381_952,
      8_658_522_624
    ),
    (
      "mnasnet0_5", [:], 104_477_592, 110_586_848, 115_966_088, 104_456_968, 116_717_728,
      217_731_936
    ),
    (
      "mnasnet1_0", [:], 314_454_792, 325_329_152, 334_926_312, 314_416_872, 336_242_432,
      644_543_104
    ),
    (
      "efficientnet_b0", [:], 385_867_108, 401_659_392, 410_196_896, 385_825_092, 415_145_024,
      793_641_400
    ),
    (
      "efficientnet_b1", [:], 686_880_040, 712_732_416, 726_705_368, 686_817_992, 734_485_616,
      1_409_315_952
    ),
    (
      "regnet_x_400mf", [:], 413_851_464, 420_179_472, 426_144_360, 413_813_608, 426_527_136,
      836_964_224
    ),
    (
      "regnet_y_400mf", [:], 401_876_208, 410_406_088, 418_388_672, 401_849_056, 418_183_352,
      815_847_000
    ),
    (
      "convnext_tiny", [:], 322_371_592, 4_470_437_376, 4_488_347_368, 4_468_966_888, 4_464_149_760,
      8_937_258_240
    ),
    (
      "inception_v3", [:], 5_713_251_528, 5_731_282_144, 5_747_660_552, 5_713_217_096,
      5_749_219_168, 11_458_393_728
    ),
    (
      "vgg13_bn", [:], 11_320_724_200, 11_332_977_152, 11_381_999_592, 11_320_718_312,
      11_357_488_128, 22_672_058_880
    ),
    (
      "wide_resnet101_2", [:], 22_753_189_480, 22_795_599_872, 22_836_745_192, 22_753_051_624,
      22_838_050_816, 45_569_172_480
    ),
    (
      "resnext101_64x4d", [:], 15_460_473_960, 15_522_789_376, 15_583_904_744, 15_460_271_080,
      15_585_210_368, 31_013_566_464
    ),
    (
      "mnasnet0_75", [:], 215_523_912, 225_023_408, 233_339_512, 215_494_104, 234_553_712,
      444_674_064
    ),
    (
      "mnasnet1_3", [:], 526_412_248, 541_067_136, 553_944_552, 526_363_432, 555_771_840,
      1_073_867_776
    ),
    (
      "efficientnet_b2", [:], 1_087_613_434, 1_126_148_960, 1_146_964_204, 1_087_545_866,
      1_158_539_232, 2_228_247_236
    ),
    (
      "efficientnet_b3", [:], 1_827_249_768, 1_883_903_568, 1_914_414_728, 1_827_162_472,
      1_931_544_800, 3_732_413_376
    ),
    (
      "efficientnet_b4", [:], 4_393_926_264, 4_512_495_200, 4_577_005_104, 4_393_801_064,
      4_611_442_840, 8_950_968_936
    ),
    (
      "efficientnet_b5", [:], 10_266_598_808, 10_505_072_320, 10_634_854_184, 10_266_426_072,
      10_702_745_216, 20_860_182_528
    ),
    (
      "efficientnet_b6", [:], 19_067_871_568, 19_472_062_160, 19_691_902_448, 19_067_647_136,
      19_806_794_536, 38_689_705_960
    ),
    (
      "efficientnet_b7", [:], 37_746_269_112, 38_449_437_600, 38_832_701_672, 37_745_958_392,
      39_029_240_928, 76_454_761_984
    ),
  ]

  @Test(arguments: measured)
  func eachToolToTheInteger(_ m: Measured) throws {
    func macs(_ convention: Convention) throws -> Int {
      let spec = try Run.spec(m.network)
      let outcome = Pipeline.analyze(spec, overrides: m.overrides, convention: convention)
      return try #require(outcome.value).totals.macs
    }
    #expect(try macs(.torchinfo) == m.torchinfo, "torchinfo")
    #expect(try macs(.fvcore) == m.fvcore, "fvcore")
    #expect(try macs(.ptflops) == m.ptflops, "ptflops")
    #expect(try macs(.ptflopsAten) == m.ptflopsAten, "ptflops-aten")
    #expect(try macs(.thop) == m.thop, "thop")
    #expect(try macs(.flops) == m.calflops, "calflops")
  }

  /// Under every convention the rows sum to the totals, and the rules' terms to the difference
  /// from the papers' count.
  @Test(arguments: Convention.allCases)
  func termsSumToTheDifference(_ convention: Convention) throws {
    for network in [
      "resnet50", "mobilenet-v2", "vgg16", "inception_v3", "convnext_tiny", "vit_b_16", "swin_v2_t",
      "maxvit_t",
    ] {
      let spec = try Run.spec(network)
      let a = try #require(Pipeline.analyze(spec, convention: convention).value)
      let paper = try #require(Pipeline.analyze(spec).value)
      #expect(a.rows.reduce(0) { $0 + $1.cost.macs } == a.totals.macs, "\(network)")
      #expect(a.paperMACs == paper.totals.macs, "\(network)")
      let rowTerms = a.rows.flatMap(\.conventionTerms).reduce(0) { $0 + $1.value }
      #expect(rowTerms == a.totals.macs - paper.totals.macs, "\(network)")
      #expect(a.conventionTerms.map(\.rule) == convention.rules.map(\.name))
    }
  }

  /// `netcost convert` keeps how PyTorch runs each layer and what runs only in training: the
  /// written spec counts the same under every convention.
  @Test(arguments: [
    "inception_v3", "convnext_tiny", "mobilenet-v2", "vgg16", "densenet121", "vit_b_16", "swin_t",
    "swin_v2_t", "maxvit_t",
  ])
  func convertKeepsTorchCallsAndTrainingLayers(_ name: String) throws {
    let spec = try Run.spec(name)
    let network = try #require(Pipeline.resolve(spec).value)
    let written = Pipeline.parse(
      SourceFile(name: "converted.netspec", text: SpecWriter.write(network)))
    for convention in Convention.allCases {
      let original = try #require(Pipeline.analyze(spec, convention: convention).value)
      let converted = try #require(Pipeline.analyze(written, convention: convention).value)
      #expect(converted.totals == original.totals, "\(name) \(convention)")
    }
  }

  /// A layer the reference does not run (`torch = absent`) costs nothing under any tool, and
  /// ptflops counts a module whose forward calls a patched function twice.
  @Test func torchCallsChangeTheCount() throws {
    let text = """
      input 8 x 8 x 4
      a: relu
      b: relu torch = functional, from = input
      c: softmax torch = absent, from = input
      """
    let source = SourceFile(name: "t.netspec", text: text)
    let a = try #require(Pipeline.analyze(Pipeline.parse(source), convention: .ptflops).value)
    #expect(try a.row("a").cost.macs == 2 * 256)  // nn.ReLU hook + F.relu inside it
    #expect(try a.row("b").cost.macs == 256)  // F.relu alone
    #expect(try a.row("c").cost.macs == 0)
  }
}
