import NetCostCore

/// A step met again with the same values makes the same layer: a loop's passes (a million
/// passes of `maxpool kernel = 1`, issue 25) and a block called again (ViT's encoder blocks,
/// MaxViT's stages) evaluate its keys once and only name the layer, find what it reads and add
/// it. A key's value depends on the expression's text, the spec's parameters and `def`s (fixed
/// for a resolution) and the local names it reads (block arguments, loop variables): those are
/// kept with what was made, and a pass whose locals have the same values takes it. Each pass
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
    /// Each name the step's values read, with its local value then (nil: not a local name, so a
    /// parameter or a word such as `same`, the same in every pass).
    var reads: [Read]
    /// The step's arguments that name layers (`from`), by position, with their keys: each
    /// pass evaluates them, and the step's keys are not searched again.
    var layerArguments: [(index: Int, key: LayerKind.Key)]
  }

  struct Read {
    var name: String
    var local: Double?
  }

  /// What one step's passes made, and how often a pass found none of it.
  struct Kept {
    var repeats: [Repeat] = []
    var misses = 0
    /// Where its keys go (`Resolver+KeyPlan.swift`), once a pass has evaluated them all.
    var plan: KeyPlan?
  }

  /// The values a step's passes may share, at most this many for one step: MaxViT's block and
  /// grid attention alternate two, an EfficientNetV2 block's arguments change by stage.
  private static var valuesKept: Int { 16 }
  /// Passes that found nothing kept, after which a step is not searched: one whose values
  /// change every pass (`for i in 1...1000000 { conv filters = i }`) is made afresh each time,
  /// not compared with sixteen first.
  private static var missesTolerated: Int { 64 }

  /// What an earlier pass made of `step` with the same local values, reading what this pass
  /// reads; nil when there is none (a step with branches is never kept), or too few steps are
  /// left for its evaluation (which then runs and reports as it would).
  mutating func repeated(
    _ step: Step, _ arguments: [Argument], from previous: Layer.Input, in scope: Scope
  ) -> Made? {
    guard let kept = repeats[step.range], kept.misses < Self.missesTolerated
    else { return nil }
    // The one found is read in place, not copied out (a million passes).
    guard let k = kept.repeats.firstIndex(where: { $0.matches(scope.bindings) }) else {
      repeats[step.range]?.misses += 1
      return nil
    }
    guard budget.remaining >= kept.repeats[k].steps else { return nil }
    var inputs = LayerInputs(previous)
    for (index, key) in kept.repeats[k].layerArguments {
      // The same step has the same arguments; a step that somehow had fewer is made afresh.
      guard arguments.indices.contains(index) else { return nil }
      switch evaluate(arguments[index].value, as: key, in: scope) {
      case .layer(let input)?: inputs = LayerInputs(input)
      case .layers(let many)?: inputs = LayerInputs(many)
      default: return nil  // Evaluated again in full, which reports it.
      }
    }
    budget.take(kept.repeats[k].steps)
    return Made(
      inputs: inputs, operation: kept.repeats[k].operation, torchCall: kept.repeats[k].torchCall,
      learned: kept.repeats[k].learned, inPlace: kept.repeats[k].inPlace)
  }

  /// Keeps what `step` made when it reported nothing and made no branches (whose layers differ
  /// from pass to pass), with the local values its keys read.
  mutating func remember(
    _ made: Made, of step: Step, _ kind: LayerKind, _ arguments: [Argument],
    branches: [Layer.Input]?, in scope: Scope, steps: Int, quietly: Bool
  ) {
    guard quietly, branches == nil, (repeats[step.range]?.repeats.count ?? 0) < Self.valuesKept
    else { return }
    var names: [String] = []
    var layerArguments: [(index: Int, key: LayerKind.Key)] = []
    for (index, argument) in arguments.enumerated() {
      let key = kind.keys.first { $0.name == argument.key.value }
      if let key, key.type == .layer || key.type == .layers {
        layerArguments.append((index, key))
      } else {
        argument.value.collectNames(into: &names)
      }
    }
    let known = Repeat(
      operation: made.operation, torchCall: made.torchCall, learned: made.learned,
      inPlace: made.inPlace, steps: steps,
      reads: names.map { Read(name: $0, local: scope.bindings.local($0)) },
      layerArguments: layerArguments)
    repeats[step.range, default: Kept()].repeats.append(known)
  }
}

extension Resolver.Repeat {
  /// Whether every local name the step read has the value it had then.
  fileprivate func matches(_ bindings: Bindings) -> Bool {
    reads.allSatisfy { bindings.local($0.name) == $0.local }
  }
}
