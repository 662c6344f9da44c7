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
    /// The conventions' terms, with the kind and call they were made for.
    var terms: (kind: LayerKind, call: TorchCall, terms: [ConventionWalk.Terms])? = nil
  }

  private var kept: [Kept] = []
  /// The slot the next statement kept takes once every slot is full.
  private var oldest = 0
  /// The slot of the layer being analysed; nil when it is not kept.
  private var current: Int? = nil
  /// Enough for the statements of a block of several; each layer compares this many numbers.
  static let slots = 16

  /// Layer `index` of `layers`: its output and cost reading `known`, its learned tensors taking
  /// part; `keep` whether one of the next few layers shares its origin
  /// (`Network.originRecurs`). A statement keeps its last evaluation alone: a loop whose input
  /// grows every pass compares each layer with one, not with a slot of each pass.
  mutating func evaluate(
    _ layers: [Layer], _ index: Int, reading known: [Shape], keep: Bool
  ) throws(LayerError) -> (output: Shape, cost: Cost) {
    let identity = Self.originIdentity(layers, index)
    let slot = kept.firstIndex { $0.identity == identity }
    // The first input's shape first, a plain value: a pass that differs mostly differs there.
    if let k = slot, kept[k].firstInput == known.first, sameOperation(layers, index, k),
      layers[index].learned == kept[k].learned, known.isIdentical(to: kept[k].known)
    {
      current = k
      return (kept[k].output, kept[k].cost)
    }
    let operation = layers[index].operation
    let learned = layers[index].learned
    let origin = layers[index].origin
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
    (kept[k].bytes, kept[k].field, kept[k].terms) = (nil, nil, nil)
    return (output, cost)
  }

  // Layer `index`'s origin and operation are read where they are: a loop's layers share their
  // boxes, which a copy would retain, on both threads that evaluate layers (the rows, and the
  // memory walks beside them), each a turn at the box's count.

  /// Where the fields read in place are in a layer and a slot, asked once.
  private enum Offsets {
    static let origin = MemoryLayout<Layer>.offset(of: \.origin)
    static let operation = MemoryLayout<Layer>.offset(of: \.operation)
    static let keptOperation = MemoryLayout<Kept>.offset(of: \.operation)
  }

  /// Layer `index`'s origin's identity (`Shared.identity`: its box's address).
  private static func originIdentity(_ layers: [Layer], _ index: Int) -> Int {
    layers.withUnsafeBufferPointer { layers in
      layers.address(ofFieldAt: Offsets.origin, index)?.loadUnaligned(as: Int.self)
        ?? layers[index].origin.identity
    }
  }

  /// Whether layer `index`'s operation is slot `k`'s: the same bits first (copies of one box,
  /// a loop's passes), then `Operation.sameWithLayout`.
  private func sameOperation(_ layers: [Layer], _ index: Int, _ k: Int) -> Bool {
    let same = layers.withUnsafeBufferPointer { layers in
      kept.withUnsafeBufferPointer { kept in
        sameBits(
          of: Operation.self, at: layers.address(ofFieldAt: Offsets.operation, index),
          kept.address(ofFieldAt: Offsets.keptOperation, k))
      }
    }
    return same || Operation.sameWithLayout(layers[index].operation, kept[k].operation)
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

  /// The conventions' terms for the layer just evaluated, of `kind` run as `call`
  /// (`ConventionWalk.terms`): `compute`d once for a layer kept.
  mutating func conventionTerms(
    kind: LayerKind, call: TorchCall,
    _ compute: () throws(LayerError) -> [ConventionWalk.Terms]
  ) throws(LayerError) -> [ConventionWalk.Terms] {
    guard let k = current else { return try compute() }
    if let made = kept[k].terms, made.kind == kind, made.call == call { return made.terms }
    let made = try compute()
    kept[k].terms = (kind, call, made)
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
