import NetCostCore

/// A Functional model's graph: which call of which layer each layer reads, in Keras 3's and
/// Keras 2's layouts, taken in dependency order (a shared layer is listed once but called later
/// on layers listed after it, so the file's order is not enough).
extension KerasImporter {
  /// One tensor: the `tensor`-th output of the `node`-th call of layer `layer`.
  struct TensorRef: Hashable {
    var layer: String
    var node: Int
    var tensor: Int
  }

  /// A call of a layer: the layer's JSON, which call it is, and the tensors it reads.
  struct Call {
    var layer: JSON
    var name: String
    var node: Int
    var reads: [Located<TensorRef>]
  }

  mutating func functional(
    _ config: JSON, _ layers: [JSON], prefix: String, inputs: [Layer.Input]?
  ) throws(Diagnostic) -> [Layer.Input] {
    var tensors: [TensorRef: Layer.Input] = [:]
    var calls: [Call] = []
    var inputLayers: [String] = []
    for layer in layers {
      let (className, config) = try Self.classAndConfig(layer)
      guard let name = layer["name"]?.string ?? config["name"]?.string else {
        throw .missingField("name", in: "the \(className) layer", at: layer.range)
      }
      if className == "InputLayer" {
        inputLayers.append(name)
        continue
      }
      let nodes = layer["inbound_nodes"]?.array ?? []
      // A layer called twice shares its weights: Keras counts them once, a row per call would
      // count them twice. Refused rather than miscounted.
      if nodes.count > 1 {
        throw Diagnostic(
          "layer '\(prefix + name)' is called \(nodes.count) times, sharing its weights",
          at: layer.range,
          help: "netcost does not model shared layers yet: each call would count the weights again")
      }
      for (index, node) in nodes.enumerated() {
        calls.append(Call(layer: layer, name: name, node: index, reads: try Self.reads(node)))
      }
    }
    // The model's inputs: the network's at the top, the caller's tensors when nested.
    let declared = try Self.refs(config["input_layers"]).map(\.value.layer)
    let order = declared.isEmpty ? inputLayers : declared
    // By name, looked up once each: a scan per input is quadratic in a file of many inputs.
    var byName: [String: JSON] = [:]
    for layer in layers {
      let name = layer["name"]?.string ?? ""
      if byName[name] == nil { byName[name] = layer }
    }
    for (i, name) in order.enumerated() {
      guard let layer = byName[name] else { continue }
      if let inputs {
        guard i < inputs.count else {
          throw Diagnostic("the nested model takes more inputs than it is given", at: layer.range)
        }
        tensors[TensorRef(layer: name, node: 0, tensor: 0)] = inputs[i]
      } else {
        let config = layer["config"]
        guard let shape = config?["batch_shape"] ?? config?["batch_input_shape"] else {
          throw .missingField("batch_shape", in: "input layer '\(name)'", at: layer.range)
        }
        try declareInput(shape)
        tensors[TensorRef(layer: name, node: 0, tensor: 0)] = .network
      }
    }
    try run(calls, prefix: prefix, tensors: &tensors)
    var outputs: [Layer.Input] = []
    for ref in try Self.refs(config["output_layers"]) {
      guard let output = tensors[ref.value] else {
        throw .unknownInput(
          ref.value.layer, layer: "the model's output", at: ref.range,
          known: tensors.keys.map(\.layer).sorted())
      }
      outputs.append(output)
    }
    return outputs
  }

  /// Runs every call once its inputs exist, in the file's order where the graph allows (so the
  /// table reads as the model was written); a call whose inputs never appear reads a layer that
  /// does not exist, or is part of a cycle.
  mutating func run(
    _ calls: [Call], prefix: String, tensors: inout [TensorRef: Layer.Input]
  ) throws(Diagnostic) {
    var missing = [Int](repeating: 0, count: calls.count)
    var waiting: [TensorRef: [Int]] = [:]
    for (i, call) in calls.enumerated() {
      for read in call.reads where tensors[read.value] == nil {
        missing[i] += 1
        waiting[read.value, default: []].append(i)
      }
    }
    var done = [Bool](repeating: false, count: calls.count)
    // Calls that became ready after the scan passed them (a shared layer listed early).
    var late: [Int] = []
    for scan in calls.indices {
      var next: Int? = missing[scan] == 0 && !done[scan] ? scan : late.popLast()
      while let index = next {
        done[index] = true
        let call = calls[index]
        let (className, config) = try Self.classAndConfig(call.layer)
        let inputs = call.reads.compactMap { tensors[$0.value] }
        let outputs = try self.call(
          call.layer, className: className, config: config, prefix: prefix, on: inputs,
          node: call.node)
        for (t, output) in outputs.enumerated() {
          let made = TensorRef(layer: call.name, node: call.node, tensor: t)
          tensors[made] = output
          for waiter in waiting.removeValue(forKey: made) ?? [] {
            missing[waiter] -= 1
            if missing[waiter] == 0, waiter < scan { late.append(waiter) }
          }
        }
        next = late.popLast()
      }
    }
    if let stuck = calls.indices.first(where: { !done[$0] }) {
      let call = calls[stuck]
      let read = call.reads.first { tensors[$0.value] == nil }
      throw .unknownInput(
        read?.value.layer ?? "?", layer: call.name, at: read?.range ?? call.layer.range,
        known: Array(Set(tensors.keys.map(\.layer))).sorted())
    }
  }

  /// The tensors one call reads: Keras 3 `{"args": […], "kwargs": {…}}` (tensors anywhere in
  /// `args`), or Keras 2 `[[name, node, tensor, kwargs], …]`.
  static func reads(_ node: JSON) throws(Diagnostic) -> [Located<TensorRef>] {
    if let args = node["args"] {
      var found: [Located<TensorRef>] = []
      try collectTensors(args, into: &found, depth: 0)
      return found
    }
    return try refs(node)
  }

  static func collectTensors(
    _ json: JSON, into found: inout [Located<TensorRef>], depth: Int
  ) throws(Diagnostic) {
    guard depth < Limit.fileNesting.value else { return }
    if json["class_name"]?.string == "__keras_tensor__" {
      guard let history = json["config"]?["keras_history"], let ref = ref(history) else {
        throw Diagnostic("a tensor without a 'keras_history'", at: json.range)
      }
      found.append(Located(ref, at: json.range))
    } else if let items = json.array {
      for item in items { try collectTensors(item, into: &found, depth: depth + 1) }
    }
  }

  /// `["name", node, tensor]` or a list of them (`input_layers`, `output_layers`, Keras 2 nodes).
  static func refs(_ json: JSON?) throws(Diagnostic) -> [Located<TensorRef>] {
    guard let json, let items = json.array else { return [] }
    if let single = ref(json) { return [Located(single, at: json.range)] }
    var found: [Located<TensorRef>] = []
    for item in items {
      guard let r = ref(item) else {
        throw Diagnostic(
          "expected a reference [layer, node, tensor], got \(item.described)", at: item.range)
      }
      found.append(Located(r, at: item.range))
    }
    return found
  }

  static func ref(_ json: JSON) -> TensorRef? {
    guard let items = json.array, items.count >= 3, let layer = items[0].string,
      let node = items[1].integer, let tensor = items[2].integer
    else { return nil }
    return TensorRef(layer: layer, node: node, tensor: tensor)
  }
}
