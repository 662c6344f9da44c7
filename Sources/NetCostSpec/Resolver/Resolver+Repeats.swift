import NetCostCore

/// A loop's passes over a step whose values are numbers alone evaluate to the same layer each
/// time: the first pass's is kept and taken by the others, which only name the layer and add
/// it (a million passes of `maxpool kernel = 1` evaluate its keys once, issue 25). Each pass
/// still spends the steps its evaluation took, so the budget runs out where it did.
extension Resolver {
  struct Repeat {
    /// What the step made, its inputs left out (each pass reads its own).
    var operation: Operation
    var torchCall: TorchCall?
    var learned: Shape?
    var inPlace: Bool?
    /// The budget's steps that evaluating the step took.
    var steps: Int
  }

  /// What an earlier pass made of `step`, reading `previous` this time; nil when there is none,
  /// or too few steps are left for its evaluation (which then runs and reports as it would).
  mutating func repeated(
    _ step: Step, branches: [Layer.Input]?, from previous: Layer.Input
  ) -> Made? {
    guard branches == nil, let known = repeats[step.range], budget.remaining >= known.steps
    else { return nil }
    for _ in 0..<known.steps { budget.take() }
    return Made(
      inputs: [previous], operation: known.operation, torchCall: known.torchCall,
      learned: known.learned, inPlace: known.inPlace)
  }

  /// Keeps what `step` made, when every later pass must make the same: it read the layer before
  /// it (no `from`), its values are numbers alone (no names, no calls), and it reported nothing.
  mutating func remember(
    _ made: Made, of step: Step, _ arguments: [Argument], from previous: Layer.Input,
    steps: Int, quietly: Bool
  ) {
    guard quietly, made.inputs == [previous], repeats[step.range] == nil,
      arguments.allSatisfy({ $0.key.value != "from" && $0.value.isNumbersAlone })
    else { return }
    repeats[step.range] = Repeat(
      operation: made.operation, torchCall: made.torchCall, learned: made.learned,
      inPlace: made.inPlace, steps: steps)
  }
}

extension Expr {
  /// Whether the value is the same wherever it is evaluated: numbers and arithmetic on them.
  var isNumbersAlone: Bool {
    switch kind {
    case .number, .string: true
    case .name, .call: false
    case .negate(let e): e.isNumbersAlone
    case .binary(_, let a, let b): a.isNumbersAlone && b.isNumbersAlone
    case .list(let items), .sides(let items): items.allSatisfy(\.isNumbersAlone)
    }
  }
}
