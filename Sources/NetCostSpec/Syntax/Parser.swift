import NetCostCore

/// Turns tokens into a `SpecFile` by recursive descent. Statements are lines, so after an error the
/// parser records it, skips to the end of the line (or past a whole `{ … }` it opened) and goes on:
/// one run reports every syntax error.
package struct Parser {
  /// A syntax error on the way out of a statement; the diagnostic is recorded where it is caught.
  struct Failure: Error {
    var diagnostic: Diagnostic
    /// The name an evaluation did not know, so a resolver can tell a name whose declaration
    /// failed to parse (already reported) from a mistake.
    var unknownName: String? = nil
  }

  private let tokens: [Token]
  private(set) var index = 0
  var diagnostics: [Diagnostic] = []
  var failedNames: Set<String> = []
  var nesting = 0
  var expressionTerms = 0
  /// How many expressions are being parsed inside one another (parentheses, calls, lists).
  var expressionDepth = 0

  /// Invalid tokens are dropped: the lexer has reported each already, once.
  init(tokens: [Token]) {
    self.tokens =
      tokens.contains { $0.kind == .invalid } ? tokens.filter { $0.kind != .invalid } : tokens
  }

  package static func parse(_ tokens: [Token]) -> (SpecFile, [Diagnostic]) {
    var parser = Parser(tokens: tokens)
    let statements = parser.parseStatements(until: .end)
    return (SpecFile(statements: statements, failedNames: parser.failedNames), parser.diagnostics)
  }

  // MARK: Cursor

  var current: Token { tokens[min(index, tokens.count - 1)] }
  func peek(_ offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }
  mutating func advance() -> Token {
    let token = current
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  func at(_ kind: Token.Kind) -> Bool { current.kind == kind }
  func atWord(_ word: String) -> Bool { current.kind == .identifier && current.text == word }

  mutating func skip(_ kind: Token.Kind) -> Bool {
    guard at(kind) else { return false }
    _ = advance()
    return true
  }

  mutating func expect(_ kind: Token.Kind, _ context: String) throws(Failure) -> Token {
    guard at(kind) else {
      throw Failure(diagnostic: .expected(kind.spelling, context, found: current))
    }
    return advance()
  }

  /// One level deeper into braces or parentheses; refused past `Limit.nesting`.
  mutating func enter(at token: Token) throws(Failure) {
    guard nesting < Limit.nesting.value else {
      throw Failure(diagnostic: .nestedTooDeep(token.text, at: token.range))
    }
    nesting += 1
  }

  mutating func skipNewlines() {
    while at(.newline) || at(.semicolon) { _ = advance() }
  }

  // MARK: Statements

  /// Statements up to `terminator` (`}` of a body, or the end of the file), which is not consumed.
  mutating func parseStatements(until terminator: Token.Kind) -> [Statement] {
    var statements: [Statement] = []
    while true {
      skipNewlines()
      if at(terminator) || at(.end) { return statements }
      if at(.rightBrace) {
        // A run of stray braces is one mistake.
        diagnostics.append(.unexpected(current, "here"))
        while at(.rightBrace) { _ = advance() }
        continue
      }
      let start = index
      do throws(Failure) {
        let statement = try parseStatement()
        if !(at(.newline) || at(.semicolon) || at(.rightBrace) || at(.end)) {
          throw Failure(diagnostic: .expectedEndOfStatement(found: current))
        }
        // Only a whole statement is kept: half of one would be reported again as wrong.
        statements.append(statement)
      } catch {
        diagnostics.append(error.diagnostic)
        if let name = declaredName(at: start) { failedNames.insert(name) }
        recover(from: start)
      }
    }
  }

  /// The name a statement starting at `start` declares, if its first tokens say so.
  func declaredName(at start: Int) -> String? {
    let first = tokens[min(start, tokens.count - 1)]
    let second = tokens[min(start + 1, tokens.count - 1)]
    if first.kind == .identifier, first.text == "input" { return "input" }
    if first.kind == .identifier, ["param", "block", "def"].contains(first.text),
      second.kind == .identifier
    {
      return second.text
    }
    if second.kind == .colon, first.kind == .identifier || first.kind == .string,
      !first.text.contains("{")
    {
      return first.text
    }
    return nil
  }

  /// Skips to the end of the failed statement's line, over any `{ … }` it opened (counted from
  /// `start`, where it began) or opens on the way, so its closing braces are not reported again.
  mutating func recover(from start: Int) {
    var depth = 0
    for token in tokens[start..<index] {
      if token.kind == .leftBrace { depth += 1 }
      if token.kind == .rightBrace { depth = max(0, depth - 1) }
    }
    while !at(.end) {
      if depth == 0 && (at(.newline) || at(.semicolon)) { return }
      if at(.leftBrace) { depth += 1 }
      if at(.rightBrace) {
        if depth == 0 { return }
        depth -= 1
      }
      _ = advance()
    }
  }

  mutating func parseStatement() throws(Failure) -> Statement {
    if current.kind == .identifier, peek(1).kind != .colon {
      switch current.text {
      case "network", "title", "source", "library":
        let key = advance()
        guard at(.string) else {
          var diagnostic = Diagnostic.expected("a string", "after '\(key.text)'", found: current)
          if at(.identifier) {
            diagnostic.help = "write it in quotes: \(key.text) \"\(current.text)\""
          }
          throw Failure(diagnostic: diagnostic)
        }
        let value = advance()
        return .header(
          key: Located(key.text, at: key.range), value: Located(value.text, at: value.range))
      case "param": return .parameter(try parseParameter())
      case "input": return try parseInput()
      case "block": return .block(try parseBlock())
      case "repeat", "for": return .loop(try parseLoop())
      case "if": return .conditional(try parseConditional())
      case "def": return .function(try parseFunction())
      case "published": return .published(try parsePublished())
      case "variant": return .variant(try parseVariant())
      case "training" where peek(1).kind == .leftBrace:
        let keyword = advance()
        let body = try parseBody("the training layers")
        return .training(body: body.statements, range: keyword.range.joined(with: body.range))
      default: break
      }
    }
    return .chain(try parseChain())
  }

  mutating func parseParameter() throws(Failure) -> ParameterDecl {
    _ = advance()
    let name = try expect(.identifier, "for the parameter's name")
    _ = try expect(.equals, "after the parameter's name")
    let first = current
    let value = try parseExpression()
    let wholeNumber =
      first.kind == .number && !first.text.contains(".") && !first.text.contains("e")
      && !first.text.contains("E")
    var interval: Interval?
    if atWord("in") {
      _ = advance()
      interval = try parseInterval()
    }
    let doc = at(.string) ? advance().text : nil
    return ParameterDecl(
      name: Located(name.text, at: name.range), defaultValue: value, interval: interval, doc: doc,
      wholeNumber: wholeNumber)
  }

  /// `[lo, hi]`, `(lo, hi)`, or half-open either way; or a set of values, `{11, 13, 16, 19}`.
  mutating func parseInterval() throws(Failure) -> Interval {
    let open = current
    if skip(.leftBrace) {
      var members = [try parseExpression()]
      while skip(.comma) { members.append(try parseExpression()) }
      let close = try expect(.rightBrace, "to end the set of values")
      return Interval(
        bounds: members, lowerClosed: true, upperClosed: true, isSet: true,
        range: open.range.joined(with: close.range))
    }
    guard at(.leftBracket) || at(.leftParen) else {
      throw Failure(
        diagnostic: .expected("'[', '(' or '{'", "to start the range", found: current))
    }
    _ = advance()
    let lower = try parseExpression()
    _ = try expect(.comma, "between the range's bounds")
    let upper = try parseExpression()
    let close = current
    guard at(.rightBracket) || at(.rightParen) else {
      throw Failure(diagnostic: .expected("']' or ')'", "to end the range", found: current))
    }
    _ = advance()
    return Interval(
      bounds: [lower, upper], lowerClosed: open.kind == .leftBracket,
      upperClosed: close.kind == .rightBracket, range: open.range.joined(with: close.range))
  }

  mutating func parseInput() throws(Failure) -> Statement {
    let keyword = advance()
    var dims = [try parseExpression()]
    for _ in 0..<2 {
      try expectTimes()
      dims.append(try parseExpression())
    }
    // A fourth size makes a volume, depth × height × width × channels.
    if at(.times) || atWord("x") {
      _ = advance()
      dims.append(try parseExpression())
    }
    return .input(dims: dims, range: keyword.range.joined(with: dims[dims.count - 1].range))
  }

  /// `x` is an ordinary name elsewhere; between a shape's numbers it separates them.
  mutating func expectTimes() throws(Failure) {
    if at(.times) || atWord("x") {
      _ = advance()
    } else {
      throw Failure(
        diagnostic: .expected(
          "'x'", "between the input's height, width and channels",
          found: current))
    }
  }

  mutating func parseBlock() throws(Failure) -> BlockDecl {
    let keyword = advance()
    let name = try expect(.identifier, "for the block's name")
    let parameters = try parseParameterNames(of: "block")
    let body = try parseBody("the block")
    return BlockDecl(
      name: Located(name.text, at: name.range), parameters: parameters, body: body.statements,
      range: keyword.range.joined(with: body.range))
  }

  mutating func parseLoop() throws(Failure) -> Loop {
    let keyword = advance()
    var variable: Located<String>?
    let bounds: Loop.Bounds
    if keyword.text == "for" {
      let name = try expect(.identifier, "for the loop variable")
      variable = Located(name.text, at: name.range)
      guard atWord("in") else {
        throw Failure(diagnostic: .expected("'in'", "after the loop variable", found: current))
      }
      _ = advance()
      let first = try parseExpression()
      _ = try expect(.ellipsis, "between the loop's first and last value")
      bounds = .through(first, try parseExpression())
    } else {
      bounds = .count(try parseExpression())
    }
    let body = try parseBody("the loop")
    return Loop(
      variable: variable, bounds: bounds, body: body.statements,
      range: keyword.range.joined(with: body.range))
  }

  /// `(a, b, c)` after a block's or a function's name.
  mutating func parseParameterNames(of what: String) throws(Failure) -> [Located<String>] {
    _ = try expect(.leftParen, "after the \(what)'s name")
    var parameters: [Located<String>] = []
    while !at(.rightParen) {
      let parameter = try expect(.identifier, "for a \(what) parameter")
      parameters.append(Located(parameter.text, at: parameter.range))
      if !skip(.comma) { break }
    }
    _ = try expect(.rightParen, "after the \(what)'s parameters")
    return parameters
  }

  /// `def name(a, b) = expression`.
  mutating func parseFunction() throws(Failure) -> FunctionDecl {
    _ = advance()
    let name = try expect(.identifier, "for the function's name")
    let parameters = try parseParameterNames(of: "function")
    _ = try expect(.equals, "before the function's expression")
    return FunctionDecl(
      name: Located(name.text, at: name.range), parameters: parameters,
      body: try parseExpression())
  }

  /// `if condition { … }`, then any number of `else if condition { … }`, optionally `else { … }`.
  mutating func parseConditional() throws(Failure) -> Conditional {
    let keyword = advance()
    var clauses: [Conditional.Clause] = []
    var otherwise: [Statement] = []
    var end: SourceRange
    repeat {
      let condition = try parseExpression()
      let body = try parseBody("the 'if'")
      clauses.append(Conditional.Clause(condition: condition, body: body.statements))
      end = body.range
      guard atWord("else") else { break }
      _ = advance()
      if atWord("if") {
        _ = advance()
        continue
      }
      let last = try parseBody("the 'else'")
      otherwise = last.statements
      end = last.range
      break
    } while true
    return Conditional(
      clauses: clauses, otherwise: otherwise, range: keyword.range.joined(with: end))
  }

  /// `{ statements }`; returns the statements and the range of the braces.
  mutating func parseBody(
    _ what: String
  ) throws(Failure) -> (statements: [Statement], range: SourceRange) {
    let open = try expect(.leftBrace, "to open \(what)")
    try enter(at: open)
    defer { nesting -= 1 }
    let statements = parseStatements(until: .rightBrace)
    let close = try expect(
      .rightBrace, "to close \(what) opened at line \(open.range.lowerBound.line)")
    return (statements, open.range.joined(with: close.range))
  }
}
