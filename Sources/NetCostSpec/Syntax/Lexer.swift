import NetCostCore

/// Turns spec text into tokens. Never fails: a character the language does not use becomes an
/// `.invalid` token plus a diagnostic, so the parser can go on and report everything in one run.
package struct Lexer {
  /// The text's UTF-8 bytes: looking ahead and stepping are an index's arithmetic, and a
  /// token's text is made from its bytes at once (a built-in family is lexed on every run).
  /// Every character of the language but `×` is ASCII; any other scalar only appears in
  /// comments, strings and stray runs, which step over its bytes whole.
  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var column = 1
  private(set) var diagnostics: [Diagnostic] = []

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  package static func tokenize(_ text: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    tokenize(Array(text.utf8))
  }

  package static func tokenize(_ bytes: [UInt8]) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var lexer = Lexer(bytes)
    var tokens: [Token] = []
    // About a token for every four bytes of a built-in spec: room made once, not by doubling
    // (each doubling copies every token so far); past 64K tokens, doubling again.
    tokens.reserveCapacity(min(bytes.count / 4 + 1, 1 << 16))
    // What `x` between two numbers needs of the token before: its kind and where it ended.
    var numberEnd: SourceLocation? = nil
    while true {
      let token = lexer.next(afterNumberEndingAt: numberEnd)
      numberEnd = token.kind == .number ? token.range.upperBound : nil
      tokens.append(token)
      if token.kind == .end { break }
    }
    return (tokens, lexer.diagnostics)
  }

  private var location: SourceLocation { SourceLocation(line: line, column: column) }
  private func peek(_ offset: Int = 0) -> UInt8? {
    index + offset < bytes.count ? bytes[index + offset] : nil
  }

  /// One byte on. A line ends at LF, CRLF (one line end) or a lone CR, as `SourceFile.lines`
  /// splits them; a column is a scalar, counted at its first byte.
  private mutating func advance() {
    let byte = bytes[index]
    index += 1
    if byte == .lf || (byte == .cr && peek() != .lf) {
      line += 1
      column = 1
    } else if !byte.isContinuation {
      column += 1
    }
  }

  /// `×`, U+00D7, the one character of the language outside ASCII.
  private var atTimesSign: Bool { peek() == 0xC3 && peek(1) == 0x97 }

  private mutating func next(afterNumberEndingAt numberEnd: SourceLocation?) -> Token {
    skipSpaceAndComments()
    let start = location
    let startIndex = index
    guard let c = peek() else { return Token(kind: .end, text: "", range: start..<start) }
    let kind: Token.Kind
    if c == .lf || c == .cr {
      advance()
      if c == .cr && peek() == .lf { advance() }
      kind = .newline
    } else if c.isDigit || (c == .dot && peek(1)?.isDigit == true) {
      scanNumber()
      kind = .number
    } else if c == UInt8(ascii: "x"), numberEnd == start, peek(1)?.isDigit == true {
      advance()  // `224x224`: the x between two numbers is the shape separator.
      kind = .times
    } else if c.isIdentifierStart {
      while let d = peek(), d.isIdentifierPart { advance() }
      kind = .identifier
    } else if c == .quote {
      return scanString(from: start)
    } else {
      kind = scanPunctuation()
    }
    let text = String(decoding: bytes[startIndex..<index], as: UTF8.self)
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
      if c == .space || c == .tab {
        advance()
      } else if c == UInt8(ascii: "#") {
        while let d = peek(), d != .lf, d != .cr { advance() }
      } else {
        return
      }
    }
  }

  private mutating func scanNumber() {
    while let d = peek(), d.isDigit { advance() }
    if peek() == .dot, peek(1)?.isDigit == true {
      advance()
      while let d = peek(), d.isDigit { advance() }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") ? 1 : 0
      if peek(1 + sign)?.isDigit == true {
        for _ in 0...sign { advance() }
        while let d = peek(), d.isDigit { advance() }
      }
    }
  }

  /// A double-quoted string on one line; `\"` and `\\` escape. The token's text is the content.
  private mutating func scanString(from start: SourceLocation) -> Token {
    advance()
    var content: [UInt8] = []
    while let c = peek(), c != .lf, c != .cr {
      advance()
      if c == .quote {
        return Token(
          kind: .string, text: String(decoding: content, as: UTF8.self), range: start..<location)
      }
      if c == .backslash, let escaped = peek(), escaped == .quote || escaped == .backslash {
        advance()
        content.append(escaped)
      } else {
        content.append(c)
      }
    }
    // Reported here; as an invalid token the parser skips it rather than report it again.
    diagnostics.append(.unterminatedString(at: start..<location))
    return Token(
      kind: .invalid, text: String(decoding: content, as: UTF8.self), range: start..<location)
  }

  private mutating func scanPunctuation() -> Token.Kind {
    if atTimesSign {
      advance()
      advance()
      return .times
    }
    let c = bytes[index]
    advance()
    switch c {
    case UInt8(ascii: "("): return .leftParen
    case UInt8(ascii: ")"): return .rightParen
    case UInt8(ascii: "{"): return .leftBrace
    case UInt8(ascii: "}"): return .rightBrace
    case UInt8(ascii: "["): return .leftBracket
    case UInt8(ascii: "]"): return .rightBracket
    case UInt8(ascii: ","): return .comma
    case UInt8(ascii: "="):
      if peek() == UInt8(ascii: "=") {
        advance()
        return .comparison
      }
      return .equals
    case UInt8(ascii: "<"), UInt8(ascii: ">"):
      if peek() == UInt8(ascii: "=") { advance() }
      return .comparison
    case UInt8(ascii: "!"):
      if peek() == UInt8(ascii: "=") {
        advance()
        return .comparison
      }
      return .invalid
    case UInt8(ascii: ":"): return .colon
    case UInt8(ascii: ";"): return .semicolon
    case UInt8(ascii: "+"): return .plus
    case UInt8(ascii: "*"): return .star
    case UInt8(ascii: "/"): return .slash
    case UInt8(ascii: "%"): return .percent
    case UInt8(ascii: "-"):
      if peek() == UInt8(ascii: ">") {
        advance()
        return .arrow
      }
      return .minus
    case .dot:
      if peek() == .dot, peek(1) == .dot {
        advance()
        advance()
        return .ellipsis
      }
      // A run of dots is one mistake, reported once.
      while peek() == .dot { advance() }
      return .invalid
    default:
      // A run of characters the language does not use is one mistake, reported once; the
      // bytes after a scalar's first are stepped over with it.
      while let d = peek(), d.isContinuation || (d.isStray && !atTimesSign) { advance() }
      return .invalid
    }
  }
}

extension UInt8 {
  fileprivate static let lf = UInt8(ascii: "\n")
  fileprivate static let cr = UInt8(ascii: "\r")
  fileprivate static let space = UInt8(ascii: " ")
  fileprivate static let tab = UInt8(ascii: "\t")
  fileprivate static let dot = UInt8(ascii: ".")
  fileprivate static let quote = UInt8(ascii: "\"")
  fileprivate static let backslash = UInt8(ascii: "\\")

  /// A UTF-8 byte after a scalar's first.
  fileprivate var isContinuation: Bool { self & 0xC0 == 0x80 }
  fileprivate var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
  fileprivate var isIdentifierStart: Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) || self == UInt8(ascii: "_")
  }
  fileprivate var isIdentifierPart: Bool { isIdentifierStart || isDigit }
  /// The first byte of a character that starts no token and is no space: one the language
  /// does not use (any scalar outside ASCII but `×`, which the caller tells apart).
  fileprivate var isStray: Bool {
    self >= 0x80 || (!isIdentifierPart && !Self.tokenStarts.contains(self))
  }
  private static let tokenStarts = Array(" \t\r\n\"#()[]{},=<>!:;+-*/%.".utf8)
}
