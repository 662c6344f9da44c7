import NetCostCore

/// The memory of one training step in eager PyTorch: the weights and the optimizer's state, held
/// between steps, and what the step adds at its peak — the activations autograd saves in the
/// forward pass (`SavedRule`), the weights' gradients made so far, and what is in flight (outputs
/// not yet freed, gradients of activations).
public struct TrainingMemory: Hashable, Sendable {
  public enum Phase: String, Sendable {
    case forward, backward, step
  }

  public var optimizer: Optimizer
  /// Every parameter, batch-norm statistics included, at the data type.
  public var weights: Int
  public var optimizerState: Int
  /// The batch of input images, held by the caller.
  public var input: Int
  /// All autograd saves in one forward, each storage once: what
  /// `torch.autograd.graph.saved_tensors_hooks` counts (the input image and batch norm's running
  /// statistics included, the parameters not).
  public var savedForBackward: Int
  /// Every trained parameter's gradient, held from the backward pass to the optimizer's step.
  public var allGradients: Int
  /// At the step's peak: saved activations still held, gradients made so far, and the rest.
  public var savedActivations: Int
  public var gradients: Int
  public var transient: Int
  /// Where the peak comes: the layer (its index in the network) and the pass.
  public var peakLayer: Int
  public var peakPhase: Phase

  /// What the step allocates at its peak above the weights, the state and the input. `walk`
  /// checks that this and `total` fit in 64 bits before it returns a value.
  public var growth: Int { savedActivations + gradients + transient }
  public var total: Int { weights + optimizerState + input + growth }
}

extension TrainingMemory {
  /// Walks the forward pass keeping what is saved, then the backward pass in reverse, then the
  /// optimizer's step. `trainable[i]`: layer i's trained parameters. Returns also the bytes each
  /// layer saves first (a row's "saved" column).
  static func walk(
    _ network: Network, plan: BufferPlan, trainable: [Int], parameters: Int,
    settings: MemorySettings, optimizer: Optimizer
  ) throws(MemoryError) -> (TrainingMemory, savedByLayer: [Int]) {
    let count = network.layers.count
    let width = settings.dtype.bytes
    func add(_ a: Int, _ b: Int, _ layer: Int) throws(MemoryError) -> Int {
      try MemoryError.sum(a, b, at: layer)
    }
    // Two or three factors, not a variadic list: an array per layer of a million, otherwise.
    func times(_ a: Int, _ b: Int, _ c: Int = 1) throws(MemoryError) -> Int {
      try MemoryError.product([a, b, c], at: max(0, count - 1))
    }
    var trainableInAll = 0
    for (i, n) in trainable.enumerated() { trainableInAll = try add(trainableInAll, n, i) }
    var memory = TrainingMemory(
      optimizer: optimizer, weights: try times(parameters, width),
      optimizerState: try times(trainableInAll, width, optimizer.stateCopies),
      input: plan.sizes[0], savedForBackward: 0, allGradients: try times(trainableInAll, width),
      savedActivations: 0, gradients: 0, transient: 0, peakLayer: 0, peakPhase: .forward)

    // What each layer saves first, and the buffers it is the earliest to save.
    var savedByLayer = Array(repeating: 0, count: count)
    let firstSaved = BuffersByLayer(layers: count, buffers: plan.sizes.count) { plan.savedBy[$0] }
    for buffer in plan.sizes.indices {
      guard let layer = plan.savedBy[buffer] else { continue }
      savedByLayer[layer] = try add(savedByLayer[layer], plan.sizes[buffer], layer)
    }
    for i in 0..<count {
      savedByLayer[i] = try add(
        savedByLayer[i], try add(plan.extraSaved[i], plan.heldSaved[i], i), i)
      memory.savedForBackward = try add(memory.savedForBackward, savedByLayer[i], i)
    }

    // The plan checked the sum of all the walk allocates but the weights' gradients, which are
    // checked as they are added; the input's buffer is apart. So `live` stays within 2⁶³.
    var live = 0
    var saved = 0
    var gradients = 0
    var peak = -1
    func record(_ layer: Int, _ phase: Phase) {
      guard live > peak else { return }
      peak = live
      memory.savedActivations = saved
      memory.gradients = gradients
      memory.transient = live - saved - gradients
      memory.peakLayer = layer
      memory.peakPhase = phase
    }

    // Forward: outputs allocated as they run; a buffer is freed after its last reader unless a
    // layer saved it.
    let freed = plan.freedAfter(count: count, keepingSaved: true)
    for i in 0..<count where plan.bufferOfLayer[i] != nil {
      live += plan.allocated[i] + plan.extraSaved[i]
      saved += plan.extraSaved[i]
      for buffer in firstSaved[i] where buffer != 0 { saved += plan.sizes[buffer] }
      record(i, .forward)
      for buffer in freed[i] { live -= plan.sizes[buffer] }
    }

    // Backward, last layer first: each layer makes the gradients of its inputs (a sum hands its
    // output's gradient on; a view reshapes it), then frees its output's gradient and what it
    // alone still needed. A gradient reaching a tensor that has one is added into it.
    var gradientOf = OptionalCounts(repeating: nil, count: count)
    var gradientSize: [Int] = []
    var references: [Int] = []
    func newGradient(_ size: Int) -> Int {
      gradientSize.append(size)
      references.append(1)
      live += size
      return gradientSize.count - 1
    }
    func release(_ gradient: Int) {
      references[gradient] -= 1
      if references[gradient] == 0 { live -= gradientSize[gradient] }
    }
    var read = Array(repeating: false, count: count)
    for i in network.layers.indices {
      for case .layer(let j) in network.layers[i].inputs { read[j] = true }
    }
    for i in stride(from: count - 1, through: 0, by: -1) {
      guard plan.bufferOfLayer[i] != nil else { continue }
      // An output nothing reads is a head of the loss: its gradient comes from the loss.
      if gradientOf[i] == nil && !read[i] { gradientOf[i] = newGradient(plan.outputBytes[i]) }
      var merged: [Int] = []
      if let output = gradientOf[i] {
        let handsOn = MemoryTraits(of: network, at: i).handsGradientOn
        for case .layer(let j) in network.layers[i].inputs {
          guard plan.bufferOfLayer[j] != nil else { continue }
          if handsOn {
            if gradientOf[j] == nil {
              references[output] += 1
              gradientOf[j] = output
            }
          } else {
            let gradient = newGradient(plan.outputBytes[j])
            if gradientOf[j] == nil { gradientOf[j] = gradient } else { merged.append(gradient) }
          }
        }
      }
      let made = try times(trainable[i], width)
      gradients = try add(gradients, made, i)
      live = try add(live, made, i)
      record(i, .backward)
      for gradient in merged { release(gradient) }
      if let output = gradientOf[i] { release(output) }
      gradientOf[i] = nil
      live -= plan.extraSaved[i]
      saved -= plan.extraSaved[i]
      for buffer in firstSaved[i] where buffer != 0 {
        live -= plan.sizes[buffer]
        saved -= plan.sizes[buffer]
      }
    }
    // The step: the gradients, and the optimizer's temporaries.
    live = try add(gradients, try times(memory.allGradients, optimizer.stepCopies), count - 1)
    saved = 0
    record(max(0, count - 1), .step)
    // The sums `growth` and `total` make, checked here once (10¹⁸ parameters under Adam).
    let last = max(0, count - 1)
    let growth = try add(
      try add(memory.savedActivations, memory.gradients, last), memory.transient, last)
    _ = try add(
      try add(try add(memory.weights, memory.optimizerState, last), memory.input, last), growth,
      last)
    return (memory, savedByLayer)
  }
}
