import NetCost
import Testing

/// Bad specs and exactly what netcost says about them: message, where (the marker), and help.
/// Every bug fix in the front end adds a row here.
@Suite struct SpecDiagnosticsTests {
  struct Expected: Sendable {
    var marker: String
    var message: String
    var help: String? = nil
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var spec: String
    var expected: [Expected]
    var testDescription: String { expected.map(\.message).joined(separator: "; ") }
    init(_ spec: String, _ expected: Expected...) {
      self.spec = spec
      self.expected = expected
    }
  }

  static let input = "input 32 x 32 x 3\n"

  static let cases: [Case] = [
    // Lexical and syntax errors.
    Case(
      input + "conv filters = 8, kernel = 3 1️⃣$",
      Expected(marker: "1️⃣", message: "unexpected character '$'")),
    Case(
      input + "1️⃣\"conv1: conv filters = 8",
      Expected(
        marker: "1️⃣", message: "unterminated string", help: "close it with '\"' on the same line")),
    Case(
      input + "conv filters = 8, kernel 1️⃣3",
      Expected(marker: "1️⃣", message: "expected '=' after 'kernel', found '3'")),
    Case(
      input + "conv filters = 8 1️⃣kernel = 3",
      Expected(
        marker: "1️⃣", message: "expected end of line, found 'kernel'",
        help: "separate a layer's keys with ',' and chained layers with '->'")),
    Case(
      input + "conv filters = (8 * 21️⃣, kernel = 3\nrelu\nconv filters = 2️⃣, kernel = 1",
      Expected(marker: "1️⃣", message: "expected ')' to close '(', found ','"),
      Expected(marker: "2️⃣", message: "expected a value, found ','")),
    Case(
      "input 32 x 32 1️⃣3",
      Expected(
        marker: "1️⃣",
        message: "expected 'x' between the input's height, width and channels, found '3'")),
    Case(
      input + "block b(x) { conv filters = x, kernel = 1 1️⃣",
      Expected(
        marker: "1️⃣", message: "expected '}' to close the block opened at line 2, found end of file")
    ),
    Case(
      input + "1️⃣}\nrelu",
      Expected(marker: "1️⃣", message: "unexpected '}' here")),
    Case(
      "param alpha = 1 in 1️⃣0...1\n" + input + "relu",
      Expected(marker: "1️⃣", message: "expected '[', '(' or '{' to start the range, found '0'")),
    // Unknown names, with "did you mean".
    Case(
      input + "1️⃣dwcnv kernel = 3",
      Expected(marker: "1️⃣", message: "unknown layer kind 'dwcnv'", help: "did you mean 'dwconv'?")),
    Case(
      input + "conv filters = 8, kernel = 3, 1️⃣strid = 2",
      Expected(
        marker: "1️⃣", message: "unknown key 'strid' in 'conv'", help: "did you mean 'stride'?")),
    Case(
      input + "relu 1️⃣size = 2",
      Expected(
        marker: "1️⃣", message: "unknown key 'size' in 'relu'",
        help: "'relu' takes 'inplace', 'torch', 'from'")),
    Case(
      "param alpha = 1\n" + input + "conv filters = 8 * 1️⃣alpah, kernel = 3",
      Expected(marker: "1️⃣", message: "unknown name 'alpah'", help: "did you mean 'alpha'?")),
    Case(
      input + "conv filters = 1️⃣sqrt(64), kernel = 3",
      Expected(
        marker: "1️⃣", message: "unknown function 'sqrt'",
        help:
          "the functions are 'ceil', 'choose', 'floor', 'int', 'make_divisible', 'max', 'min', 'pow', 'round'"
      )),
    Case(
      input + "block fire(s) { conv filters = s, kernel = 1 }\n1️⃣fier(8)",
      Expected(marker: "1️⃣", message: "unknown block 'fier'", help: "did you mean 'fire'?")),
    Case(
      input + "a: conv filters = 8, kernel = 1\nconv filters = 8, kernel = 1\nrelu from = 1️⃣b",
      Expected(marker: "1️⃣", message: "unknown layer 'b'")),
    Case(
      input + "conv1: conv filters = 8, kernel = 1\nrelu from = 1️⃣conv2",
      Expected(marker: "1️⃣", message: "unknown layer 'conv2'", help: "did you mean 'conv1'?")),
    // Missing, duplicate and misplaced things.
    Case(
      input + "1️⃣conv kernel = 3",
      Expected(marker: "1️⃣", message: "'conv' needs 'filters'")),
    Case(
      input + "conv filters = 8, kernel = 3, 1️⃣filters = 4",
      Expected(marker: "1️⃣", message: "key 'filters' is given twice")),
    Case(
      input + "a: relu\n1️⃣a: relu",
      Expected(marker: "1️⃣", message: "layer name 'a' is used twice")),
    Case(
      input + "1️⃣input 8 x 8 x 3\nrelu",
      Expected(marker: "1️⃣", message: "'input' is given twice")),
    Case(
      "1️⃣relu",
      Expected(
        marker: "1️⃣", message: "the spec has no 'input'",
        help: "give the input shape, e.g. 'input 224 x 224 x 3'")),
    Case(
      "1️⃣" + input,
      Expected(marker: "1️⃣", message: "the spec has no layers")),
    Case(
      "param a = 1\nparam 1️⃣a = 2\n" + input + "relu",
      Expected(marker: "1️⃣", message: "parameter 'a' is declared twice")),
    Case(
      "network \"a\"\n1️⃣network \"b\"\n" + input + "relu",
      Expected(marker: "1️⃣", message: "'network' is given twice")),
    Case(
      input + "block b(x) { relu }\nblock 1️⃣b(y) { relu }\nb(1)",
      Expected(marker: "1️⃣", message: "block 'b' is defined twice")),
    Case(
      input + "repeat 2 { param 1️⃣k = 3\nrelu }",
      Expected(
        marker: "1️⃣",
        message: "'param' must be at the top level of the spec, not inside a block or loop")),
    // Values.
    Case(
      input + "conv filters = 1️⃣8.5, kernel = 3",
      Expected(
        marker: "1️⃣", message: "'filters' must be a whole number, got 8.5",
        help: "round it explicitly with int(…), round(…) or ceil(…)")),
    Case(
      input + "conv filters = 8, kernel = 1️⃣0",
      Expected(marker: "1️⃣", message: "'kernel' must be at least 1, got 0")),
    Case(
      input + "conv filters = 8, kernel = 3, stride = 1️⃣-2",
      Expected(marker: "1️⃣", message: "'stride' must be at least 1, got -2")),
    Case(
      input + "conv filters = 8, kernel = 3, padding = 1️⃣-1",
      Expected(marker: "1️⃣", message: "'padding' must be at least 0, got -1")),
    Case(
      input + "conv filters = 8, kernel = 3, bias = 1️⃣yes",
      Expected(
        marker: "1️⃣", message: "'bias' must be true, false or a condition (such as keras == 1)")),
    Case(
      input + "dropout rate = 1️⃣1.5",
      Expected(marker: "1️⃣", message: "'rate' must be at least 0 and less than 1, got 1.5")),
    Case(
      input + "conv filters = 8 / 1️⃣0, kernel = 3",
      Expected(marker: "1️⃣", message: "division by zero")),
    Case(
      "param alpha = 0.01\n" + input + "conv filters = 1️⃣int(32 * alpha), kernel = 3",
      Expected(marker: "1️⃣", message: "'filters' must be at least 1, got 0")),
    Case(
      "param alpha = 1️⃣2 in (0, 1]\n" + input + "relu",
      Expected(
        marker: "1️⃣", message: "the default 2 of parameter 'alpha' is outside its range (0, 1]")),
    Case(
      "input 1️⃣0 x 32 x 3\nrelu",
      Expected(marker: "1️⃣", message: "input size must be at least 1, got 0")),
    // Blocks, loops and merges.
    Case(
      input + "block b(x, y) { relu }\n1️⃣b(1)",
      Expected(marker: "1️⃣", message: "block 'b' takes 2 arguments, got 1")),
    Case(
      input + "block b(x) { 1️⃣b(x) }\nb(1)",
      Expected(marker: "1️⃣", message: "block 'b' calls itself")),
    Case(
      input + "block b(x) { relu }\n1️⃣b filters = 3",
      Expected(
        marker: "1️⃣", message: "'b' is a block, not a layer kind",
        help: "call it with its arguments: 'b(…)'")),
    Case(
      input + "1️⃣conv(8, 3)",
      Expected(
        marker: "1️⃣", message: "'conv' is a layer kind, not a block",
        help: "give a layer's values as keys: 'conv key = value, …'")),
    Case(
      input + "for i in 1️⃣5...3 { relu }",
      Expected(
        marker: "1️⃣", message: "the loop range 5...3 is empty",
        help: "the first value must not be greater than the last")),
    Case(
      input + "repeat 1️⃣-1 { relu }",
      Expected(marker: "1️⃣", message: "repeat count must be at least 0, got -1")),
    Case(
      input + "1️⃣repeat 1000 { repeat 1000 { repeat 1000 { relu } } }",
      Expected(marker: "1️⃣", message: "the spec expands to more than 1000000 layers")),
    Case(
      input + "1️⃣concat from = [input]",
      Expected(marker: "1️⃣", message: "'concat' needs at least 2 inputs, got 1")),
    Case(
      input + "1️⃣add",
      Expected(
        marker: "1️⃣", message: "'add' needs inputs",
        help: "give branches '{ branch { … } branch { … } }' or 'from = [a, b]'")),
    Case(
      input + "1️⃣conv filters = 8, kernel = 1 { branch { relu } }",
      Expected(
        marker: "1️⃣", message: "only 'concat', 'add' and 'multiply' take branches, not 'conv'")),
    Case(
      input + "1️⃣\"c{i\": relu",
      Expected(
        marker: "1️⃣", message: "a '{' in a layer name must enclose a name and be closed by '}'")),
    Case(
      input + "repeat 3 { 1️⃣dwcnv kernel = 3 }",
      Expected(marker: "1️⃣", message: "unknown layer kind 'dwcnv'", help: "did you mean 'dwconv'?")),
    // Published figures.
    Case(
      input + "relu\npublished \"T1\" { 1️⃣mac = 3 M }",
      Expected(marker: "1️⃣", message: "unknown metric 'mac'", help: "did you mean 'macs'?")),
    Case(
      input + "relu\npublished \"T1\" 1️⃣alpah = 1 { macs = 3 M }",
      Expected(marker: "1️⃣", message: "unknown parameter 'alpah'")),
    Case(
      input + "relu\npublished \"T1\" { macs = 3 1️⃣MB }",
      Expected(
        marker: "1️⃣", message: "'macs' cannot be printed in 'MB'", help: "write it in 'K', 'M', 'G'")
    ),
    Case(
      input + "relu\npublished \"T1\" { 1️⃣macs_share = 3 % }",
      Expected(
        marker: "1️⃣", message: "metric 'macs_share' needs 'of' or 'vs'",
        help: "write it as 'macs_share of kind \"Conv 1×1\" = …'")),
    Case(
      input + "relu\npublished \"T1\" { 1️⃣total_params of \"relu_1\" = 3 }",
      Expected(marker: "1️⃣", message: "metric 'total_params' does not take layers")),
    Case(
      input + "relu\npublished \"T1\" { macs 1️⃣3 }",
      Expected(marker: "1️⃣", message: "expected '=' after the figure's metric, found '3'")),
    Case(
      input + "repeat 1 { published 1️⃣\"T1\" { macs = 3 } }",
      Expected(
        marker: "1️⃣",
        message: "'published' must be at the top level of the spec, not inside a block or loop")),
  ]

