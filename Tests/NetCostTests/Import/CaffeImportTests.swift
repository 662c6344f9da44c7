import NetCost
import Testing

@testable import NetCostCore

/// Caffe deploy nets (Tests/Fixtures/caffe, written by make_prototxts.py from the published
/// structures) against the blobs those models ship and netcost's own spec of each network.
@Suite struct CaffeImportTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var file: String
    /// Parameters in the released caffemodel: the sum of its blobs.
    var params: Int
    var builtin: String
    var resolution: Double
    var testDescription: String { file }
  }

  // Params: docs/reproductions.md's sources (published.md: torchvision meta `num_params` for
  // SqueezeNet 1.0 and 1.1, VGG16's 138,357,544, AlexNet's grouped 60,965,224 derived from
  // Krizhevsky et al. 2012), and GoogLeNet's 6,998,552 as netcost's Table 1 spec counts it.
  static let cases: [Case] = [
    Case(
      file: "caffe/alexnet.prototxt", params: 60_965_224, builtin: "alexnet-2012", resolution: 227),
    Case(
      file: "caffe/googlenet.prototxt", params: 6_998_552, builtin: "googlenet", resolution: 224),
    Case(
      file: "caffe/squeezenet-1.0.prototxt", params: 1_248_424, builtin: "squeezenet",
      resolution: 227),
    Case(
      file: "caffe/squeezenet-1.1.prototxt", params: 1_235_496, builtin: "squeezenet-1.1",
      resolution: 227),
    Case(file: "caffe/vgg16.prototxt", params: 138_357_544, builtin: "vgg16", resolution: 224),
  ]

  /// Params equal the released blobs; every row's shape, MACs and params equal the built-in spec's
  /// at the same input size (but for torchvision's 7×7 adaptive pool in VGG, which at 224 passes
  /// its input through and which Caffe's VGG does not have).
  @Test(arguments: cases)
  func matchesTheBuiltinRowByRow(_ c: Case) throws {
    let imported = try Fixture.analysis(c.file)
    var builtin = try Run.analysis(c.builtin, ["resolution": c.resolution])
    for row in builtin.rows where row.kind == .adaptiveavgpool && row.inputs == [row.output] {
      builtin.totals.activationBytes -= row.activationBytes
    }
    builtin.rows.removeAll { $0.kind == .adaptiveavgpool && $0.inputs == [$0.output] }
    #expect(imported.totals.params == c.params)
    #expect(imported.input == builtin.input)
    #expect(imported.rows.map(\.output) == builtin.rows.map(\.output))
    #expect(imported.rows.map(\.cost.macs) == builtin.rows.map(\.cost.macs))
    #expect(imported.rows.map(\.cost.params) == builtin.rows.map(\.cost.params))
    #expect(imported.totals == builtin.totals)
  }

  /// The file's batch of 10 is read and said, not multiplied in.
  @Test func batchIsReportedNotMultiplied() throws {
    let network = try Fixture.network("caffe/alexnet.prototxt")
    #expect(network.source?.contains("its batch of 10 is not multiplied in") == true)
    #expect(network.input == Shape(227, 227, 3))
  }

  /// `--resolution` and `--input` change the file's input: SqueezeNet 1.0 at 224 is the built-in.
  @Test func resolutionOverridesTheFile() throws {
    let at224 = try Fixture.analysis("caffe/squeezenet-1.0.prototxt", ["resolution": 224])
    #expect(at224.totals.macs == 818_924_576)  // torchvision's 0.819 GFLOPS (published.md)
    #expect(at224.parameters.map(\.name) == ["resolution"])
    let rectangular = try Fixture.network(
      "caffe/vgg16.prototxt", ["height": 224, "width": 320, "channels": 1])
    #expect(rectangular.input == Shape(224, 320, 1))
  }
  /// Caffe's own ways of writing a Flatten from the channels to the end, and an Eltwise sum
  /// with one coefficient per bottom, are read (the checks against a Flatten from axis 99 must
  /// not refuse them): 3·8·8 = 192 values into 10 units, 1,930 params.
  @Test func settingsCaffeTakesAreRead() throws {
    let text = """
      input: "data"
      input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
      layer { name: "e" type: "Eltwise" bottom: "data" bottom: "data" top: "e" eltwise_param { coeff: 1 coeff: -1 } }
      layer { name: "f" type: "Flatten" bottom: "e" top: "f" flatten_param { axis: -3 end_axis: 3 } }
      layer { name: "s" type: "Softmax" bottom: "f" top: "s" softmax_param { axis: 1 } }
      layer { name: "fc" type: "InnerProduct" bottom: "s" top: "fc" inner_product_param { num_output: 10 } }
      """
    let spec = Pipeline.parse(SourceFile(name: "t.prototxt", text: text))
    let analysis = try #require(Pipeline.analyze(spec).value)
    #expect(analysis.totals.params == 192 * 10 + 10)
  }
}
