/// Which names can change a spec's layers: every name an expression uses, except in `input` and
/// in published figures. A parameter outside this set (as `resolution` usually is) changes only
/// the input shape, so a sweep over it can reuse the layers it resolved for another value.
extension SpecFile {
  package var namesShapingLayers: Set<String> {
    var names: [String] = []
    for statement in statements { statement.collectNames(into: &names, topLevel: true) }
    return Set(names)
  }
}

extension Statement {
  fileprivate func collectNames(into names: inout [String], topLevel: Bool) {
    switch self {
    case .header, .input, .published, .variant:
      break
    case .parameter(let declaration):
      // A default that uses another parameter makes that one shape whatever this one shapes.
      declaration.defaultValue.collectNames(into: &names)
      for bound in declaration.interval?.bounds ?? [] { bound.collectNames(into: &names) }
    case .block(let block):
      for statement in block.body { statement.collectNames(into: &names, topLevel: false) }
    case .loop(let loop):
      switch loop.bounds {
      case .count(let count): count.collectNames(into: &names)
      case .through(let first, let last):
        first.collectNames(into: &names)
        last.collectNames(into: &names)
      }
      for statement in loop.body { statement.collectNames(into: &names, topLevel: false) }
    case .chain(let steps):
      for step in steps { step.collectNames(into: &names) }
    case .conditional(let conditional):
      for clause in conditional.clauses { clause.condition.collectNames(into: &names) }
      for statement in conditional.bodies.joined() {
        statement.collectNames(into: &names, topLevel: false)
      }
    case .function(let function):
      function.body.collectNames(into: &names)
    case .training(let body, _):
      for statement in body { statement.collectNames(into: &names, topLevel: false) }
    }
  }
}

extension Step {
  fileprivate func collectNames(into names: inout [String]) {
    for case .variable(let name) in label?.parts ?? [] { names.append(name) }
    switch body {
    case .call(let arguments):
      for argument in arguments { argument.collectNames(into: &names) }
    case .layer(let arguments, let branches):
      for argument in arguments { argument.value.collectNames(into: &names) }
      for statement in (branches ?? []).joined() {
        statement.collectNames(into: &names, topLevel: false)
      }
    }
  }
}

extension Expr {
  func collectNames(into names: inout [String]) {
    switch kind {
    case .name(let name): names.append(name)
    case .negate(let operand): operand.collectNames(into: &names)
    case .binary(_, let a, let b):
      a.collectNames(into: &names)
      b.collectNames(into: &names)
    case .call(_, let arguments), .list(let arguments), .sides(let arguments):
      for argument in arguments { argument.collectNames(into: &names) }
    case .number, .string: break
    }
  }
}
