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
    case .block(let block):
      if !topLevel { diagnostics.append(.misplaced("block", at: block.name.range)) }
      for inner in block.body { checkPlacement(inner, topLevel: false) }
    case .loop(let loop):
      for inner in loop.body { checkPlacement(inner, topLevel: false) }
    case .chain(let steps):
      for case .layer(_, let branches?) in steps.map(\.body) {
        for inner in branches.joined() { checkPlacement(inner, topLevel: false) }
      }
    case .header, .parameter, .input, .published:
      break
    }
  }

  /// A lower bound on the layers `statements` make: loop counts that cannot be evaluated yet
  /// (they use a block argument or an outer loop variable) count as zero. Saturates at `Int.max`.
  func minimumLayers(_ statements: [Statement], _ bindings: [String: Double],
    visiting: Set<String> = []) -> Int
  {
    var total = 0
    for statement in statements {
      let count: Int
      switch statement {
      case .chain(let steps):
        count = steps.reduce(0) { $0.saturatingAdd(minimumLayers($1, bindings, visiting)) }
      case .loop(let loop):
        let passes = Self.passes(loop, bindings) ?? 0
        count = passes.saturatingMultiply(minimumLayers(loop.body, bindings, visiting: visiting))
      case .header, .parameter, .input, .block, .published:
        count = 0
      }
      total = total.saturatingAdd(count)
    }
    return total
  }

  private func minimumLayers(_ step: Step, _ bindings: [String: Double], _ visiting: Set<String>)
    -> Int
  {
    switch step.body {
    case .layer(_, let branches):
      return (branches ?? []).reduce(1) {
        $0.saturatingAdd(minimumLayers($1, bindings, visiting: visiting))
      }
    case .call:
      guard let block = blocks[step.head.value], !visiting.contains(block.name.value) else {
        return 0
      }
      return minimumLayers(block.body, parameterValues,
        visiting: visiting.union([block.name.value]))
    }
  }

  /// How many times a loop runs, if its bounds can be evaluated with `bindings` alone.
  private static func passes(_ loop: Loop, _ bindings: [String: Double]) -> Int? {
    let evaluator = Evaluator(bindings: bindings)
    func whole(_ expr: Expr) -> Int? {
      guard let value = try? evaluator.evaluate(expr), value == value.rounded() else { return nil }
      return Int(value)
    }
    switch loop.bounds {
    case .count(let expr):
      return whole(expr).map { max(0, $0) }
    case .through(let first, let last):
      guard let a = whole(first), let b = whole(last) else { return nil }
      return max(0, b - a + 1)
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
