import NetCostCore

/// Checks made on the syntax before anything is expanded: declarations in the wrong place, and how
/// many layers a loop will at least make, so an expansion bomb is refused before it is built.
extension Resolver {
  /// Reports `param`, `input`, `block` and headers inside blocks, loops or branches, once each.
  mutating func checkPlacement(_ statement: Statement, topLevel: Bool) {
    switch statement {
    case .header(let key, _) where !topLevel:
      report(.misplaced(key.value, at: key.range))
    case .parameter(let declaration) where !topLevel:
      report(.misplaced("param", at: declaration.name.range))
    case .input(_, let range) where !topLevel:
      report(.misplaced("input", at: range))
    case .published(let publication) where !topLevel:
      report(.misplaced("published", at: publication.source.range))
    case .function(let function) where !topLevel:
      report(.misplaced("def", at: function.name.range))
    case .variant(let variant) where !topLevel:
      report(.misplaced("variant", at: variant.name.range))
    case .block(let block):
      if !topLevel { report(.misplaced("block", at: block.name.range)) }
      for inner in block.body { checkPlacement(inner, topLevel: false) }
    case .loop(let loop):
      for inner in loop.body { checkPlacement(inner, topLevel: false) }
    case .training(let body, _):
      for inner in body { checkPlacement(inner, topLevel: false) }
    case .conditional(let conditional):
      for inner in conditional.bodies.joined() {
        checkPlacement(inner, topLevel: false)
      }
    case .chain(let steps):
      for case .layer(_, let branches?) in steps.map(\.body) {
        for inner in branches.joined() { checkPlacement(inner, topLevel: false) }
      }
    case .header, .parameter, .input, .published, .function, .variant:
      break
    }
  }

  /// A spec's whole expansion, waiting for its layer estimate.
  struct LayerEstimate {
    var statements: [Statement]
    var bindings: Bindings
    /// How many diagnostics there were when the expansion began.
    var diagnostics: Int
  }

  /// Layers made before the estimate is: a spec that makes fewer and expands without error
  /// cannot be over the limit (the estimate is a lower bound on what expansion makes), so
  /// most specs never walk twice; a bomb is refused after this many.
  static var layersBeforeEstimate: Int { 10_000 }

  /// Makes the layer estimate, once. Over `Limit.layers`, the spec is refused as the estimate
  /// would have refused it before expanding: what expansion reported is taken back and the
  /// statement that passes the limit is reported alone.
  mutating func refusedByEstimate() -> Bool {
    guard let pending = layerEstimate else { return false }
    layerEstimate = nil
    let estimate = firstOverLayerLimit(pending.statements, pending.bindings)
    guard let statement = estimate.statement else {
      layers.reserveCapacity(estimate.layers)
      return false
    }
    forgetDiagnostics(after: pending.diagnostics)
    report(.overLimit(.layers, at: statement))
    return true
  }

  /// The first top-level statement by which the spec has made more than `Limit.layers` layers,
  /// by the lower bound below, with one walk for the whole spec; and the bound.
  func firstOverLayerLimit(
    _ statements: [Statement], _ bindings: Bindings
  ) -> (statement: SourceRange?, layers: Int) {
    let walk = Walk()
    var total = 0
    for statement in statements {
      total = total.saturatingAdd(
        minimumLayers([statement], bindings, visiting: [], walk: walk))
      if total > Limit.layers.value { return (statement.range, total) }
    }
    return (nil, total)
  }

