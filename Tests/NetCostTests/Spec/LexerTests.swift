import Testing

@testable import NetCostCore
@testable import NetCostSpec

/// Input text → token kinds (and texts where they matter).
@Suite struct LexerTests {
  static let cases: [(String, [Token.Kind])] = [
    ("input 224 x 224 x 3", [.identifier, .number, .identifier, .number, .identifier, .number]),
    ("input 224x224x3", [.identifier, .number, .times, .number, .times, .number]),
    ("input 224×224×3", [.identifier, .number, .times, .number, .times, .number]),
    ("a -> b", [.identifier, .arrow, .identifier]),
    ("a - b", [.identifier, .minus, .identifier]),
    ("for i in 7...11", [.identifier, .identifier, .identifier, .number, .ellipsis, .number]),
    ("x = 1.5e-3 # comment", [.identifier, .equals, .number]),
    ("\"conv_dw_{i}\": dwconv", [.string, .colon, .identifier]),
    ("relu6\n\nrelu", [.identifier, .newline, .newline, .identifier]),
    (
      "[a, b]; (c)",
      [
        .leftBracket, .identifier, .comma, .identifier, .rightBracket, .semicolon,
        .leftParen, .identifier, .rightParen,
      ]
    ),
    ("a $ b", [.identifier, .invalid, .identifier]),
    ("a .. b", [.identifier, .invalid, .identifier]),
  ]

  @Test(arguments: cases)
  func tokenKinds(_ text: String, _ kinds: [Token.Kind]) {
    let tokens = Lexer.tokenize(text).tokens
    #expect(tokens.map(\.kind) == kinds + [.end])
  }

  @Test func stringEscapesAndRanges() {
    let (tokens, diagnostics) = Lexer.tokenize("name: \"a\\\"b\\\\c\"")
    #expect(diagnostics.isEmpty)
    #expect(tokens[2].text == "a\"b\\c")
    #expect(
      tokens[2].range == SourceLocation(line: 1, column: 7)..<SourceLocation(line: 1, column: 16))
  }

  @Test func columnsCountUnicodeScalars() {
    let tokens = Lexer.tokenize("α = 1").tokens
    #expect(tokens[0].kind == .invalid)
    #expect(tokens[1].range.lowerBound == SourceLocation(line: 1, column: 3))
  }
}
