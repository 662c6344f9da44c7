import NetCostCore

/// A lexeme of the spec language with the range it was written at.
package struct Token: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    case identifier
    case number
    case string
    case newline
    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, equals, colon, semicolon, arrow, ellipsis
    case plus, minus, star, slash, percent
    /// `==`, `!=`, `<`, `<=`, `>`, `>=`.
    case comparison
    /// `x` or `×` between the numbers of a shape, as in `224 x 224 x 3`.
    case times
    /// A character the language has no use for; the lexer has already reported it.
    case invalid
    case end
  }

  var kind: Kind
  var text: String
  var range: SourceRange
}

extension Token {
  /// How a diagnostic names the token it found: `'kernel'`, `'3'`, or its kind (`','`).
  var described: String {
    kind == .identifier || kind == .number ? "'\(text)'" : kind.spelling
  }
}

extension Token.Kind {
  /// How the parser names a token it expected or found ("expected ')'").
  var spelling: String {
    switch self {
    case .identifier: "a name"
    case .number: "a number"
    case .string: "a string"
    case .newline: "end of line"
    case .leftParen: "'('"
    case .rightParen: "')'"
    case .leftBrace: "'{'"
    case .rightBrace: "'}'"
    case .leftBracket: "'['"
    case .rightBracket: "']'"
    case .comma: "','"
    case .equals: "'='"
    case .colon: "':'"
    case .semicolon: "';'"
    case .arrow: "'->'"
    case .ellipsis: "'...'"
    case .plus: "'+'"
    case .minus: "'-'"
    case .star: "'*'"
    case .slash: "'/'"
    case .percent: "'%'"
    case .comparison: "a comparison"
    case .times: "'x'"
    case .invalid: "an invalid character"
    case .end: "end of file"
    }
  }
}
