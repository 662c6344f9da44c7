import NetCostCore

/// Which buffer holds each layer's output and which layer reads each buffer last: the first half
/// of a liveness walk (`Liveness` and `TrainingMemory` walk it). A buffer is a storage: layers
/// that overwrite or view their input share its buffer, so it is counted once and lives as long as
/// its last reader through any of them.
struct BufferPlan {
  /// Bytes of each buffer. Buffer 0 is the network's input, which the caller holds: it is never
  /// freed and not counted in what the network allocates.
  var sizes: [Int]
  /// The buffer of each layer's output; nil for a layer that does not run (a layer of
  /// `training { … }` at inference).
  var bufferOfLayer: OptionalCounts
  /// Bytes each layer allocates when it runs.
  var allocated: [Int]
  /// Bytes of each layer's output, wherever it is held.
  var outputBytes: [Int]
  /// The last layer that reads each buffer, through any layer's output in it.
  var lastUse: [Int]
  /// Buffers joined into a later one (`TensorEffect.joins`): their bytes live on in it.
  var absorbed: [Bool]
  /// For training: the earliest layer that saves each buffer for backward, if any does.
  var savedBy: OptionalCounts
  /// For training: what each layer saves besides buffers (indices, statistics, masks), new and
  /// held, in bytes.
  var extraSaved: [Int]
  var heldSaved: [Int]

  /// `training`: as autograd runs the network (PyTorch's rules, layers of `training { … }`
  /// included, what each layer saves recorded).
  init(
    _ network: Network, outputs: OutputShapes, policy: MemoryPolicy, training: Bool,
    settings: MemorySettings
  ) throws(MemoryError) {
    let count = network.layers.count
    // By index: each layer is read in place, not copied whole.
    let runs = network.layers.indices.map { training || !network.layers[$0].trainingOnly }
    let width = settings.dtype.bytes
    // The last shape's bytes, kept: a layer's output is asked for again as the next layer's
    // input, and is often its input's shape (activations, norms, a loop's passes). Bytes are of
    // the dims alone, which a shape's equality compares.
    var last: (shape: Shape, bytes: Int)? = nil
    func bytes(_ shape: Shape, at layer: Int) throws(MemoryError) -> Int {
      if let last, last.shape == shape { return last.bytes }
      do throws(LayerError) {
        let made = try Formulas.activationBytes(shape, settings: settings, explaining: false).value
        last = (shape, made)
        return made
      } catch { throw MemoryError(layer: layer) }
    }
    // The last layer that reads each output; an output nothing reads is freed once made, but for
    // the network's (the last layer's).
    var lastReader = Array(0..<count)
    // By index, reading the inputs alone: a million layers are not each copied whole.
    for i in network.layers.indices where runs[i] {
      for case .layer(let j) in network.layers[i].inputs { lastReader[j] = max(lastReader[j], i) }
    }
    sizes = [try bytes(network.input, at: 0)]
    lastUse = [count]
    absorbed = [false]
    savedBy = OptionalCounts(repeating: nil, count: 1)
    // A buffer per layer at most, beside the input's: room made once, not by doubling.
    sizes.reserveCapacity(count + 1)
    lastUse.reserveCapacity(count + 1)
    absorbed.reserveCapacity(count + 1)
    savedBy.reserveCapacity(count + 1)
    bufferOfLayer = OptionalCounts(repeating: nil, count: count)
    allocated = Array(repeating: 0, count: count)
    outputBytes = Array(repeating: 0, count: count)
    extraSaved = Array(repeating: 0, count: count)
    heldSaved = Array(repeating: 0, count: count)

    var shapes: [Shape] = []
    var buffers: [Int] = []
    // All the walk allocates, so that no running sum of live bytes can pass 2⁶³ − 1.
    var allocatedInAll = 0
    // Buffers of `constant` layers (stochastic depth's noise): they need no gradient, so a
    // product with one keeps the constant for the data's gradient, not the data.
    var gradless = Set<Int>()
    // By index: each layer is read in place, not copied whole.
    for i in network.layers.indices where runs[i] {
      shapes.empty()
      buffers.empty()
      for input in network.layers[i].inputs {
        switch input {
        case .network:
          shapes.append(network.input)
          buffers.append(0)
        case .layer(let j):
          guard let buffer = bufferOfLayer[j] else { continue }
          shapes.append(outputs[j])
          buffers.append(buffer)
        }
      }
      guard !shapes.isEmpty, shapes.count == network.layers[i].inputs.count else { continue }
      let output = outputs[i]
      let outputBytes = try bytes(output, at: i)
      self.outputBytes[i] = outputBytes
      // A buffer the layer may write over: not the input, read by nothing after this layer, and
      // in training not kept for another layer's backward (autograd would refuse).
      func free(_ buffer: Int) -> Bool {
        buffer != 0 && lastUse[buffer] <= i && !absorbed[buffer]
          && !(training && savedBy[buffer] != nil)
      }
      let layer = MemoryTraits(of: network, at: i)
      var buffer: Int
      switch layer.effect(policy: policy, training: training) {
      case .views:
        buffer = buffers[0]
      case .overwrites:
        if let k = shapes.indices.first(where: {
          shapes[$0].elementCount == output.elementCount && free(buffers[$0])
        }) {
          buffer = buffers[k]
        } else {
          buffer = append(outputBytes)
          allocated[i] = outputBytes
        }
      case .allocates:
        buffer = append(outputBytes)
        allocated[i] = outputBytes
      case .joins:
        var joined = 0
        var copied = 0
        for (k, input) in buffers.enumerated() {
          if free(input) {
            absorbed[input] = true
            joined = try MemoryError.sum(joined, sizes[input], at: i)
          } else {
            copied = try MemoryError.sum(copied, try bytes(shapes[k], at: i), at: i)
          }
        }
        buffer = append(try MemoryError.sum(joined, copied, at: i))
        allocated[i] = copied
      }
      allocatedInAll = try MemoryError.sum(allocatedInAll, allocated[i], at: i)
      bufferOfLayer[i] = buffer
      if layer.kind == .constant, allocated[i] > 0 { gradless.insert(buffer) }
      lastUse[buffer] = max(lastUse[buffer], lastReader[i])
      if training {
        let rule: SavedRule
        do throws(LayerError) {
          rule = try layer.saved(
            inputs: shapes, output: output, batch: settings.batch, bytes: width)
        } catch { throw MemoryError(layer: i) }
        if rule.inputs && rule.copiesInPlace && buffers.contains(buffer) {
          // The copy autograd makes before the layer writes over its input.
          extraSaved[i] = try MemoryError.sum(extraSaved[i], outputBytes, at: i)
        } else if rule.inputs {
          // A product's input is kept for the other inputs' gradients: not if all are constants.
          // Those that take a gradient counted once, not looked for past each input (a product
          // of 80,000 constants took 57 s, issue 25).
          let product = layer.kind == .multiply
          let withGradient = product ? buffers.count { !gradless.contains($0) } : 0
          for input in buffers
          where !product || withGradient - (gradless.contains(input) ? 0 : 1) > 0 {
            save(input, by: i)
          }
        }
        if rule.output { save(buffer, by: i) }
        extraSaved[i] = try MemoryError.sum(extraSaved[i], rule.extraBytes, at: i)
        heldSaved[i] = rule.heldBytes
        allocatedInAll = try MemoryError.sum(allocatedInAll, extraSaved[i], at: i)
        // Each layer's gradients are the size of its inputs and output: with them the sum bounds
        // all a training walk holds but the weights' gradients, which it checks itself.
        for k in shapes.indices {
          allocatedInAll = try MemoryError.sum(allocatedInAll, try bytes(shapes[k], at: i), at: i)
        }
        allocatedInAll = try MemoryError.sum(allocatedInAll, outputBytes, at: i)
      }
    }
  }

