import NetCostCore

/// Layer lines: labels, kinds with `key = value` arguments, block calls, branches, and `->` chains.
extension Parser {
  mutating func parseChain() throws(Failure) -> [Step] {
    var steps = [try parseStep()]
    while skip(.arrow) {
      skipNewlines()
      steps.append(try parseStep())
    }
    return steps
  }

  mutating func parseStep() throws(Failure) -> Step {
    var label: Label?
    if (at(.identifier) || at(.string)) && peek(1).kind == .colon {
      label = try parseLabel(advance())
      _ = advance()
    }
    let head = try expect(.identifier, "for a layer kind or block name")
    let name = Located(head.text, at: head.range)
    var end = head.range
    if skip(.leftParen) {
      let (arguments, close) = try parseExpressions(
        until: .rightParen, "after the block's arguments")
      end = close.range
      let range = (label?.range ?? head.range).joined(with: end)
      return Step(label: label, head: name, body: .call(arguments: arguments), range: range)
    }
    var arguments: [Argument] = []
    if at(.identifier) {
      repeat {
        skipNewlines()
        let key = try expect(.identifier, "for a key")
        _ = try expect(.equals, "after '\(key.text)'")
        var value = try parseExpression()
        if at(.times) || atWord("x") {
          var sides = [value]
          while at(.times) || atWord("x") {
            _ = advance()
            sides.append(try parseExpression())
          }
          value = Expr(
            kind: .sides(sides), range: value.range.joined(with: sides[sides.count - 1].range))
        }
        arguments.append(Argument(key: Located(key.text, at: key.range), value: value))
        end = value.range
      } while skip(.comma)
    }
    var branches: [[Statement]]?
    if at(.leftBrace) {
      let parsed = try parseBranches()
      branches = parsed.branches
      end = parsed.range
    }
    let range = (label?.range ?? head.range).joined(with: end)
    return Step(
      label: label, head: name, body: .layer(arguments: arguments, branches: branches),
      range: range, kind: LayerKind.named(name.value))
  }

