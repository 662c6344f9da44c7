import NetCostCore

/// An ONNX model (`.onnx`, protobuf) → `Network`, by each operator's own shape rules from the graph
/// input's dims: convolutions, pooling, fully connected layers (Gemm, and MatMul with a constant
/// operand, also on channels-last tensors) and normalisation become netcost's operations; shape
/// arithmetic (Shape → Gather → Unsqueeze → Concat → Reshape) is folded to constants; transposes
/// and reshapes that keep the data become nothing or a `reshape`. The weights are never read.
package struct OnnxImporter {
  /// A tensor as the importer knows it: its ONNX dims, which axis holds the channels, and either
  /// the layer that makes it (data) or its values (a folded constant) or neither (a weight).
  struct Tensor {
    enum Layout { case channelsFirst, channelsLast }
    var dims: [Int]
    var layout: Layout = .channelsFirst
    /// The axes after the channels that netcost puts before them, in N×C×…: two for N×C×H×W (one
    /// where only one follows, N×C×L), three for a volume N×C×D×H×W (the network's 5-D input and
    /// what the windows make of it).
    var spatialAxes = 2
    /// N×C×H×W whose first axis is not the batch but holds it merged with another (EfficientViT's
    /// B·windows): a window slides over H and W of each, so netcost keeps the axis first and the
    /// channels last, a volume whose depth it is (`axesInOrder`).
    var leadingAxis = false
    /// Which axis is the batch; nil once a reshape has merged it into another (MobileViT's
    /// unfold), when the dims describe the one sample netcost analyses.
    var batchAxis: Int? = 0
    var input: Layer.Input?
    var values: [Double]?
    /// A pattern in progress (channel shuffle, GELU's Erf form), carried instead of a layer.
    var pattern: Pattern?
    /// Whether a constant's values are integers, whose division truncates (shape arithmetic).
    var integer = false
    /// A weight: an initializer of real numbers, or one only moved (reshaped, transposed,
    /// gathered, expanded). Constants computed by arithmetic are not weights.
    var weight = false
    /// The values of the file's weights a weight stands for: its initializer's, however it was
    /// moved since (a table gathered into a larger bias, TinyViT's, is still the table's values).
    var weightValues = 0
    /// For a weight, which of its axes repeat its values (a table looked up by indices, an
    /// expanded axis) and which hold them apart: picking part of an axis that holds them picks
    /// that share of the values (one head of EfficientViT's gathered attention biases). Nil when
    /// not followed (after a reshape); every axis holds values when `weightValues` is their
    /// product.
    var repeatedAxes: [Bool]? = nil
  }

  enum Pattern {
    /// Reshape N×C×H×W to N×g×(C/g)×H×W, then its transpose: a channel shuffle half made.
    case shuffleSplit(groups: Int, source: Layer.Input)
    case shuffleTransposed(groups: Int, source: Layer.Input)
    /// x / √2, erf(x / √2), 1 + erf(x / √2), x·(1 + erf(x / √2)): GELU exported as Erf.
    case gelu(step: Int, source: Layer.Input)
  }

  struct Failure: Error {
    var message: String
    var help: String?
    var notes: [Diagnostic.Note] = []
  }

  let model: OnnxModel
  let opset: Int64
  var builder: NetworkBuilder
  var tensors: [String: Tensor] = [:]
  /// Which initializer names were read as weights by counting operators.
  var batch: Int?
  var sawBatchNorm = false
  var sawLayerNorm = false
  var sawConvBias = false
  /// Values folded so far (`fold`), within `foldingBudget`.
  var foldedValues = 0

  /// The most values constant folding makes in one model: shape arithmetic needs a few per node;
  /// a file of doubling Concats would otherwise ask for 2⁴⁰.
  static let foldingBudget = 16_000_000
  /// The highest rank a tensor may have: vision models use 6 at most.
  static let maxRank = 64

  /// Reads the model and builds its network at `input` (H×W×C), or at the file's input.
  /// `skipping` names operators (`op_type`, or `domain::op_type` outside the default domain) to
  /// count as nothing (`--skip`).
  package static func importModel(
    _ bytes: UnsafeRawBufferPointer, name: String, input: Shape? = nil,
    skipping: Set<String> = []
  ) -> Result<ImportedModel, Diagnostic> {
    let model: OnnxModel
    do throws(WireReader.Failure) {
      model = try OnnxModel(bytes)
    } catch {
      return .failure(Diagnostic("cannot read the ONNX model: \(error.message)", at: .start))
    }
    return build(model, name: name, input: input, skipping: skipping)
  }

  static func build(
    _ model: OnnxModel, name: String, input: Shape?, skipping: Set<String>
  ) -> Result<ImportedModel, Diagnostic> {
    // A model exported with its height or width left open is built when the command line gives
    // them (`--input`, `--resolution`): until then it has no layers.
    if input == nil, let open = openInput(model) {
      var imported = ImportedModel(
        format: .onnx, name: name, input: open, batch: nil, layers: [], skipped: [])
      imported.nodes = model.graph.nodes.count
      imported.rebuild = rebuilder(model, name: name, skipping: skipping)
      return .success(imported)
    }
    var importer = OnnxImporter(
      model: model, opset: model.opset ?? 0, builder: NetworkBuilder(skipping: skipping))
    do throws(Failure) {
      let network = try importer.run(input: input)
      var notes: [String] = []
      if importer.sawConvBias && !importer.sawBatchNorm && !importer.sawLayerNorm {
        notes.append(
          "convolutions with biases and no BatchNormalization: if the model had batch norm, the "
            + "exporter folded it into the convolutions, and its parameters are not counted here")
      }
      var imported = ImportedModel(
        // Exporters name every graph alike (`main_graph`, `torch_jit`): the file names it.
        format: .onnx, name: name,
        input: network, batch: importer.batch, layers: importer.builder.layers,
        skipped: importer.builder.skippedSeen)
      imported.notes = notes
      imported.foldedValues = importer.foldedValues
      imported.nodes = model.graph.nodes.count
      imported.rebuild = rebuilder(model, name: name, skipping: skipping)
      return .success(imported)
    } catch {
      return .failure(
        Diagnostic(error.message, at: .start, notes: error.notes, help: error.help))
    }
  }

  /// Builds the model's layers again at another input size.
  static func rebuilder(
    _ model: OnnxModel, name: String, skipping: Set<String>
  ) -> @Sendable (Shape) -> Result<ImportedModel, Diagnostic> {
    { shape in build(model, name: name, input: shape, skipping: skipping) }
  }

  /// The input's height, width and channels when one of them is symbolic (0 where it is), for a
  /// model built once the command line gives them; nil when they are fixed (or the input is not
  /// an image's).
  static func openInput(_ model: OnnxModel) -> Shape? {
    let weights = Set(model.graph.initializers.map(\.name))
    let data = model.graph.inputs.filter { !weights.contains($0.name) }
    guard data.count == 1, let dims = data[0].dims, dims.count == 4 || dims.count == 5 else {
      return nil
    }
    let sizes = dims.map { d -> Int in
      if case .value(let v) = d, v >= 1, v <= Int64(Int32.max) { return Int(v) }
      return 0
    }
    guard sizes[1...].contains(0) else { return nil }
    // N×C×… → the spatial sizes, then the channels (a clip's depth first).
    return dims.count == 4
      ? Shape(sizes[2], sizes[3], sizes[1]) : Shape(dims: Array(sizes[2...]) + [sizes[1]])
  }

  /// Every tensor's dims as the importer computed them, by name (for tests against ONNX's own
  /// shape inference).
  static func tensorDims(_ bytes: UnsafeRawBufferPointer) -> [String: [Int]]? {
    guard let model = try? OnnxModel(bytes) else { return nil }
    var importer = OnnxImporter(model: model, opset: model.opset ?? 0, builder: NetworkBuilder())
    guard (try? importer.run(input: nil)) != nil else { return nil }
    return importer.tensors.mapValues(\.dims)
  }

  /// The graph input, then every node in order (ONNX requires topological order).
  mutating func run(input override: Shape?) throws(Failure) -> Shape {
    guard opset >= 11 else {
      throw Failure(
        message: "the model declares opset \(opset); netcost reads opset 11 and later",
        help: "re-export it with opset_version 11 or later")
    }
    let weights = Set(model.graph.initializers.map(\.name))
    for tensor in model.graph.initializers {
      guard tensor.dims.allSatisfy({ $0 >= 0 && $0 <= Int64(Int32.max) }) else {
        throw Failure(message: "initializer '\(tensor.name)' has dims \(tensor.dims)")
      }
      let integer = OnnxTensor.integerTypes.contains(tensor.dataType)
      tensors[tensor.name] = Tensor(
        dims: tensor.dims.map { Int(clamping: $0) }, input: nil, values: tensor.values,
        integer: integer, weight: !integer,
        weightValues: integer ? 0 : Self.count(tensor.dims.map { Int(clamping: $0) }) ?? 0)
    }
    let data = model.graph.inputs.filter { !weights.contains($0.name) }
    guard data.count == 1, let first = data.first else {
      throw Failure(
        message: data.isEmpty
          ? "the graph has no input"
          : "the graph has \(data.count) inputs (\(data.map(\.name).joined(separator: ", ")))",
        help: "netcost analyses networks with one input")
    }
    let shape = try inputShape(first, override: override)
    for (index, node) in model.graph.nodes.enumerated() {
      try apply(node, index: index)
    }
    guard !builder.layers.isEmpty else {
      throw Failure(message: "the graph has no operators netcost analyses")
    }
    return shape
  }

  /// N×C×H×W (or a volume's N×C×D×H×W) from the declared dims; a symbolic batch (`N`,
  /// `batch_size`) is 1.
  mutating func inputShape(_ info: OnnxValueInfo, override: Shape?) throws(Failure) -> Shape {
    guard let dims = info.dims, dims.count == 4 || dims.count == 5 else {
      throw Failure(
        message: "the input '\(info.name)' is not N×C×H×W or N×C×D×H×W (\(describe(info.dims)))",
        help: "netcost reads image models with one 4-D input, and video models with one 5-D input")
    }
    if let override, override.rank != dims.count - 1 {
      throw Failure(
        message: "'--input \(override)' gives \(override.rank) sizes for the input '\(info.name)' "
          + "of \(dims.count - 2) spatial axes (\(describe(dims)))",
        help: dims.count == 5 ? "give it with '--input DxHxWxC'" : "give it with '--input HxWxC'")
    }
    var values: [Int] = []
    for (i, dim) in dims.enumerated() {
      switch dim {
      case .value(let v) where v >= 1 && v <= Int64(Int32.max): values.append(Int(v))
      // A symbolic batch (`N`, `batch_size`) is one image.
      case .param where i == 0, .unknown where i == 0: values.append(1)
      // A size left open, which the command line gives.
      case .param where override != nil, .unknown where override != nil: values.append(1)
      default:
        throw Failure(
          message: "the input '\(info.name)' has no fixed size on axis \(i) (\(describe(dims)))",
          help: dims.count == 5 ? "give it with '--input DxHxWxC'" : "give it with '--input HxWxC'")
      }
    }
    if case .value(let n) = dims[0] { batch = Int(n) }
    if let override {
      values[1] = override.channels
      for axis in 0..<(override.rank - 1) { values[2 + axis] = override[axis] }
    }
    var input = Tensor(dims: values, layout: .channelsFirst, input: .network)
    input.spatialAxes = values.count - 2
    tensors[info.name] = input
    guard let shape = Self.view(input) else {
      throw Failure(message: "the input '\(info.name)' has dims \(values) netcost has no view of")
    }
    return shape
  }

  func describe(_ dims: [OnnxValueInfo.Dim]?) -> String {
    guard let dims else { return "no shape" }
    return "["
      + dims.map { d in
        switch d {
        case .value(let v): "\(v)"
        case .param(let p): p
        case .unknown: "?"
        }
      }.joined(separator: ", ") + "]"
  }
}

extension OnnxImporter: Importer {
  /// An ONNX model as the pipeline hands it over: its bytes (a mapped file, read in place and
  /// never kept) and the network's name.
  package struct Input {
    package var bytes: UnsafeRawBufferPointer
    package var name: String

    package init(bytes: UnsafeRawBufferPointer, name: String) {
      self.bytes = bytes
      self.name = name
    }
  }

  package static let format = ModelFormat.onnx

  package static func importModel(
    _ input: Input, skipping: Set<String>
  ) -> Result<ImportedModel, Diagnostic> {
    importModel(input.bytes, name: input.name, skipping: skipping)
  }
}