  static let more: [Case] = [
    Case(
      input
        + "maxpool kernel = 2\nmaxpool kernel = 2\nmaxpool kernel = 2\nmaxpool kernel = 2\nmaxpool kernel = 2\nmaxpool 1️⃣kernel = 2",
      Expected(
        marker: "1️⃣", message: "the 2×2 window of 'maxpool_6' is larger than its padded input 1×1")),
    Case(
      input + "conv filters = 8, 1️⃣kernel = 5, dilation = 8",
      Expected(
        marker: "1️⃣", message: "the 33×33 window of 'conv_1' is larger than its padded input 32×32")),
    Case(
      input
        + "conv filters = 8, kernel = 3, padding = valid\nconv filters = 9, kernel = 1, 1️⃣groups = 2",
      Expected(marker: "1️⃣", message: "output channels 9 of 'conv_2' do not divide into 2 groups")),
    Case(
      "input 8 x 8 x 4\nconv filters = 6, kernel = 1, 1️⃣groups = 4",
      Expected(marker: "1️⃣", message: "output channels 6 of 'conv_1' do not divide into 4 groups")),
    Case(
      "param r = 16 in [8, 512]\ninput r x r x 3\nblock s() { conv filters = 8, 1️⃣kernel = 3, stride = 2 }\ns()\ns()\ns()\ns()",
      Expected(
        marker: "1️⃣", message: "the 3×3 window of 'conv_4' is larger than its padded input 1×1")),
    // A pad of one axis (issue 22) is the other form of a pad: not both, nor half of it.
    Case(
      input + "pad axis = -1, 1️⃣top = 1",
      Expected(marker: "1️⃣", message: "'top' and 'axis' say the same thing; give one of them")),
    Case(
      input + "pad 1️⃣after = 1",
      Expected(marker: "1️⃣", message: "'after' is given only with 'axis'")),
    Case(
      input + "deconv filters = 4, kernel = 3, 1️⃣padding = 20",
      Expected(
        marker: "1️⃣",
        message:
          "'deconv_1' would make a map of -6×-6: its padding cuts away more than the transposed convolution makes"
      )),
  ]