  private mutating func append(_ size: Int) -> Int {
    sizes.append(size)
    lastUse.append(0)
    absorbed.append(false)
    savedBy.append(nil)
    return sizes.count - 1
  }

  private mutating func save(_ buffer: Int, by layer: Int) {
    if savedBy[buffer] == nil { savedBy[buffer] = layer }
  }

  /// Buffers by the layer after which they are freed (their last reader), the input never.
  func freedAfter(count: Int, keepingSaved: Bool) -> BuffersByLayer {
    BuffersByLayer(layers: count, buffers: sizes.count) { buffer in
      buffer == 0 || count == 0 || (keepingSaved && savedBy[buffer] != nil)
        ? nil : min(lastUse[buffer], count - 1)
    }
  }
}

/// A byte count past 2⁶³ − 1 at a layer: the batch is too large for the network.
struct MemoryError: Error {
  var layer: Int

  /// The analyzer's checked `sum` and `product`, the error located at `layer`.
  static func sum(_ a: Int, _ b: Int, at layer: Int) throws(MemoryError) -> Int {
    do throws(LayerError) { return try NetCostCore.sum(a, b) } catch {
      throw MemoryError(layer: layer)
    }
  }

  static func product(_ factors: [Int], at layer: Int) throws(MemoryError) -> Int {
    do throws(LayerError) { return try NetCostCore.product(factors) } catch {
      throw MemoryError(layer: layer)
    }
  }
}
