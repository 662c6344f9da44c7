import NetCostCore

// `pow` is the C library's, as Python's `**` on floats is.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// Evaluates expressions with the names in scope (parameters, block arguments, loop variables).
///
/// Arithmetic is IEEE double precision, as in Python, so `int(1024 * 0.75)` gives what Keras gives.
/// Rounding to whole numbers is always explicit; see `docs/spec-language.md`.
struct Evaluator {
  var bindings: Bindings
  /// The spec's own functions (`def`), with the parameters' values they see.
  var definitions: Definitions = Definitions()
  /// The work this evaluation may do, shared with the resolution it is part of.
  var budget = Budget(steps: Limit.steps.value)

  /// `def`s and the global names their bodies see (the spec's parameters).
  struct Definitions: Sendable {
    var functions: [String: FunctionDecl] = [:]
    var globals: [String: Double] = [:]
  }

  var depth = 0
  /// The `def` results of the resolution, shared; nil: every call is evaluated.
  var results: FunctionResults? = nil

  /// The functions a spec may call, with their arity (-1: two or more); `make_divisible` is
  /// TensorFlow's rule; `choose(i, a, b, …)` picks the i-th value, for per-width channel tables.
  static let functions: [String: Int] = [
    "int": 1, "floor": 1, "ceil": 1, "round": 1, "min": 2, "max": 2, "make_divisible": 2,
    "pow": 2, "choose": -1,
  ]

  func evaluate(_ expr: Expr) throws(Parser.Failure) -> Double {
    try budget.spend(at: expr.range)
    budget.depth += 1
    defer { budget.depth -= 1 }
    budget.deepest = max(budget.deepest, budget.depth)
    guard budget.depth <= Limit.evaluationDepth.value else {
      throw Parser.Failure(diagnostic: .overLimit(.evaluationDepth, at: expr.range))
    }
    let value = try evaluateUnchecked(expr)
    guard value.isFinite, abs(value) < 9.0e15 else {
      throw Parser.Failure(diagnostic: .valueTooLarge(at: expr.range))
    }
    return value
  }

  private func evaluateUnchecked(_ expr: Expr) throws(Parser.Failure) -> Double {
    switch expr.kind {
    case .number(let value):
      return value
    case .name(let name):
      guard let value = bindings[name] else {
        throw Parser.Failure(
          diagnostic: .unknownName(
            name, at: expr.range,
            suggestion: budget.suggestion(for: name, at: expr.range, in: bindings.keys)),
          unknownName: name)
      }
      return value
    case .string, .list:
      throw Parser.Failure(diagnostic: .expectedNumber(at: expr.range))
    case .sides:
      throw Parser.Failure(diagnostic: .pairWhereNumber(at: expr.range))
    case .negate(let operand):
      return -(try evaluate(operand))
    case .binary:
      // `a + b + c + …` parses as a tree that leans left, as deep as it is long: its left spine
      // is walked in a loop, so a long expression costs no stack (only parentheses, signs and
      // calls recurse, and those are bounded).
      var operations: [(op: Expr.BinaryOperator, right: Expr)] = []
      var leftmost = expr
      while case .binary(let op, let left, let right) = leftmost.kind {
        if !operations.isEmpty { try budget.spend(at: leftmost.range) }
        operations.append((op, right))
        leftmost = left
      }
      var value = try evaluate(leftmost)
      for (op, right) in operations.reversed() {
        value = try Self.apply(op, value, try evaluate(right), at: right.range)
        guard value.isFinite, abs(value) < 9.0e15 else {
          throw Parser.Failure(
            diagnostic: .valueTooLarge(at: leftmost.range.joined(with: right.range)))
        }
      }
      return value
    case .call(let name, let arguments):
      return try call(name, arguments, at: expr.range)
    }
  }

