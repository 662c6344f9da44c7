import NetCostCore

/// Caffe's `.prototxt` (a NetParameter in protobuf text format) → `Network`.
///
/// Reads both the current `layer { type: "Convolution" }` syntax and the legacy V1 `layers { type:
/// CONVOLUTION }`, the three ways to declare the input, in-place layers (`top` equal to `bottom`)
/// and implicit splits (a blob read by several layers). Field names and defaults are Caffe's
/// (`src/caffe/proto/caffe.proto`). Costs are per image: the file's batch is read and reported.
package struct CaffeImporter: Importer {
  let source: SourceFile
  var builder: NetworkBuilder
  /// Each blob's producer: the network input or the last layer that wrote it (in place or not).
  var blobs: [String: Layer.Input] = [:]

  package static let format = ModelFormat.caffe

  package static func importModel(
    _ source: SourceFile, skipping: Set<String> = []
  ) -> Result<ImportedModel, Diagnostic> {
    switch ProtoText.parse(source.utf8) {
    case .failure(let error): return .failure(error)
    case .success(let net):
      var importer = CaffeImporter(source: source, builder: NetworkBuilder(skipping: skipping))
      do throws(Diagnostic) {
        return .success(try importer.read(net))
      } catch {
        return .failure(error)
      }
    }
  }

  mutating func read(_ net: ProtoMessage) throws(Diagnostic) -> ImportedModel {
    let layerFields = net.fields.filter { $0.name.value == "layer" || $0.name.value == "layers" }
    var input = try declaredInput(net)
    for field in layerFields {
      guard let layer = field.message else { throw field.expected("a message '{ … }'") }
      if try excludedAtTest(layer) { continue }
      if let found = try inputLayer(layer) {
        guard input == nil else {
          throw Diagnostic(
            "the model declares a second input", at: field.name.range,
            help: "netcost analyses networks with one input")
        }
        input = found
        continue
      }
      if let type = try layer.word("type"), Self.trainingOnly.contains(type.value) {
        throw Diagnostic(
          "layer '\(try layer.word("name")?.value ?? "")' has type '\(type.value)', which belongs "
            + "to a training net", at: type.range,
          help: "netcost reads deploy nets: use the model's deploy.prototxt")
      }
      guard input != nil else {
        throw .noModelInput(
          format: "Caffe", at: field.name.range,
          help: "declare it before the first layer: 'input: \"data\"' with 'input_shape { dim: 1 "
            + "dim: 3 dim: 224 dim: 224 }', or an 'Input' layer")
      }
      try add(layer, v1: field.name.value == "layers")
    }
    guard let input else {
      throw .noModelInput(
        format: "Caffe", at: net.range,
        help: "declare it with 'input: \"data\"' and 'input_shape { dim: 1 dim: 3 dim: 224 "
          + "dim: 224 }', or an 'Input' layer")
    }
    guard !builder.layers.isEmpty else { throw .importedNoLayers(at: net.range) }
    let name = try net.word("name")?.value ?? source.baseName
    return ImportedModel(
      format: .caffe, name: name, input: input.shape, batch: input.batch,
      layers: builder.layers, skipped: builder.skippedSeen)
  }

  /// Data and loss layers: a train_val net's, not a deploy net's.
  static let trainingOnly: Set<String> = [
    "Data", "ImageData", "HDF5Data", "MemoryData", "WindowData", "DummyData", "Accuracy",
    "SoftmaxWithLoss", "EuclideanLoss", "HingeLoss", "SigmoidCrossEntropyLoss", "DATA",
    "IMAGE_DATA", "SOFTMAX_LOSS", "ACCURACY",
  ]

  /// The input as NetParameter declares it: `input` + four `input_dim`, or `input_shape`.
  mutating func declaredInput(_ net: ProtoMessage) throws(Diagnostic) -> ImportedInput? {
    let names = try net.words("input")
    guard let first = names.first else { return nil }
    guard names.count == 1 else {
      throw Diagnostic(
        "the model declares \(names.count) inputs", at: names[1].range,
        help: "netcost analyses networks with one input")
    }
    let shapes = net.all("input_shape")
    guard shapes.count <= 1, shapes.isEmpty || net.all("input_dim").isEmpty else {
      throw Diagnostic(
        "the model declares its input's shape twice", at: shapes.last?.range ?? first.range,
        help: "give one 'input_shape' (or four 'input_dim') for the one input")
    }
    let dims: [Int]
    let at: SourceRange
    if let shape = try net.message("input_shape") {
      dims = try shape.integers("dim", minimum: 1)
      at = shape.range
    } else {
      dims = try net.integers("input_dim", minimum: 1)
      at = net.last("input_dim")?.range ?? first.range
    }
    let input = try Self.input(dims, at: at)
    blobs[first.value] = .network
    return input
  }

  /// An `Input` layer (`input_param { shape { dim … } }`) declares the input; nil for others.
  mutating func inputLayer(_ layer: ProtoMessage) throws(Diagnostic) -> ImportedInput? {
    guard let type = try layer.word("type"), type.value == "Input" || type.value == "INPUT" else {
      return nil
    }
    guard let param = try layer.message("input_param"), let shape = try param.message("shape")
    else {
      throw .missingField("input_param { shape { dim … } }", in: "the Input layer", at: layer.range)
    }
    let input = try Self.input(try shape.integers("dim", minimum: 1), at: shape.range)
    for top in try layer.words("top") { blobs[top.value] = .network }
    return input
  }

  /// N×C×H×W, Caffe's order; the batch N is reported, not multiplied in.
  static func input(_ dims: [Int], at range: SourceRange) throws(Diagnostic) -> ImportedInput {
    guard dims.count == 4 else {
      throw Diagnostic(
        "the input has \(dims.count) dimensions; netcost reads 4 (batch, channels, height, width)",
        at: range)
    }
    return ImportedInput(shape: Shape(dims[2], dims[3], dims[1]), batch: dims[0])
  }

  /// Layers marked for the training phase only are not part of the network being costed.
  func excludedAtTest(_ layer: ProtoMessage) throws(Diagnostic) -> Bool {
    for include in layer.all("include") {
      if let rule = include.message, try rule.word("phase")?.value == "TRAIN" { return true }
    }
    for exclude in layer.all("exclude") {
      if let rule = exclude.message, try rule.word("phase")?.value == "TEST" { return true }
    }
    return false
  }

  /// The producers of a layer's bottoms.
  func inputs(of layer: ProtoMessage, name: String) throws(Diagnostic) -> [Layer.Input] {
    var inputs: [Layer.Input] = []
    for bottom in try layer.words("bottom") {
      guard let input = blobs[bottom.value] else {
        throw .unknownInput(
          bottom.value, layer: name, at: bottom.range, known: Array(blobs.keys).sorted())
      }
      inputs.append(input)
    }
    return inputs
  }
}

/// An input shape read from a model file, with the batch the file was written for.
struct ImportedInput: Equatable {
  var shape: Shape
  var batch: Int?
}
