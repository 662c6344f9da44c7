import NetCostCore

/// Turns spec text into tokens. Never fails: a character the language does not use becomes an
/// `.invalid` token plus a diagnostic, so the parser can go on and report everything in one run.
package struct Lexer {
  /// The text's scalars, decoded once into an array: looking ahead and stepping are then an
  /// index's arithmetic, not a UTF-8 decoding at every peek (a built-in family is lexed on
  /// every run).
  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var line = 1
  private var column = 1
  private(set) var diagnostics: [Diagnostic] = []

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
  }

  package static func tokenize(_ text: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var lexer = Lexer(text)
    var tokens: [Token] = []
    while true {
      let token = lexer.next(after: tokens.last)
      tokens.append(token)
      if token.kind == .end { break }
    }
    return (tokens, lexer.diagnostics)
  }

  private var location: SourceLocation { SourceLocation(line: line, column: column) }
  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    index + offset < scalars.count ? scalars[index + offset] : nil
  }

  /// A line ends at LF, CRLF (one line end) or a lone CR, as `SourceFile.lines` splits them.
  private mutating func advance() {
    let scalar = scalars[index]
    index += 1
    if scalar == "\n" || (scalar == "\r" && peek() != "\n") {
      line += 1
      column = 1
    } else {
      column += 1
    }
  }

  private mutating func next(after previous: Token?) -> Token {
    skipSpaceAndComments()
    let start = location
    let startIndex = index
    guard let c = peek() else { return Token(kind: .end, text: "", range: start..<start) }
    let kind: Token.Kind
    if c == "\n" || c == "\r" {
      advance()
      if c == "\r" && peek() == "\n" { advance() }
      kind = .newline
    } else if c.isDigit || (c == "." && peek(1)?.isDigit == true) {
      scanNumber()
      kind = .number
    } else if c == "x", previous?.kind == .number, previous?.range.upperBound == start,
      peek(1)?.isDigit == true
    {
      advance()  // `224x224`: the x between two numbers is the shape separator.
      kind = .times
    } else if c.isIdentifierStart {
      while let d = peek(), d.isIdentifierPart { advance() }
      kind = .identifier
    } else if c == "\"" {
      return scanString(from: start)
    } else {
      kind = scanPunctuation(c)
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[startIndex..<index])
    let text = String(view)
    if kind == .invalid {
      diagnostics.append(
        text == ".."
          ? .unexpectedDots(at: start..<location)
          : .unexpectedCharacters(text, at: start..<location)
      )
    }
    return Token(kind: kind, text: text, range: start..<location)
  }

  private mutating func skipSpaceAndComments() {
    while let c = peek() {
      if c == " " || c == "\t" {
        advance()
      } else if c == "#" {
        while let d = peek(), d != "\n", d != "\r" { advance() }
      } else {
        return
      }
    }
  }

  private mutating func scanNumber() {
    while let d = peek(), d.isDigit { advance() }
    if peek() == ".", peek(1)?.isDigit == true {
      advance()
      while let d = peek(), d.isDigit { advance() }
    }
    if peek() == "e" || peek() == "E" {
      let sign = peek(1) == "+" || peek(1) == "-" ? 1 : 0
      if peek(1 + sign)?.isDigit == true {
        for _ in 0...sign { advance() }
        while let d = peek(), d.isDigit { advance() }
      }
    }
  }

  /// A double-quoted string on one line; `\"` and `\\` escape. The token's text is the content.
  private mutating func scanString(from start: SourceLocation) -> Token {
    advance()
    var content = String.UnicodeScalarView()
    while let c = peek(), c != "\n", c != "\r" {
      advance()
      if c == "\"" {
        return Token(kind: .string, text: String(content), range: start..<location)
      }
      if c == "\\", let escaped = peek(), escaped == "\"" || escaped == "\\" {
        advance()
        content.append(escaped)
      } else {
        content.append(c)
      }
    }
    // Reported here; as an invalid token the parser skips it rather than report it again.
    diagnostics.append(.unterminatedString(at: start..<location))
    return Token(kind: .invalid, text: String(content), range: start..<location)
  }

  private mutating func scanPunctuation(_ c: Unicode.Scalar) -> Token.Kind {
    advance()
    switch c {
    case "(": return .leftParen
    case ")": return .rightParen
    case "{": return .leftBrace
    case "}": return .rightBrace
    case "[": return .leftBracket
    case "]": return .rightBracket
    case ",": return .comma
    case "=":
      if peek() == "=" {
        advance()
        return .comparison
      }
      return .equals
    case "<", ">":
      if peek() == "=" { advance() }
      return .comparison
    case "!":
      if peek() == "=" {
        advance()
        return .comparison
      }
      return .invalid
    case ":": return .colon
    case ";": return .semicolon
    case "+": return .plus
    case "*": return .star
    case "/": return .slash
    case "%": return .percent
    case "×": return .times
    case "-":
      if peek() == ">" {
        advance()
        return .arrow
      }
      return .minus
    case ".":
      if peek() == ".", peek(1) == "." {
        advance()
        advance()
        return .ellipsis
      }
      // A run of dots is one mistake, reported once.
      while peek() == "." { advance() }
      return .invalid
    default:
      // A run of characters the language does not use is one mistake, reported once.
      while let d = peek(), d.isStray { advance() }
      return .invalid
    }
  }
}

extension Unicode.Scalar {
  fileprivate var isDigit: Bool { ("0"..."9").contains(self) }
  fileprivate var isIdentifierStart: Bool {
    ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_"
  }
  fileprivate var isIdentifierPart: Bool { isIdentifierStart || isDigit }
  /// A character that starts no token and is no space: one the language does not use.
  fileprivate var isStray: Bool {
    !isIdentifierPart && !" \t\r\n\"#()[]{},=<>!:;+-*/%×.".unicodeScalars.contains(self)
  }
}