  private static func apply(
    _ op: Expr.BinaryOperator, _ a: Double, _ b: Double, at range: SourceRange
  ) throws(Parser.Failure) -> Double {
    switch op {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide:
      guard b != 0 else { throw Parser.Failure(diagnostic: .divisionByZero(at: range)) }
      return a / b
    // Comparisons and logic give 1 for true and 0 for false; any non-zero value is true.
    case .equal: return a == b ? 1 : 0
    case .notEqual: return a != b ? 1 : 0
    case .less: return a < b ? 1 : 0
    case .lessOrEqual: return a <= b ? 1 : 0
    case .greater: return a > b ? 1 : 0
    case .greaterOrEqual: return a >= b ? 1 : 0
    case .and: return a != 0 && b != 0 ? 1 : 0
    case .or: return a != 0 || b != 0 ? 1 : 0
    }
  }

  private func call(
    _ name: Located<String>, _ arguments: [Expr], at range: SourceRange
  )
    throws(Parser.Failure) -> Double
  {
    if !definitions.functions.isEmpty, let function = definitions.functions[name.value] {
      return try call(function, arguments, at: range)
    }
    guard let arity = Self.functions[name.value] else {
      throw Parser.Failure(
        diagnostic: .unknownFunction(
          name,
          suggestion: budget.suggestion(
            for: name.value, at: name.range,
            in: Array(Self.functions.keys) + definitions.functions.keys)),
        unknownName: name.value)
    }
    guard arguments.count == arity || (arity < 0 && arguments.count >= 2) else {
      throw Parser.Failure(
        diagnostic: .wrongArgumentCount(
          function: name.value, expected: arity, got: arguments.count, at: range))
    }
    var values: [Double] = []
    for argument in arguments { values.append(try evaluate(argument)) }
    switch name.value {
    case "int": return values[0].rounded(.towardZero)
    case "floor": return values[0].rounded(.down)
    case "ceil": return values[0].rounded(.up)
    case "round": return values[0].rounded(.toNearestOrAwayFromZero)
    case "min": return min(values[0], values[1])
    case "max": return max(values[0], values[1])
    case "pow":
      // A negative base to a fractional power has no real value.
      guard values[0] > 0 || values[1] == values[1].rounded() else {
        throw Parser.Failure(diagnostic: .negativeBase(at: arguments[0].range))
      }
      return pow(values[0], values[1])
    case "choose":
      let choices = values.count - 1
      guard values[0] == values[0].rounded(), values[0] >= 1, values[0] <= Double(choices) else {
        throw Parser.Failure(
          diagnostic: .choiceOutOfRange(
            values[0], count: choices,
            at: arguments[0].range))
      }
      return values[Int(values[0])]
    default:
      guard values[1] >= 1, values[1] == values[1].rounded() else {
        throw Parser.Failure(diagnostic: .badDivisor(at: arguments[1].range))
      }
      return Self.makeDivisible(values[0], by: values[1])
    }
  }

  /// A `def`: its parameters bound to the arguments, its body evaluated with the spec's
  /// parameters around it (not the caller's names).
  private func call(
    _ function: FunctionDecl, _ arguments: [Expr], at range: SourceRange
  )
    throws(Parser.Failure) -> Double
  {
    guard arguments.count == function.parameters.count else {
      throw Parser.Failure(
        diagnostic: .wrongArgumentCount(
          function: function.name.value,
          expected: function.parameters.count, got: arguments.count, at: range))
    }
    guard depth < Limit.functionCalls.value else {
      throw Parser.Failure(diagnostic: .overLimit(.functionCalls, at: range))
    }
    var values: [Double] = []
    for argument in arguments { values.append(try evaluate(argument)) }
    let call = FunctionResults.Call(function: function.name.value, arguments: values)
    if let known = results?[call], budget.remaining >= known.steps,
      budget.depth + known.depth <= Limit.evaluationDepth.value,
      depth + known.calls < Limit.functionCalls.value
    {
      budget.take(known.steps)
      budget.deepest = max(budget.deepest, budget.depth + known.depth)
      budget.deepestCall = max(budget.deepestCall, depth + known.calls)
      return known.value
    }
    // What the body takes, measured from here; an enclosing call's measure goes on after it.
    let (remaining, deepest, deepestCall) = (budget.remaining, budget.deepest, budget.deepestCall)
    (budget.deepest, budget.deepestCall) = (budget.depth, depth)
    defer {
      budget.deepest = max(budget.deepest, deepest)
      budget.deepestCall = max(budget.deepestCall, deepestCall)
    }
    var inner = Evaluator(
      bindings: Bindings(globals: definitions.globals),
      definitions: definitions, budget: budget, depth: depth + 1, results: results)
    // Binding a parameter is a step of its own: 2,500 calls of a function of 4,000 parameters
    // bound 10,000,000 arguments before the steps ran out (2.2 s, issue 25).
    for (parameter, value) in zip(function.parameters, values) {
      try budget.spend(at: parameter.range)
      inner.bindings[parameter.value] = value
    }
    let value = try inner.evaluate(function.body)
    results?[call] = FunctionResults.Result(
      value: value, steps: remaining - budget.remaining, depth: budget.deepest - budget.depth,
      calls: budget.deepestCall - depth)
    return value
  }

