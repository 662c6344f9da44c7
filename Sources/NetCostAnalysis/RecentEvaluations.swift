import NetCostCore

/// The last evaluation of each of the last few statements, whose figures a layer takes when it
/// is the same layer: the shape and cost rules are functions of the operation, the learned
/// tensors and the inputs' shapes alone, so a layer equal in these to one kept has its output
/// and cost, and reading the same receptive fields, its field. A loop's passes are evaluated
/// once: a million of `maxpool kernel = 1` (issue 25), and as much a block of several layers
/// passed over again and again (a convolution and its activation, two convolutions in turn),
/// whose layers are each kept until they come round again.
///
/// A layer is kept only when one of the few after it shares its `Layer.Origin` (written by the
/// same statement at the same call sites), and compared only with those kept that share it: a
/// network of layers written once pays a few comparisons of references a layer.
struct RecentEvaluations {
  private struct Kept {
    /// Held, so that its box's address (`identity`, which layers are compared by) stays its own.
    var origin: Shared<Layer.Origin>
    var identity: Int
    var operation: Operation
    var learned: [Shape]
    /// The inputs' shapes, in a buffer of its own: the caller's is reused layer after layer.
    var known: [Shape]
    /// The first of them, compared before the others: a plain value.
    var firstInput: Shape?
    var output: Shape
    var cost: Cost
    var bytes: Int? = nil
    var fieldRead: [ReceptiveField] = []
    var field: ReceptiveField?? = nil
  }

  private var kept: [Kept] = []
  /// The slot the next statement kept takes once every slot is full.
  private var oldest = 0
  /// The slot of the layer being analysed; nil when it is not kept.
  private var current: Int? = nil
  /// Enough for the statements of a block of several; each layer compares this many numbers.
  static let slots = 16

  /// `operation`'s output and cost reading `known`, its `learned` tensors taking part; `origin`
  /// is the layer's, and `keep` whether one of the next few layers shares it
  /// (`Network.originRecurs`). A statement keeps its last evaluation alone: a loop whose input
  /// grows every pass compares each layer with one, not with a slot of each pass.
  mutating func evaluate(
    _ operation: Operation, learned: [Shape], reading known: [Shape],
    origin: Shared<Layer.Origin>, keep: Bool
  ) throws(LayerError) -> (output: Shape, cost: Cost) {
    let identity = origin.identity
    let slot = kept.firstIndex { $0.identity == identity }
    // The first input's shape first, a plain value: a pass that differs mostly differs there.
    if let k = slot, kept[k].firstInput == known.first,
      Operation.sameWithLayout(operation, kept[k].operation), learned == kept[k].learned,
      known.isIdentical(to: kept[k].known)
    {
      current = k
      return (kept[k].output, kept[k].cost)
    }
    let (output, cost) = try Analyzer.evaluate(operation, learned: learned, reading: known)
    current = nil
    guard keep else { return (output, cost) }
    guard let k = slot ?? (kept.count < Self.slots ? nil : oldest) else {
      kept.append(
        Kept(
          origin: origin, identity: identity, operation: operation, learned: learned,
          known: known, firstInput: known.first, output: output, cost: cost))
      current = kept.count - 1
      return (output, cost)
    }
    if slot == nil { oldest = (oldest + 1) % Self.slots }
    current = k
    // The slot's buffers are reused, not made again.
    (kept[k].origin, kept[k].identity) = (origin, identity)
    kept[k].operation = operation
    kept[k].learned = learned
    kept[k].known.empty()
    kept[k].known.append(contentsOf: known)
    kept[k].firstInput = known.first
    (kept[k].output, kept[k].cost) = (output, cost)
    (kept[k].bytes, kept[k].field) = (nil, nil)
    return (output, cost)
  }

  /// The bytes of the output just evaluated, `compute`d once for a layer kept.
  mutating func bytes(
    of output: Shape, _ compute: (Shape) throws(LayerError) -> Int
  ) throws(LayerError) -> Int {
    guard let k = current else { return try compute(output) }
    if let bytes = kept[k].bytes { return bytes }
    let made = try compute(output)
    kept[k].bytes = made
    return made
  }

  /// The receptive field after the layer just evaluated, reading `fields`: `compute`d once for
  /// a layer kept and the fields it read.
  mutating func field(
    reading fields: [ReceptiveField], _ compute: () -> ReceptiveField?
  ) -> ReceptiveField? {
    guard let k = current else { return compute() }
    if let field = kept[k].field, fields == kept[k].fieldRead { return field }
    let made = compute()
    kept[k].fieldRead.empty()
    kept[k].fieldRead.append(contentsOf: fields)
    kept[k].field = .some(made)
    return made
  }
}