  /// A plain name, or a string with `{variable}` parts.
  mutating func parseLabel(_ token: Token) throws(Failure) -> Label {
    guard token.kind == .string else {
      return Label(parts: [.text(token.text)], range: token.range)
    }
    var parts: [Label.Part] = []
    var rest = Substring(token.text)
    while let open = rest.firstIndex(of: "{") {
      if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
      guard let close = rest[open...].firstIndex(of: "}") else {
        throw Failure(diagnostic: .unclosedInterpolation(at: token.range))
      }
      let variable = rest[rest.index(after: open)..<close].trimmingSpaces
      if variable.isEmpty { throw Failure(diagnostic: .unclosedInterpolation(at: token.range)) }
      parts.append(.variable(String(variable)))
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { parts.append(.text(String(rest))) }
    if parts.isEmpty { throw Failure(diagnostic: .emptyName(at: token.range)) }
    return Label(parts: parts, range: token.range)
  }

  /// `{ branch { … } branch { … } }` after a merge layer.
  mutating func parseBranches() throws(Failure) -> (branches: [[Statement]], range: SourceRange) {
    let open = advance()
    try enter(at: open)
    defer { nesting -= 1 }
    var branches: [[Statement]] = []
    skipNewlines()
    while atWord("branch") {
      _ = advance()
      branches.append(try parseBody("the branch").statements)
      skipNewlines()
    }
    guard at(.rightBrace) else {
      throw Failure(diagnostic: .expected("'branch' or '}'", "inside a merge", found: current))
    }
    let close = advance()
    return (branches, open.range.joined(with: close.range))
  }

  // MARK: Expressions

  /// Lowest precedence first: `or`, `and`, comparisons, `+ -`, `* /`, unary minus.
  mutating func parseExpression() throws(Failure) -> Expr {
    // Terms are counted per outermost expression: one inside parentheses adds to its parent's.
    if expressionDepth == 0 { expressionTerms = 0 }
    expressionDepth += 1
    defer { expressionDepth -= 1 }
    return try parseLogic("or", .or) { parser throws(Failure) in
      try parser.parseLogic("and", .and) { parser throws(Failure) in try parser.parseComparison() }
    }
  }

  /// `a or b or c` (or `and`): operands from `operand`, joined left to right.
  private mutating func parseLogic(
    _ word: String, _ op: Expr.BinaryOperator,
    operand: (inout Parser) throws(Failure) -> Expr
  ) throws(Failure) -> Expr {
    var left = try operand(&self)
    while atWord(word) {
      _ = advance()
      let right = try operand(&self)
      left = Expr(kind: .binary(op, left, right), range: left.range.joined(with: right.range))
    }
    return left
  }

  /// At most one comparison: `a < b < c` means nothing here.
  mutating func parseComparison() throws(Failure) -> Expr {
    let left = try parseSum()
    guard at(.comparison), let op = Expr.BinaryOperator(rawValue: current.text) else { return left }
    _ = advance()
    let right = try parseSum()
    return Expr(kind: .binary(op, left, right), range: left.range.joined(with: right.range))
  }

  mutating func parseSum() throws(Failure) -> Expr {
    try parseBinary(Self.additive) { parser throws(Failure) in try parser.parseTerm() }
  }

  mutating func parseTerm() throws(Failure) -> Expr {
    try parseBinary(Self.multiplicative) { parser throws(Failure) in try parser.parseUnary() }
  }

  /// The operators of each precedence level, as functions: every operand of every expression
  /// asks (a dictionary would be made and hashed each time).
  private static func additive(_ kind: Token.Kind) -> Expr.BinaryOperator? {
    switch kind {
    case .plus: .add
    case .minus: .subtract
    default: nil
    }
  }

  private static func multiplicative(_ kind: Token.Kind) -> Expr.BinaryOperator? {
    switch kind {
    case .star: .multiply
    case .slash: .divide
    default: nil
    }
  }

  /// One precedence level: operands from `operand`, joined left to right by `operators`.
  private mutating func parseBinary(
    _ operators: (Token.Kind) -> Expr.BinaryOperator?,
    operand: (inout Parser) throws(Failure) -> Expr
  ) throws(Failure) -> Expr {
    var left = try operand(&self)
    while let op = operators(current.kind) {
      _ = advance()
      let right = try operand(&self)
      left = Expr(kind: .binary(op, left, right), range: left.range.joined(with: right.range))
    }
    return left
  }

  mutating func parseUnary() throws(Failure) -> Expr {
    expressionTerms += 1
    guard expressionTerms <= Limit.expressionTerms.value else {
      throw Failure(
        diagnostic: .overLimit(.expressionTerms, at: current.range))
    }
    if at(.minus) {
      try enter(at: current)
      defer { nesting -= 1 }
      let minus = advance()
      let operand = try parseUnary()
      return Expr(kind: .negate(operand), range: minus.range.joined(with: operand.range))
    }
    return try parsePrimary()
  }

  mutating func parsePrimary() throws(Failure) -> Expr {
    let token = current
    switch token.kind {
    case .number:
      _ = advance()
      guard let value = Double(token.text), value.isFinite else {
        throw Failure(diagnostic: .numberTooLarge(token.text, at: token.range))
      }
      return Expr(kind: .number(value), range: token.range)
    case .string:
      _ = advance()
      return Expr(kind: .string(token.text), range: token.range)
    case .identifier:
      _ = advance()
      guard at(.leftParen) else { return Expr(kind: .name(token.text), range: token.range) }
      try enter(at: advance())
      defer { nesting -= 1 }
      let (arguments, close) = try parseExpressions(
        until: .rightParen,
        "after the arguments of '\(token.text)'")
      return Expr(
        kind: .call(Located(token.text, at: token.range), arguments),
        range: token.range.joined(with: close.range))
    case .leftParen:
      try enter(at: advance())
      defer { nesting -= 1 }
      let inner = try parseExpression()
      let close = try expect(.rightParen, "to close '('")
      return Expr(kind: inner.kind, range: token.range.joined(with: close.range))
    case .leftBracket:
      try enter(at: advance())
      defer { nesting -= 1 }
      let (items, close) = try parseExpressions(until: .rightBracket, "to close the list")
      return Expr(kind: .list(items), range: token.range.joined(with: close.range))
    default:
      throw Failure(diagnostic: .expected("a value", "", found: token))
    }
  }
}

extension Parser {
  /// `a, b, c` up to and including `close` (already past the opening bracket).
  mutating func parseExpressions(
    until close: Token.Kind, _ context: String
  ) throws(Failure)
    -> (items: [Expr], close: Token)
  {
    var items: [Expr] = []
    // Each item is bounded as an expression of its own: a merge's list of a thousand names is
    // long, not complex. The list itself is bounded by `Limit.listItems`.
    let termsBefore = expressionTerms
    while !at(close) {
      guard items.count < Limit.listItems.value else {
        throw Failure(diagnostic: .overLimit(.listItems, at: current.range))
      }
      expressionTerms = termsBefore
      items.append(try parseExpression())
      if !skip(.comma) { break }
    }
    return (items, try expect(close, context))
  }
}

extension Substring {
  var trimmingSpaces: Substring {
    var result = self
    while result.first == " " { result.removeFirst() }
    while result.last == " " { result.removeLast() }
    return result
  }
}
