import NetCostCore

/// A Keras model's JSON (`model.to_json()`, or `config.json` inside a `.keras` archive) →
/// `Network`. Reads Functional and Sequential models, Keras 3's `inbound_nodes` (`args` holding
/// `__keras_tensor__`s) and Keras 2's (`[[name, node, tensor, kwargs]]`), and models nested in
/// models. Each call of a layer (a node) is one layer of the network, so shared layers count once
/// per call for MACs; a nested model's layers are named `model/layer`.
package struct KerasImporter: Importer {
  var builder: NetworkBuilder
  var input: Shape?
  /// Where the input's shape is written, for an error about a size it leaves open.
  var inputRange: SourceRange = .start
  /// Layers read so far, for "layer N" in errors.
  var layerCount = 0

  package static let format = ModelFormat.kerasJSON

  package static func importModel(
    _ source: SourceFile, skipping: Set<String>
  ) -> Result<ImportedModel, Diagnostic> {
    let root: JSON
    switch JSON.parse(source.utf8) {
    case .success(let json): root = json
    case .failure(let error): return .failure(error)
    }
    var importer = KerasImporter(builder: NetworkBuilder(skipping: skipping))
    do throws(Diagnostic) {
      _ = try importer.model(root, prefix: "", inputs: nil)
      guard let input = importer.input else {
        throw .noModelInput(
          format: "Keras", at: root.range,
          help: "give the model an Input layer with a fixed shape, e.g. keras.Input((224, 224, 3))")
      }
      guard !importer.builder.layers.isEmpty else { throw .importedNoLayers(at: root.range) }
      let name = root["config"]?["name"]?.string ?? source.baseName
      var model = ImportedModel(
        format: .kerasJSON, name: name, input: input, batch: nil,
        layers: importer.builder.layers, skipped: importer.builder.skippedSeen)
      model.inputRange = importer.inputRange
      return .success(model)
    } catch {
      return .failure(error)
    }
  }

  /// Imports a model: the top level (`inputs` nil: its input is the network's) or one nested in
  /// another, called on `inputs`. Returns the model's outputs.
  mutating func model(
    _ json: JSON, prefix: String, inputs: [Layer.Input]?
  ) throws(Diagnostic) -> [Layer.Input] {
    guard let className = json["class_name"]?.string, let config = json["config"], config.isObject
    else {
      throw Diagnostic(
        "this JSON is not a Keras model: it has no 'class_name' and 'config'", at: json.range,
        help: "netcost reads the output of model.to_json() or a .keras archive's config.json")
    }
    guard let layers = config["layers"]?.array else {
      throw .missingField("layers", in: "the \(className) model", at: config.range)
    }
    switch className {
    case "Sequential":
      return try sequential(layers, prefix: prefix, inputs: inputs, at: config.range)
    case "Functional", "Model":
      return try functional(config, layers, prefix: prefix, inputs: inputs)
    default:
      throw Diagnostic(
        "the model's class is '\(className)'; netcost reads Functional and Sequential models",
        at: json.range)
    }
  }

  mutating func sequential(
    _ layers: [JSON], prefix: String, inputs: [Layer.Input]?, at range: SourceRange
  ) throws(Diagnostic) -> [Layer.Input] {
    var current: Layer.Input? = inputs?.first
    for layer in layers {
      let (className, config) = try Self.classAndConfig(layer)
      // The input: an InputLayer, or the first layer's own batch shape (Keras 2).
      if current == nil, let shape = config["batch_shape"] ?? config["batch_input_shape"],
        !shape.isNull
      {
        try declareInput(shape)
        current = .network
      }
      if className == "InputLayer" { continue }
      guard let previous = current else {
        throw .noModelInput(
          format: "Keras", at: layer.range,
          help: "the first layer of a Sequential model needs an input shape")
      }
      current = try call(
        layer, className: className, config: config, prefix: prefix, on: [previous]
      )
      .first
    }
    guard let current else { throw .importedNoLayers(at: range) }
    return [current]
  }

  mutating func declareInput(_ json: JSON) throws(Diagnostic) {
    // A null height or width is left open (0), for `--input` or `--resolution` to give, as
    // keras.applications saves a model built without `input_shape`; channels must be given.
    let items = json.array?.dropFirst() ?? []
    let dims = items.map { $0.isNull ? 0 : ($0.integer ?? -1) }
    let open = items.prefix(2).map(\.isNull) + [false]
    let shape: Shape? =
      switch dims.count {
      case 3:
        zip(dims, open).allSatisfy { $0 > 0 || $1 } ? Shape(dims[0], dims[1], dims[2]) : nil
      // A volume (Conv3D's depth, height, width, channels), its sizes fixed.
      case 4: dims.allSatisfy { $0 > 0 } ? Shape(dims: dims) : nil
      case 1: dims[0] > 0 ? Shape(1, 1, dims[0]) : nil
      default: nil
      }
    guard let found = shape else {
      throw Diagnostic(
        "the model's input shape is \(json.described); netcost reads a fixed height × width × "
          + "channels (channels last), or depth × height × width × channels for a volume",
        at: json.range,
        help: "build the model with a fixed input, e.g. keras.Input((224, 224, 3))")
    }
    // A second input is refused even when its shape is the first's: both would be read as one.
    guard input == nil else {
      throw Diagnostic(
        "the model has a second input", at: json.range,
        help: "netcost analyses networks with one input")
    }
    input = found
    inputRange = json.range
  }

  static func classAndConfig(_ layer: JSON) throws(Diagnostic) -> (String, JSON) {
    guard let className = layer["class_name"]?.string, let config = layer["config"],
      config.isObject
    else {
      throw Diagnostic("a layer without 'class_name' and 'config'", at: layer.range)
    }
    return (className, config)
  }
}
