import NetCostCore

/// A layer key's value, evaluated and checked against the type its kind's schema gives it.
extension Resolver {
  /// `3` (square), `1 x 7` (height x width) or `3 x 3 x 3` (depth x height x width, a window
  /// over a volume), each part a whole number ≥ `minimum`.
  private mutating func extent(
    _ expr: Expr, _ scope: Scope, key: String, minimum: Int
  ) -> Extent? {
    guard case .sides(let sides) = expr.kind else {
      return integer(expr, scope, what: "'\(key)'", minimum: minimum).map { .square($0) }
    }
    guard sides.count <= 3 else {
      report(.tooManySides(key, sides.count, at: expr.range))
      return nil
    }
    let names = sides.count == 3 ? ["depth", "height", "width"] : ["height", "width"]
    var values: [Int] = []
    for (side, name) in zip(sides, names) {
      guard let n = integer(side, scope, what: "the \(name) of '\(key)'", minimum: minimum) else {
        return nil
      }
      values.append(n)
    }
    return values.count == 3
      ? Extent(values[1], values[2], depth: values[0]) : Extent(values[0], values[1])
  }

  mutating func evaluate(_ expr: Expr, as key: LayerKind.Key, in scope: Scope) -> Value? {
    let word: String? = if case .name(let name) = expr.kind { name } else { nil }
    switch key.type {
    case .positiveInteger, .nonNegativeInteger:
      let minimum = key.type == .positiveInteger ? 1 : 0
      return integer(expr, scope, what: "'\(key.name)'", minimum: minimum).map { .integer($0) }
    case .extent:
      return extent(expr, scope, key: key.name, minimum: 1).map { .extent($0) }
    case .padding:
      if word == "same" { return .padding(.same) }
      if word == "valid" { return .padding(.valid) }
      return extent(expr, scope, key: "padding", minimum: 0).map { .padding(.explicit($0)) }
    case .boolean:
      if case .sides = expr.kind {
        report(.expectedBoolean(key.name, at: expr.range))
        return nil
      }
      if word == "true" { return .boolean(true) }
      if word == "false" { return .boolean(false) }
      // A condition on parameters (`bias = keras == 1`), which is 1 or 0.
      guard case .binary(let op, _, _) = expr.kind,
        ![.add, .subtract, .multiply, .divide].contains(op)
      else {
        report(.expectedBoolean(key.name, at: expr.range))
        return nil
      }
      return number(expr, scope).map { .boolean($0 != 0) }
    case .axis:
      return integer(expr, scope, what: "'\(key.name)'", minimum: -Shape.maxRank).map {
        .integer($0)
      }
    case .axes, .sizes:
      guard case .list(let items) = expr.kind else {
        report(.expectedList(key.name, of: key.type.rawValue, at: expr.range))
        return nil
      }
      guard (1...Shape.maxRank).contains(items.count) else {
        report(.listLength(key.name, items.count, at: expr.range))
        return nil
      }
      let minimum = key.type == .sizes ? 1 : -Shape.maxRank
      var numbers: [Int] = []
      for item in items {
        guard let n = integer(item, scope, what: "an item of '\(key.name)'", minimum: minimum)
        else { return nil }
        numbers.append(n)
      }
      return .integers(numbers)
    case .reduction:
      guard let word, let mode = Reduction.Mode(rawValue: word) else {
        report(.expectedWord(key.name, key.type.rawValue, at: expr.range))
        return nil
      }
      return .reduction(mode)
    case .torchCall:
      guard let word, let call = TorchCall(rawValue: word) else {
        report(.expectedTorchCall(key.name, at: expr.range))
        return nil
      }
      return .torchCall(call)
    case .probability:
      guard let value = number(expr, scope) else { return nil }
      guard value >= 0 && value < 1 else {
        report(.probabilityOutOfRange(key.name, value, at: expr.range))
        return nil
      }
      return .number(value)
    case .layer:
      return reference(expr, scope).map { .layer($0) }
    case .layers:
      guard case .list(let items) = expr.kind else {
        report(.expectedLayerList(key.name, at: expr.range))
        return nil
      }
      var inputs: [Layer.Input] = []
      for item in items {
        guard let input = reference(item, scope) else { return nil }
        inputs.append(input)
      }
      return .layers(inputs)
    }
  }
}
