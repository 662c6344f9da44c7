import NetCostCore

/// The last layer evaluated, whose figures the next layer takes when it is the same layer: the
/// shape and cost rules are functions of the operation, the learned tensors and the inputs'
/// shapes alone, so a layer equal in these to the one kept has its output and cost, and reading
/// the same receptive fields, its field. A loop's passes (a million of `maxpool kernel = 1`,
/// issue 25; `repeat 4 { conv filters = 64 … }` once its channels settle) are evaluated once.
///
/// Only a layer whose next was written by the same statement at the same call sites (they share
/// their `Layer.Origin`) is kept, and only a layer sharing the kept one's origin is compared
/// with it: a network of layers written once pays two comparisons of references a layer.
struct LastEvaluation {
  private var origin: Shared<Layer.Origin>? = nil
  private var operation: Operation? = nil
  private var learned: [Shape] = []
  /// The inputs' shapes, kept in their own buffer: the caller's is reused layer after layer.
  private var known: [Shape] = []
  private var output = Shape(1, 1, 1)
  private var cost = Cost()
  /// Whether the layer being analysed is the one kept, whose slots below are its own.
  private var current = false
  private var bytes: Int? = nil
  private var fieldRead: [ReceptiveField] = []
  private var field: ReceptiveField?? = nil

  /// `operation`'s output and cost reading `known`, its `learned` tensors taking part; `origin`
  /// is the layer's, and `keep` whether the next layer shares it.
  mutating func evaluate(
    _ operation: Operation, learned: [Shape], reading known: [Shape],
    origin: Shared<Layer.Origin>, keep: Bool
  ) throws(LayerError) -> (output: Shape, cost: Cost) {
    if let kept = self.origin, kept.isSame(as: origin), let last = self.operation,
      Operation.sameWithLayout(operation, last), learned == self.learned,
      known.isIdentical(to: self.known)
    {
      current = true
      return (output, cost)
    }
    current = false
    let (output, cost) = try Analyzer.evaluate(operation, learned: learned, reading: known)
    if keep {
      self.origin = origin
      self.operation = operation
      self.learned = learned
      self.known.empty()
      self.known.append(contentsOf: known)
      (self.output, self.cost) = (output, cost)
      (current, bytes, field) = (true, nil, nil)
    }
    return (output, cost)
  }

  /// The bytes of the output just evaluated, `compute`d once for a kept layer.
  mutating func bytes(
    of output: Shape, _ compute: (Shape) throws(LayerError) -> Int
  ) throws(LayerError) -> Int {
    guard current else { return try compute(output) }
    if let bytes { return bytes }
    let made = try compute(output)
    bytes = made
    return made
  }

  /// The receptive field after the layer just evaluated, reading `fields`: `compute`d once for
  /// a kept layer and the fields it read.
  mutating func field(
    reading fields: [ReceptiveField], _ compute: () -> ReceptiveField?
  ) -> ReceptiveField? {
    guard current else { return compute() }
    if let field, fields == fieldRead { return field }
    let made = compute()
    fieldRead.empty()
    fieldRead.append(contentsOf: fields)
    field = .some(made)
    return made
  }
}
