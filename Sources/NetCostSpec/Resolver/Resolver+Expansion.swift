import NetCostCore

/// Expanding statements into layers: chains, loops, block calls and merges with branches.
extension Resolver {
  /// Expands `statements` in order, the first reading `input`; returns the last output.
  mutating func expand(
    _ statements: [Statement], from input: Layer.Input, in scope: Scope
  )
    throws(Stop) -> Layer.Input
  {
    var previous = input
    for statement in statements {
      switch statement {
      case .chain(let steps):
        for step in steps {
          try spend(at: step.head.range)
          previous = try expand(step, from: previous, in: scope)
        }
      case .loop(let loop):
        try spend(at: loop.range)
        previous = try expand(loop, from: previous, in: scope)
      case .conditional(let conditional):
        try spend(at: conditional.range)
        guard let body = taken(conditional, scope) else { continue }
        previous = try expand(body, from: previous, in: scope)
      case .training(let body, let range):
        // A side branch: what follows reads the layer before it.
        try spend(at: range)
        var inner = scope
        inner.trainingOnly = true
        _ = try expand(body, from: previous, in: inner)
      case .header, .parameter, .input, .block, .published, .function, .variant:
        break  // Read before expansion; `checkPlacement` reported any not at the top level.
      }
    }
    return previous
  }

  /// The body of the first clause whose condition holds, else the `else` body; nil when a
  /// condition cannot be evaluated (reported).
  private mutating func taken(_ conditional: Conditional, _ scope: Scope) -> [Statement]? {
    for clause in conditional.clauses {
      guard let value = number(clause.condition, scope) else { return nil }
      if value != 0 { return clause.body }
    }
    return conditional.otherwise
  }

  private mutating func expand(
    _ loop: Loop, from input: Layer.Input, in scope: Scope
  )
    throws(Stop) -> Layer.Input
  {
    var values: ClosedRange<Int>
    switch loop.bounds {
    case .count(let expr):
      guard let count = integer(expr, scope, what: "repeat count", minimum: 0) else { return input }
      if count == 0 { return input }
      values = 1...count
    case .through(let first, let last):
      guard let a = integer(first, scope, what: "loop start", minimum: Int.min / 2),
        let b = integer(last, scope, what: "loop end", minimum: Int.min / 2)
      else { return input }
      guard a <= b else {
        report(.emptyLoop(a, b, at: first.range.joined(with: last.range)))
        return input
      }
      values = a...b
    }
    // The walk before expansion (`firstOverLayerLimit`) saw what it could evaluate; the check
    // after the first pass below sees counts that depend on what it could not.
    var inner = scope
    if let variable = loop.variable, scope.bindings[variable.value] != nil {
      report(.shadowedName(variable))
      return input
    }
    var previous = input
    let before = layers.count
    for value in values {
      passes += 1
      if passes > Limit.passes.value {
        report(.overLimit(.passes, at: loop.range))
        throw Stop()
      }
      if let variable = loop.variable { inner.bindings[variable.value] = Double(value) }
      previous = try expand(loop.body, from: previous, in: inner)
      // After one pass, refuse a loop whose remaining passes would pass the limit (the estimate
      // above cannot see counts that depend on the loop variable).
      if value == values.lowerBound {
        let perPass = layers.count - before
        let (total, overflow) = perPass.multipliedReportingOverflow(by: values.count)
        if overflow || before + total > Limit.layers.value {
          report(.overLimit(.layers, at: loop.range))
          throw Stop()
        }
        // Room for every pass at once: a million layers are not copied to ever larger arrays.
        // Doubling at least, as appending does, so many small loops cost no more than it.
        if before + total > layers.capacity {
          layers.reserveCapacity(max(before + total, 2 * layers.capacity))
        }
      }
    }
    return previous
  }

