import NetCostCore

/// How a step's keys are laid out, found on its first pass and followed on the others: a loop
/// whose values change every pass (`for i in 1...1000000 { conv …, dilation = i }`, issue 25)
/// evaluates its expressions each time but finds its keys' slots and defaults once.
extension Resolver {
  struct KeyPlan {
    /// How a key the step does not give gets its value.
    enum Fill {
      case value(Value)
      /// The layer written just before (`from`'s default).
      case previous
      /// The merged branches.
      case branches
      /// The value of the key in this slot, as it is then (a pool's stride is its kernel).
      case copy(Int)
    }

    /// Whether the first pass merged branches: the plan holds for passes that do too.
    var branches: Bool
    /// Each argument's slot, in the order written.
    var slots: [Int] = []
    /// The other keys' values, in schema order.
    var fills: [(slot: Int, fill: Fill)] = []

    init(branches: Bool) { self.branches = branches }

    /// Whether a pass of the step can follow the plan: the same arguments (a step's text is
    /// fixed), and branches where the first pass had them.
    func fits(_ arguments: [Argument], branches: [Layer.Input]?) -> Bool {
      arguments.count == slots.count && self.branches == (branches != nil)
    }
  }
}

extension Resolver.KeyValues {
  /// The slot filled as `fill` says.
  mutating func fill(
    _ slot: Int, with fill: Resolver.KeyPlan.Fill, previous: Layer.Input,
    branches: [Layer.Input]?
  ) {
    switch fill {
    case .value(let value): values[slot] = value
    case .previous: values[slot] = .layer(previous)
    case .branches: if let branches { values[slot] = .layers(branches) }
    case .copy(let other): values[slot] = values[other]
    }
  }
}
