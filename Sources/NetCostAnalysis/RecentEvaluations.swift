import NetCostCore

/// The last few layers evaluated, whose figures a layer takes when it is the same layer as one
/// of them: the shape and cost rules are functions of the operation, the learned tensors and the
/// inputs' shapes alone, so a layer equal in these to one kept has its output and cost, and
/// reading the same receptive fields, its field. A loop's passes are evaluated once: a million
/// of `maxpool kernel = 1` (issue 25), and as much a block of a few layers passed over again and
/// again (a convolution and its activation, two convolutions in turn), whose layers are each
/// kept until they come round again.
///
/// A layer is compared only with those kept that share its `Layer.Origin` (written by the same
/// statement at the same call sites): a network of layers written once pays a few comparisons
/// of references a layer.
struct RecentEvaluations {
  private struct Kept {
    var origin: Shared<Layer.Origin>
    var operation: Operation
    var learned: [Shape]
    /// The inputs' shapes, in a buffer of its own: the caller's is reused layer after layer.
    var known: [Shape]
    var output: Shape
    var cost: Cost
    var bytes: Int? = nil
    var fieldRead: [ReceptiveField] = []
    var field: ReceptiveField?? = nil
  }

  private var kept: [Kept] = []
  /// The slot the next layer evaluated afresh takes once every slot is full.
  private var oldest = 0
  /// The slot of the layer being analysed.
  private var current = 0
  /// Enough for the layers of a block of a few; each layer compares at most this many origins.
  private static let slots = 8

  /// `operation`'s output and cost reading `known`, its `learned` tensors taking part; `origin`
  /// is the layer's.
  mutating func evaluate(
    _ operation: Operation, learned: [Shape], reading known: [Shape],
    origin: Shared<Layer.Origin>
  ) throws(LayerError) -> (output: Shape, cost: Cost) {
    for k in kept.indices where kept[k].origin.isSame(as: origin) {
      guard Operation.sameWithLayout(operation, kept[k].operation), learned == kept[k].learned,
        known.isIdentical(to: kept[k].known)
      else { continue }
      current = k
      return (kept[k].output, kept[k].cost)
    }
    let (output, cost) = try Analyzer.evaluate(operation, learned: learned, reading: known)
    if kept.count < Self.slots {
      kept.append(
        Kept(
          origin: origin, operation: operation, learned: learned, known: known, output: output,
          cost: cost))
      current = kept.count - 1
    } else {
      current = oldest
      oldest = (oldest + 1) % Self.slots
      // The slot's buffers are reused, not made again.
      kept[current].origin = origin
      kept[current].operation = operation
      kept[current].learned = learned
      kept[current].known.empty()
      kept[current].known.append(contentsOf: known)
      (kept[current].output, kept[current].cost) = (output, cost)
      (kept[current].bytes, kept[current].field) = (nil, nil)
    }
    return (output, cost)
  }

  /// The bytes of the output just evaluated, `compute`d once for a layer kept.
  mutating func bytes(
    of output: Shape, _ compute: (Shape) throws(LayerError) -> Int
  ) throws(LayerError) -> Int {
    if let bytes = kept[current].bytes { return bytes }
    let made = try compute(output)
    kept[current].bytes = made
    return made
  }

  /// The receptive field after the layer just evaluated, reading `fields`: `compute`d once for
  /// a layer kept and the fields it read.
  mutating func field(
    reading fields: [ReceptiveField], _ compute: () -> ReceptiveField?
  ) -> ReceptiveField? {
    if let field = kept[current].field, fields == kept[current].fieldRead { return field }
    let made = compute()
    kept[current].fieldRead.empty()
    kept[current].fieldRead.append(contentsOf: fields)
    kept[current].field = .some(made)
    return made
  }
}
