/// The bytes a network's activations hold as it runs, layer by layer: each layer's output is
/// allocated when it runs and freed after its buffer's last reader (`BufferPlan`).
struct Liveness {
  /// Live bytes after each layer, once the buffers it read for the last time are freed.
  var after: [Int]
  var peak = 0
  /// The layer that runs at the peak (the first that runs, when none allocates).
  var peakLayer = 0

  /// `keepingSaved`: buffers saved for backward are not freed (a training forward).
  init(_ plan: BufferPlan, keepingSaved: Bool = false) {
    let count = plan.bufferOfLayer.count
    after = Array(repeating: 0, count: count)
    guard count > 0 else { return }
    let freed = plan.freedAfter(count: count, keepingSaved: keepingSaved)
    var live = 0
    var seenPeak = false
    for i in 0..<count {
      if plan.bufferOfLayer[i] != nil {
        // Within 2⁶³: the plan checked the sum of all it allocates.
        // While the layer runs: everything still held plus its new output.
        live += plan.allocated[i]
        if live > peak || !seenPeak {
          peak = live
          peakLayer = i
          seenPeak = true
        }
      }
      for buffer in freed[i] where !plan.absorbed[buffer] { live -= plan.sizes[buffer] }
      after[i] = live
    }
  }
}
