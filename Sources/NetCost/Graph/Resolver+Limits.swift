/// Checks made on the syntax before anything is expanded: declarations in the wrong place, and how
/// many layers a loop will at least make, so an expansion bomb is refused before it is built.
extension Resolver {
  /// Reports `param`, `input`, `block` and headers inside blocks, loops or branches, once each.
  mutating func checkPlacement(_ statement: Statement, topLevel: Bool) {
    switch statement {
    case .header(let key, _) where !topLevel:
      diagnostics.append(.misplaced(key.value, at: key.range))
    case .parameter(let declaration) where !topLevel:
      diagnostics.append(.misplaced("param", at: declaration.name.range))
    case .input(_, _, _, let range) where !topLevel:
      diagnostics.append(.misplaced("input", at: range))
    case .published(let publication) where !topLevel:
      diagnostics.append(.misplaced("published", at: publication.source.range))
    case .function(let function) where !topLevel:
      diagnostics.append(.misplaced("def", at: function.name.range))
    case .block(let block):
      if !topLevel { diagnostics.append(.misplaced("block", at: block.name.range)) }
      for inner in block.body { checkPlacement(inner, topLevel: false) }
    case .loop(let loop):
      for inner in loop.body { checkPlacement(inner, topLevel: false) }
    case .conditional(let conditional):
      for inner in conditional.then + conditional.otherwise {
        checkPlacement(inner, topLevel: false)
      }
    case .chain(let steps):
      for case .layer(_, let branches?) in steps.map(\.body) {
        for inner in branches.joined() { checkPlacement(inner, topLevel: false) }
      }
    case .header, .parameter, .input, .published, .function:
      break
    }
  }

  /// A lower bound on the layers `statements` make, found without making them. Loop counts and
  /// block arguments are evaluated where the names they use are known; a `for` loop is walked
  /// value by value, so `for i in 1...1000 { repeat 3 * i { … } }` is seen whole. What cannot be
  /// evaluated counts as zero, and the walk stops once it passes the limit or its step budget,
  /// so it stays a cheap lower bound. Saturates at `Int.max`.
  func minimumLayers(_ statements: [Statement], _ bindings: Bindings) -> Int {
    var budget = Limit.passes.value
    return minimumLayers(statements, bindings, visiting: [], budget: &budget)
  }

  private func minimumLayers(
    _ statements: [Statement], _ bindings: Bindings,
    visiting: Set<String>, budget: inout Int
  ) -> Int {
    var total = 0
    for statement in statements where total <= Limit.layers.value && budget > 0 {
      budget -= 1
      switch statement {
      case .chain(let steps):
        for step in steps {
          total = total.saturatingAdd(minimumLayers(step, bindings, visiting, &budget))
        }
      case .loop(let loop):
        total = total.saturatingAdd(minimumLayers(loop, bindings, visiting, &budget))
      case .conditional(let conditional):
        // The branch taken when the condition can be evaluated; else the smaller of the two.
        let then = minimumLayers(conditional.then, bindings, visiting: visiting, budget: &budget)
        let otherwise = minimumLayers(
          conditional.otherwise, bindings, visiting: visiting,
          budget: &budget)
        let value = try? Evaluator(bindings: bindings, definitions: definitions)
          .evaluate(conditional.condition)
        total = total.saturatingAdd(
          value.map { $0 != 0 ? then : otherwise } ?? min(then, otherwise))
      case .header, .parameter, .input, .block, .published, .function:
        break
      }
    }
    return total
  }

  private func minimumLayers(
    _ loop: Loop, _ bindings: Bindings, _ visiting: Set<String>,
    _ budget: inout Int
  ) -> Int {
    let evaluator = Evaluator(bindings: bindings, definitions: definitions)
    func whole(_ expr: Expr) -> Int? {
      guard let value = try? evaluator.evaluate(expr), value == value.rounded() else { return nil }
      return Int(value)
    }
    switch loop.bounds {
    case .count(let expr):
      guard let count = whole(expr), count > 0 else { return 0 }
      return count.saturatingMultiply(
        minimumLayers(loop.body, bindings, visiting: visiting, budget: &budget))
    case .through(let first, let last):
      guard let a = whole(first), let b = whole(last), a <= b else { return 0 }
      guard let variable = loop.variable?.value else { return 0 }
      var total = 0
      var inner = bindings
      var value = a
      while value <= b && total <= Limit.layers.value && budget > 0 {
        inner[variable] = Double(value)
        total = total.saturatingAdd(
          minimumLayers(loop.body, inner, visiting: visiting, budget: &budget))
        value += 1
      }
      return total
    }
  }

  private func minimumLayers(
    _ step: Step, _ bindings: Bindings, _ visiting: Set<String>,
    _ budget: inout Int
  ) -> Int {
    switch step.body {
    case .layer(_, let branches):
      var total = 1
      for branch in branches ?? [] {
        total = total.saturatingAdd(
          minimumLayers(branch, bindings, visiting: visiting, budget: &budget))
      }
      return total
    case .call(let arguments):
      guard let block = blocks[step.head.value], !visiting.contains(block.name.value) else {
        return 0
      }
      var inner = Bindings(globals: parameterValues)
      let evaluator = Evaluator(bindings: bindings, definitions: definitions)
      for (parameter, argument) in zip(block.parameters, arguments) {
        if let value = try? evaluator.evaluate(argument) { inner[parameter.value] = value }
      }
      return minimumLayers(
        block.body, inner, visiting: visiting.union([block.name.value]),
        budget: &budget)
    }
  }
}

extension Int {
  func saturatingAdd(_ other: Int) -> Int {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? .max : sum
  }

  func saturatingMultiply(_ other: Int) -> Int {
    let (product, overflow) = multipliedReportingOverflow(by: other)
    return overflow ? .max : product
  }
}
