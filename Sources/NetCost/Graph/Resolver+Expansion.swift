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
        for step in steps { previous = try expand(step, from: previous, in: scope) }
      case .loop(let loop):
        previous = try expand(loop, from: previous, in: scope)
      case .conditional(let conditional):
        guard let value = number(conditional.condition, scope) else { continue }
        previous = try expand(
          value != 0 ? conditional.then : conditional.otherwise,
          from: previous, in: scope)
      case .header, .parameter, .input, .block, .published, .function:
        break  // Read before expansion; `checkPlacement` reported any not at the top level.
      }
    }
    return previous
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
        diagnostics.append(.emptyLoop(a, b, at: first.range.joined(with: last.range)))
        return input
      }
      values = a...b
    }
    // Refuse a loop that will make too many layers before making any of them. A loop of a few
    // passes needs no walk: the check after its first pass bounds it.
    let planned = values.count > 16 ? minimumLayers([.loop(loop)], scope.bindings) : 0
    if values.count > Limit.layers.value || layers.count.saturatingAdd(planned) > Limit.layers.value
    {
      diagnostics.append(.overLimit(.layers, at: loop.range))
      throw Stop()
    }
    var inner = scope
    if let variable = loop.variable, scope.bindings[variable.value] != nil {
      diagnostics.append(.shadowedName(variable))
      return input
    }
    var previous = input
    let before = layers.count
    for value in values {
      passes += 1
      if passes > Limit.passes.value {
        diagnostics.append(.overLimit(.passes, at: loop.range))
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
          diagnostics.append(.overLimit(.layers, at: loop.range))
          throw Stop()
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
      guard let kind = LayerKind(rawValue: step.head.value) else {
        if poisoned.contains(step.head.value) {
          // A block whose declaration failed to parse: reported there.
        } else if blocks[step.head.value] != nil {
          diagnostics.append(.blockWithoutParentheses(step.head))
        } else {
          diagnostics.append(
            .unknownKind(
              step.head,
              suggestion: Suggest.closest(
                to: step.head.value, in: LayerKind.allCases.map(\.rawValue) + blocks.keys)))
        }
        failLabel(step.label, scope)
        return input
      }
      var merged: [Layer.Input]?
      if let branches {
        guard kind.isMerge else {
          diagnostics.append(.branchesOnNonMerge(step.head))
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
      if poisoned.contains(step.head.value) {
        // A block whose declaration failed to parse: reported there.
      } else if LayerKind(rawValue: step.head.value) != nil {
        diagnostics.append(.kindCalledLikeBlock(step.head))
      } else {
        diagnostics.append(
          .unknownBlock(
            step.head,
            suggestion: Suggest.closest(
              to: step.head.value, in: Array(blocks.keys) + LayerKind.allCases.map(\.rawValue))))
      }
      failLabel(step.label, scope)
      return input
    }
    if scope.calls.contains(where: { $0.name == block.name.value }) {
      diagnostics.append(.recursiveBlock(step.head, definedAt: block.name.range))
      return input
    }
    if scope.calls.count >= Limit.blockCalls.value {
      diagnostics.append(.overLimit(.blockCalls, at: step.head.range))
      return input
    }
    guard arguments.count == block.parameters.count else {
      diagnostics.append(
        .wrongBlockArgumentCount(
          step.head, expected: block.parameters.count,
          got: arguments.count, at: step.range, definedAt: block.name.range))
      failLabel(step.label, scope)
      return input
    }
    var inner = Scope(
      bindings: Bindings(globals: parameterValues), prefix: scope.prefix,
      calls: scope.calls,
      callSites: [step.head.range] + scope.callSites)
    inner.calls.append(Call(name: block.name.value, range: step.head.range))
    for (parameter, argument) in zip(block.parameters, arguments) {
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
    }
    let start = layers.count
    let output = try expand(block.body, from: input, in: inner)
    if let labelName, let label = step.label, case .layer(let last) = output, last >= start {
      // The call's label names the block's output, as a layer's label names the layer.
      if layers[last].name.hasPrefix(labelName + "/") && names[layers[last].name] == nil {
        layers[last].name = labelName
      }
      register(labelName, index: last, at: label.range)
    }
    return output
  }
}