  /// A lower bound on the layers `statements` make, found without making them. Loop counts and
  /// block arguments are evaluated where the names they use are known; a `for` loop is walked
  /// value by value, so `for i in 1...1000 { repeat 3 * i { … } }` is seen whole, and so is a
  /// block that calls another twice at each of 30 levels. What cannot be evaluated counts as zero,
  /// and the walk stops once it passes the limit or its budget (statements and terms evaluated),
  /// so it stays a cheap lower bound. Saturates at `Int.max`.
  private func minimumLayers(
    _ statements: [Statement], _ bindings: Bindings,
    visiting: Set<String>, walk: Walk
  ) -> Int {
    var total = 0
    for statement in statements where total <= Limit.layers.value && !walk.budget.isExhausted {
      walk.budget.take()
      switch statement {
      case .chain(let steps):
        for step in steps {
          total = total.saturatingAdd(minimumLayers(step, bindings, visiting, walk))
        }
      case .loop(let loop):
        total = total.saturatingAdd(minimumLayers(loop, bindings, visiting, walk))
      case .training(let body, _):
        total = total.saturatingAdd(
          minimumLayers(body, bindings, visiting: visiting, walk: walk))
      case .conditional(let conditional):
        // The body taken where the conditions can be evaluated; past one that cannot, the
        // smallest of the bodies that could be taken.
        let evaluator = Evaluator(
          bindings: bindings, definitions: definitions, budget: walk.budget,
          results: functionResults)
        var taken: Int?
        var fewest = Int.max
        for clause in conditional.clauses where taken == nil {
          let count = minimumLayers(clause.body, bindings, visiting: visiting, walk: walk)
          switch try? evaluator.evaluate(clause.condition) {
          case let value? where value != 0:
            taken = count
          case .some:
            break
          case nil:
            fewest = min(fewest, count)
          }
        }
        let otherwise = minimumLayers(
          conditional.otherwise, bindings, visiting: visiting, walk: walk)
        total = total.saturatingAdd(min(fewest, taken ?? otherwise))
      case .header, .parameter, .input, .block, .published, .function, .variant:
        break
      }
    }
    return total
  }

  private func minimumLayers(
    _ loop: Loop, _ bindings: Bindings, _ visiting: Set<String>,
    _ walk: Walk
  ) -> Int {
    let evaluator = Evaluator(
      bindings: bindings, definitions: definitions, budget: walk.budget, results: functionResults)
    func whole(_ expr: Expr) -> Int? {
      guard let value = try? evaluator.evaluate(expr), value == value.rounded() else { return nil }
      return Int(value)
    }
    switch loop.bounds {
    case .count(let expr):
      guard let count = whole(expr), count > 0 else { return 0 }
      return count.saturatingMultiply(
        minimumLayers(loop.body, bindings, visiting: visiting, walk: walk))
    case .through(let first, let last):
      guard let a = whole(first), let b = whole(last), a <= b else { return 0 }
      guard let variable = loop.variable?.value else { return 0 }
      var total = 0
      var inner = bindings
      var value = a
      while value <= b && total <= Limit.layers.value && !walk.budget.isExhausted {
        inner[variable] = Double(value)
        total = total.saturatingAdd(
          minimumLayers(loop.body, inner, visiting: visiting, walk: walk))
        value += 1
      }
      return total
    }
  }

  private func minimumLayers(
    _ step: Step, _ bindings: Bindings, _ visiting: Set<String>,
    _ walk: Walk
  ) -> Int {
    switch step.body {
    case .layer(_, let branches):
      var total = 1
      for branch in branches ?? [] {
        total = total.saturatingAdd(
          minimumLayers(branch, bindings, visiting: visiting, walk: walk))
      }
      return total
    case .call(let arguments):
      walk.budget.take()
      // Calls nested past the limit make nothing (expansion refuses them); the walk does not
      // follow them either: a chain of 5,000 blocks each calling the next overflowed the stack.
      guard let block = blocks[step.head.value], !visiting.contains(block.name.value),
        visiting.count < Limit.blockCalls.value
      else { return 0 }
      var inner = Bindings(globals: parameterValues)
      let evaluator = Evaluator(
        bindings: bindings, definitions: definitions, budget: walk.budget, results: functionResults)
      var values: [Double] = []
      for (parameter, argument) in zip(block.parameters, arguments) {
        if let value = try? evaluator.evaluate(argument) {
          inner[parameter.value] = value
          values.append(value)
        }
      }
      // A call whose arguments are all known makes the same layers wherever it is made: counted
      // once, so a block that calls another twice at each of 30 levels takes 30 walks, not 2³⁰.
      let key = Walk.Call(block: block.name.value, arguments: values)
      let known = values.count == block.parameters.count
      if known, let count = walk.calls[key] { return count }
      let count = minimumLayers(
        block.body, inner, visiting: visiting.union([block.name.value]),
        walk: walk)
      if known && !walk.budget.isExhausted { walk.calls[key] = count }
      return count
    }
  }
}

/// The state of one layer estimate: its budget of steps, and the layers of the block calls it has
/// counted already.
final class Walk {
  struct Call: Hashable {
    var block: String
    var arguments: [Double]
  }

  let budget = Budget(steps: Limit.estimateSteps.value)
  var calls: [Call: Int] = [:]
}
