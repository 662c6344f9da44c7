import NetCostCore

/// Collects an importer's layers into a `Network`: the one place imported layers are made, so every
/// front end names, numbers and bounds them alike.
struct NetworkBuilder {
  private(set) var layers: [Layer] = []
  private var names: Set<String> = []
  /// Types the user asked to count as zero-cost pass-throughs (`--skip`), and those met.
  let skipped: Set<String>
  private(set) var skippedSeen: [String] = []

  init(skipping skipped: Set<String> = []) { self.skipped = skipped }

  /// Appends a layer and returns the input that reads it. Names must be unique and at most
  /// `Limit.nameLength` bytes; an empty name becomes `kind_n`, as the spec language numbers them.
  /// A merge of one input (Keras 3, ONNX and Caffe accept a concatenation or sum of a single
  /// tensor) is that input: no layer, as the spec language has no one-input merge.
  mutating func add(
    _ name: String, _ kind: LayerKind, _ operation: Operation, inputs: [Layer.Input],
    at range: SourceRange, learned: [Shape] = []
  ) throws(Diagnostic) -> Layer.Input {
    if kind.isMerge, kind != .matmul, inputs.count == 1, learned.isEmpty { return inputs[0] }
    guard layers.count < Limit.importedLayers.value else {
      throw .overLimit(.importedLayers, at: range)
    }
    let name = name.isEmpty ? "\(kind.rawValue)_\(layers.count + 1)" : name
    guard name.utf8.count <= Limit.nameLength.value else {
      throw .overLimit(.nameLength, at: range)
    }
    guard names.insert(name).inserted else { throw .duplicateLayerName(name, at: range) }
    layers.append(
      Layer(
        name: name, kind: kind, operation: operation, inputs: inputs, range: range,
        headRange: range, arguments: [], callSites: []))
    layers[layers.count - 1].learned = learned
    return .layer(layers.count - 1)
  }

  /// Records a type counted as nothing, once, for the output's note.
  mutating func skip(_ type: String) {
    if !skippedSeen.contains(type) { skippedSeen.append(type) }
  }
}