  /// TensorFlow's `_make_divisible(v, divisor)` (MobileNetV2/V3): round to the nearest multiple of
  /// `divisor`, at least `divisor`, and never more than 10 % below `v`.
  static func makeDivisible(_ value: Double, by divisor: Double) -> Double {
    var result = max(divisor, ((value + divisor / 2) / divisor).rounded(.towardZero) * divisor)
    if result < 0.9 * value { result += divisor }
    return result
  }
}

/// Steps of work left, shared by every evaluator of one resolution (a class, so that evaluators,
/// which are values, spend from one purse), and how deep the evaluation is now.
final class Budget {
  private(set) var remaining: Int
  var depth = 0
  /// Whether running out has been reported: once is enough.
  var reported = false

  init(steps: Int, suggestedNames: Int = Limit.suggestedNames.value) {
    remaining = steps
    comparisonsLeft = suggestedNames
  }

  var isExhausted: Bool { remaining < 0 }

  /// The deepest `depth` an evaluation reached, and the deepest caller's depth of `def` calls:
  /// `FunctionResults` keeps what a call's body reached below it.
  var deepest = 0
  var deepestCall = 0

  /// One step, for a walk that checks `isExhausted` itself.
  func take() { remaining -= 1 }

  /// The steps an evaluation took, taken again without it.
  func take(_ steps: Int) { remaining -= steps }

  func spend(at range: SourceRange) throws(Parser.Failure) {
    remaining -= 1
    if remaining < 0 { throw Parser.Failure(diagnostic: .overLimit(.steps, at: range)) }
  }

  /// Names a "did you mean" may still compare in this resolution (`Limit.suggestedNames`).
  private var comparisonsLeft: Int

  /// "Did you mean": the closest of `candidates` to `word` (`Suggest.closest`), while the
  /// resolution's comparisons last; past them, none. Each error compares its word with every
  /// name it could have meant, so a spec of many errors against many names compared each with
  /// each: a thousand unknown references among 100,000 labelled layers took 33 s (issue 25).
  /// The candidates are not made once the comparisons are spent, nor any set larger than
  /// what is left, which spends them all.
  func suggestion<Candidates: Collection<String>>(
    for word: String, at range: SourceRange? = nil,
    in candidates: @autoclosure () -> Candidates
  ) -> String? {
    // An error at a place met again on a later pass (an evaluation's, which does not know what
    // was reported) takes the suggestion made there, spending nothing: it is dropped as
    // reported already, and the comparisons are left for other errors.
    if let range, let known = suggested[range] { return known }
    guard comparisonsLeft > 0 else { return nil }
    let candidates = candidates()
    comparisonsLeft -= candidates.count
    guard comparisonsLeft >= 0 else { return nil }
    let found = Suggest.closest(to: word, in: candidates)
    if let range { suggested[range] = .some(found) }
    return found
  }

  /// The suggestions made at each place an evaluation asked for one.
  private var suggested: [SourceRange: String?] = [:]
}
