import NetCostCore

/// Collects an importer's layers into a `Network`: the one place imported layers are made, so every
/// front end names, numbers and bounds them alike.
struct NetworkBuilder {
  private(set) var layers: [Layer] = []
  private var names: Set<String> = []
  /// Types the user asked to count as zero-cost pass-throughs (`--skip`), and those met.
  let skipped: Set<String>
  private(set) var skippedSeen: [String] = []
  /// Layers' output shapes, as far as `shape(of:input:)` has been asked.
  private var shapes: [Shape?] = []

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
        name: name, kind: kind, operation: operation, inputs: LayerInputs(inputs), range: range,
        headRange: range, arguments: [], callSites: []))
    layers[layers.count - 1].learned = learned
    return .layer(layers.count - 1)
  }

  /// The output shape of `source` from the network's `input`, by the analyzer's own shape rules,
  /// for an importer that needs a size a file does not state (Keras's attention: its sequence's
  /// length); computed once per layer, when first asked; nil past a layer whose shape fails.
  mutating func shape(of source: Layer.Input, input: Shape) -> Shape? {
    guard case .layer(let target) = source, target < layers.count else { return input }
    while shapes.count <= target {
      let layer = layers[shapes.count]
      var known: [Shape] = []
      for read in layer.inputs {
        switch read {
        case .network: known.append(input)
        case .layer(let j): if let shape = shapes[j] { known.append(shape) }
        }
      }
      shapes.append(
        known.count == layer.inputs.count
          ? try? layer.operation.outputShape(for: known + layer.learned) : nil)
    }
    return shapes[target]
  }

  /// Records a type counted as nothing, once, for the output's note.
  mutating func skip(_ type: String) {
    if !skippedSeen.contains(type) { skippedSeen.append(type) }
  }
}
