import NetCostCore

extension Convention.Params {
  /// The parameters of `totals` the tool counts.
  public func count(_ totals: Totals) -> Int {
    switch self {
    case .withoutBatchNorm: totals.paramsWithoutBatchNorm
    case .trainable: totals.trainableParams
    case .all: totals.params
    }
  }
}

/// What a rule sees of one layer: its kind, operation, how PyTorch runs it, its shapes and its
/// costs under the papers' convention. A reference, handed to each rule of each convention
/// (some sixty for `conventions`): a value this size was copied for every call, through the
/// thunk that calls a function kept in an array (a million layers that differ, issue 25).
public final class ConventionLayer: Sendable {
  public let kind: LayerKind
  public let operation: Operation
  public let call: TorchCall
  public let inputs: [Shape]
  public let output: Shape
  public let cost: Cost

  init(
    kind: LayerKind, operation: Operation, call: TorchCall, inputs: [Shape], output: Shape,
    cost: Cost
  ) {
    (self.kind, self.operation, self.call) = (kind, operation, call)
    (self.inputs, self.output, self.cost) = (inputs, output, cost)
  }
}

/// One rule of a convention: what it adds to the papers' count for some layers.
public struct ConventionRule: Sendable {
  /// A short name, the breakdown's (`batch norm`, `functional calls`).
  public var name: String
  /// What it counts, per layer, in words (`2 per input value (γ·x̂ + β)`).
  public var counts: String
  /// Where in the tool's source the rule comes from.
  public var source: String
  let term: @Sendable (ConventionLayer) throws(LayerError) -> Int?
}

/// A rule's term for one row or a whole network.
public struct ConventionTerm: Hashable, Sendable {
  public var rule: String
  public var value: Int
}

extension ConventionRule {
  /// The rule's name wherever products of two computed tensors are counted.
  static let productsRuleName = "activation products"

  /// A tool's count of a `matmul`'s products: `factor` per multiply-accumulate when PyTorch runs
  /// it in one of the ways `when` lists, since each tool sees only some of them; a
  /// `torch.einsum` call by `einsum` from its multiply-accumulates, when the tool counts it so.
  static func activationProducts(
    counts: String, source: String, when calls: Set<TorchCall>, factor: Int = 1,
    einsum: (@Sendable (Int) -> Int)? = nil
  ) -> ConventionRule {
    ConventionRule(
      name: productsRuleName, counts: counts, source: source,
      term: { l throws(LayerError) in
        guard l.cost.activationMatmulMacs > 0 else { return nil }
        if l.call == .einsum, let einsum {
          guard l.cost.activationMatmulMacs < Int.max / 4 else { throw .overflow }
          return einsum(l.cost.activationMatmulMacs)
        }
        guard calls.contains(l.call) else { return nil }
        let (value, overflow) = l.cost.activationMatmulMacs.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .overflow }
        return value
      })
  }
}

extension ConventionRule {
  /// Lp pooling as the patching tools see it: nn.LPPool2d has no hook, but F.lp_pool2d averages
  /// the powers with F.avg_pool2d (the pooling rule's input values) and takes the root through
  /// F.relu and Tensor.mul, one output value each (Tests/Fixtures/conventions/layers.jsonl).
  static func lpPoolingRoot(source: String) -> ConventionRule {
    ConventionRule(
      name: "Lp pooling's root", counts: "2 per output value (F.relu and Tensor.mul)",
      source: source,
      term: { l throws(LayerError) in
        guard case .pooling(let pool) = l.operation, pool.power != nil, l.call != .absent else {
          return nil
        }
        return try product([2, l.outputValues()])
      })
  }
}