  private mutating func expand(
    _ step: Step, from input: Layer.Input, in scope: Scope
  )
    throws(Stop) -> Layer.Input
  {
    switch step.body {
    case .call(let arguments):
      return try call(step, arguments, from: input, in: scope)
    case .layer(let arguments, let branches):
      guard let kind = step.kind else {
        if poisoned.contains(step.head.value) || isReported(step.head.range) {
          // A block whose declaration failed to parse, or a name reported on an earlier pass.
        } else if blocks[step.head.value] != nil {
          report(.blockWithoutParentheses(step.head))
        } else {
          report(
            .unknownKind(
              step.head,
              suggestion: budget.suggestion(
                for: step.head.value, in: LayerKind.allCases.map(\.rawValue) + blocks.keys)))
        }
        failLabel(step.label, scope)
        return input
      }
      var merged: [Layer.Input]?
      if let branches {
        guard kind.isMerge else {
          report(.branchesOnNonMerge(step.head))
          return input
        }
        var outputs: [Layer.Input] = []
        for branch in branches {
          outputs.append(try expand(branch, from: input, in: scope))
        }
        merged = outputs
      }
      return try addLayer(kind, step, arguments, branches: merged, from: input, in: scope)
    }
  }

  private mutating func call(
    _ step: Step, _ arguments: [Expr], from input: Layer.Input,
    in scope: Scope
  ) throws(Stop) -> Layer.Input {
    guard let block = blocks[step.head.value] else {
      if poisoned.contains(step.head.value) || isReported(step.head.range) {
        // A block whose declaration failed to parse, or a name reported on an earlier pass.
      } else if LayerKind.named(step.head.value) != nil {
        report(.kindCalledLikeBlock(step.head))
      } else {
        report(
          .unknownBlock(
            step.head,
            suggestion: budget.suggestion(
              for: step.head.value, in: Array(blocks.keys) + LayerKind.allCases.map(\.rawValue))))
      }
      failLabel(step.label, scope)
      return input
    }
    if scope.calls.contains(where: { $0.name == block.name.value }) {
      report(.recursiveBlock(step.head, definedAt: block.name.range))
      return input
    }
    calls += 1
    if calls > Limit.blockCallsInAll.value {
      report(.overLimit(.blockCallsInAll, at: step.head.range))
      throw Stop()
    }
    if scope.calls.count >= Limit.blockCalls.value {
      report(.overLimit(.blockCalls, at: step.head.range))
      return input
    }
    guard arguments.count == block.parameters.count else {
      report(
        .wrongBlockArgumentCount(
          step.head, expected: block.parameters.count,
          got: arguments.count, at: step.range, definedAt: block.name.range))
      failLabel(step.label, scope)
      return input
    }
    var inner = Scope(
      bindings: Bindings(globals: parameterValues), prefix: scope.prefix,
      counters: scope.counters, calls: scope.calls,
      callSites: [step.head.range] + scope.callSites, trainingOnly: scope.trainingOnly)
    inner.calls.append(Call(name: block.name.value, range: step.head.range))
    // Binding a parameter is a step of its own, besides evaluating its argument: a block of
    // 4,000 parameters called in a loop bound 10,000,000 of them (2.4 s, issue 25).
    for (parameter, argument) in zip(block.parameters, arguments) {
      try spend(at: argument.range)
      guard let value = number(argument, scope) else {
        failLabel(step.label, scope)
        return input
      }
      inner.bindings[parameter.value] = value
    }
    var labelName: String?
    if let label = step.label {
      guard let name = interpolate(label, scope) else { return input }
      labelName = name
      inner.prefix = name
      inner.counters = counterSlot(of: name)
    }
    let start = layers.count
    let output = try expand(block.body, from: input, in: inner)
    if let labelName, let label = step.label, case .layer(let last) = output, last >= start {
      // The call's label names the block's output, as a layer's label names the layer.
      if layers[last].name.hasPrefix(labelName + "/") && names[layers[last].name] == nil {
        layers[last].name = labelName
        layers[last].namesItsRow = true
      }
      register(labelName, index: last, at: label.range)
    }
    return output
  }
}