  @Test(arguments: cases + laterCases + more)
  func diagnostics(_ c: Case) {
    let marked = MarkedText(c.spec)
    let found = Run.diagnostics(marked.text)
    #expect(
      found.count == c.expected.count,
      "\(found.map { "\($0.range.lowerBound): \($0.message)" })")
    for (diagnostic, expected) in zip(found, c.expected) {
      #expect(diagnostic.message == expected.message)
      #expect(diagnostic.range.lowerBound == marked.markers[expected.marker])
      if let help = expected.help { #expect(diagnostic.help == help) }
    }
  }

  /// Every independent error in a file is reported in one run, each once.
  @Test func reportsEveryErrorOnce() {
    let found = Run.diagnostics(
      Self.input + """
        dwcnv kernel = 3
        conv filters = 8, kernel = 3, strid = 2
        conv filters = 0, kernel = 3
        relu from = nowhere
        """)
    #expect(
      found.map(\.message) == [
        "unknown layer kind 'dwcnv'", "unknown key 'strid' in 'conv'",
        "'filters' must be at least 1, got 0", "unknown layer 'nowhere'",
      ])
  }

  /// A syntax error does not hide the rest: the other statements are still resolved, and what
  /// the broken ones declared (a parameter, a block, a layer's name) is not reported again.
  @Test func syntaxErrorsDoNotHideTheRest() {
    let found = Run.diagnostics(
      """
      param alpha = (1
      input 32 x 32 x 3
      block b(x { relu }
      c1: conv filters = 8 kernel = 3
      conv filters = int(8 * alpha), kernel = 3
      b(1)
      relu from = c1
      dwcnv kernel = 3
      """)
    #expect(
      found.map(\.message) == [
        "expected ')' to close '(', found end of line",
        "expected ')' after the block's parameters, found '{'",
        "expected end of line, found 'kernel'",
        "unknown layer kind 'dwcnv'",
      ])
  }

  /// Issue 11, item 9: a duplicate name is reported even when the first layer of that name has
  /// another error on its line, and in either order.
  @Test func duplicatesOfAFailedLayerAreReported() {
    let first = Run.diagnostics(Self.input + "a: conv filters = 0, kernel = 3\na: relu")
    #expect(
      first.map(\.message) == [
        "'filters' must be at least 1, got 0", "layer name 'a' is used twice",
      ])
    let second = Run.diagnostics(Self.input + "a: relu\na: conv filters = 0, kernel = 3")
    #expect(
      Set(second.map(\.message)) == [
        "layer name 'a' is used twice", "'filters' must be at least 1, got 0",
      ])
  }

  /// A failed layer's name is remembered, so reading it is not a second error.
  @Test func noCascadeFromAFailedLayer() {
    let found = Run.diagnostics(Self.input + "a: conv filters = 0, kernel = 3\nrelu from = a")
    #expect(found.map(\.message) == ["'filters' must be at least 1, got 0"])
  }
}
