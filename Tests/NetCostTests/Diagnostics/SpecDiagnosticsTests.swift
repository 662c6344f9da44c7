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
    // More lexical and syntax cases.
    Case(
      input + "conv filters = 8, kernel = 3 1️⃣@ 2️⃣!",
      Expected(marker: "1️⃣", message: "unexpected character '@'"),
      Expected(marker: "2️⃣", message: "unexpected character '!'")),
    Case(
      input + "conv filters = 8, kernel = 1️⃣. 3",
      Expected(marker: "1️⃣", message: "unexpected character '.'")),
    Case(
      "network 1️⃣mobilenet\n" + input + "relu",
      Expected(
        marker: "1️⃣", message: "expected a string after 'network', found 'mobilenet'",
        help: "write it in quotes: network \"mobilenet\"")),
    Case(
      "network 1️⃣\n" + input + "relu",
      Expected(marker: "1️⃣", message: "expected a string after 'network', found end of line")),
    Case(
      "param 1️⃣= 3\n" + input + "relu",
      Expected(marker: "1️⃣", message: "expected a name for the parameter's name, found '='")),
    Case(
      "param a 1️⃣3\n" + input + "relu",
      Expected(marker: "1️⃣", message: "expected '=' after the parameter's name, found '3'")),
    Case(
      "param a = 1 in [0, 2 1️⃣\n" + input + "relu",
      Expected(marker: "1️⃣", message: "expected ']' or ')' to end the range, found end of line")),
    Case(
      "param a = 1 in [0 1️⃣2]\n" + input + "relu",
      Expected(marker: "1️⃣", message: "expected ',' between the range's bounds, found '2'")),
    Case(
      "input 32 1️⃣by 32 x 3\nrelu",
      Expected(
        marker: "1️⃣",
        message: "expected 'x' between the input's height, width and channels, found 'by'")),
    Case(
      input + "block 1️⃣(x) { relu }",
      Expected(marker: "1️⃣", message: "expected a name for the block's name, found '('")),
    Case(
      input + "block b 1️⃣{ relu }",
      Expected(marker: "1️⃣", message: "expected '(' after the block's name, found '{'")),
    Case(
      input + "block b(1️⃣1) { relu }",
      Expected(marker: "1️⃣", message: "expected a name for a block parameter, found '1'")),
    Case(
      input + "for 1️⃣1 in 1...2 { relu }",
      Expected(marker: "1️⃣", message: "expected a name for the loop variable, found '1'")),
    Case(
      input + "for i 1️⃣from 1...2 { relu }",
      Expected(marker: "1️⃣", message: "expected 'in' after the loop variable, found 'from'")),
    Case(
      input + "for i in 1 1️⃣.. 2 { relu }",
      Expected(
        marker: "1️⃣", message: "unexpected '..'", help: "a range is written with three dots: 1...5")),
    Case(
      input + "repeat 2 1️⃣relu",
      Expected(marker: "1️⃣", message: "expected '{' to open the loop, found 'relu'")),
    Case(
      input + "conv filters 1️⃣8",
      Expected(marker: "1️⃣", message: "expected '=' after 'filters', found '8'")),
    Case(
      input + "relu -> 1️⃣",
      Expected(
        marker: "1️⃣", message: "expected a name for a layer kind or block name, found end of file")),
    Case(
      input + "1️⃣: relu",
      Expected(marker: "1️⃣", message: "expected a name for a layer kind or block name, found ':'")),
    Case(
      input + "concat { 1️⃣relu }",
      Expected(marker: "1️⃣", message: "expected 'branch' or '}' inside a merge, found 'relu'")),
    Case(
      input + "conv filters = 1️⃣1e999, kernel = 1",
      Expected(marker: "1️⃣", message: "the number '1e999' is too large")),
    Case(
      input + "conv filters = 1️⃣99999999999999999, kernel = 1",
      Expected(marker: "1️⃣", message: "the value is too large to count with")),
    Case(
      input + "conv filters = int(8, 1️⃣, kernel = 1",
      Expected(marker: "1️⃣", message: "expected a value, found ','")),
    Case(
      input + "conv filters = 1️⃣min(8), kernel = 1",
      Expected(marker: "1️⃣", message: "'min' takes 2 arguments, got 1")),
    Case(
      input + "conv filters = 1️⃣\"eight\", kernel = 1",
      Expected(marker: "1️⃣", message: "expected a number")),
    Case(
      input + "conv filters = 1️⃣[8], kernel = 1",
      Expected(marker: "1️⃣", message: "expected a number")),
    Case(
      input + "conv filters = 8 * 1️⃣same, kernel = 1",
      Expected(marker: "1️⃣", message: "unknown name 'same'")),
    // More values.
    Case(
      input + "conv filters = 8, kernel = 3, padding = 1️⃣sme",
      Expected(marker: "1️⃣", message: "unknown name 'sme'")),
    Case(
      input + "maxpool kernel = 2, ceil = 1️⃣1",
      Expected(
        marker: "1️⃣", message: "'ceil' must be true, false or a condition (such as keras == 1)")),
    Case(
      input + "conv filters = 8, kernel = 3, dilation = 1️⃣0",
      Expected(marker: "1️⃣", message: "'dilation' must be at least 1, got 0")),
    Case(
      input + "conv filters = 8, kernel = 3, groups = 1️⃣0",
      Expected(marker: "1️⃣", message: "'groups' must be at least 1, got 0")),
    Case(
      input + "dwconv kernel = 3, multiplier = 1️⃣1.5",
      Expected(
        marker: "1️⃣", message: "'multiplier' must be a whole number, got 1.5",
        help: "round it explicitly with int(…), round(…) or ceil(…)")),
    Case(
      input + "fc units = 1️⃣-10",
      Expected(marker: "1️⃣", message: "'units' must be at least 1, got -10")),
    Case(
      input + "lrn size = 1️⃣0",
      Expected(marker: "1️⃣", message: "'size' must be at least 1, got 0")),
    Case(
      input + "dropout rate = 1️⃣-0.1",
      Expected(marker: "1️⃣", message: "'rate' must be at least 0 and less than 1, got -0.1")),
    Case(
      input + "1️⃣fc",
      Expected(marker: "1️⃣", message: "'fc' needs 'units'")),
    Case(
      input + "1️⃣maxpool stride = 2",
      Expected(marker: "1️⃣", message: "'maxpool' needs 'kernel'")),
    Case(
      input + "1️⃣pwconv",
      Expected(marker: "1️⃣", message: "'pwconv' needs 'filters'")),
    Case(
      input + "pwconv filters = 4, 1️⃣kernel = 3",
      Expected(
        marker: "1️⃣", message: "unknown key 'kernel' in 'pwconv'",
        help: "'pwconv' takes 'filters', 'stride', 'groups', 'bias', 'from'")),
    Case(
      input + "relu from = 1️⃣[input]",
      Expected(marker: "1️⃣", message: "expected a layer name")),
    Case(
      input + "add from = 1️⃣input",
      Expected(
        marker: "1️⃣", message: "'from' must be a list of layer names", help: "write it as '[a, b]'")),
    Case(
      input + "add from = [input, 1️⃣3]",
      Expected(marker: "1️⃣", message: "expected a layer name")),
    Case(
      input + "concat 1️⃣from = [input, input] { branch { relu } }",
      Expected(marker: "1️⃣", message: "a merge takes either 'from' or branches, not both")),
    Case(
      "input 1️⃣8.5 x 8 x 3\nrelu",
      Expected(
        marker: "1️⃣", message: "input size must be a whole number, got 8.5",
        help: "round it explicitly with int(…), round(…) or ceil(…)")),
    Case(
      "param a = 1 in [0, 1]\nparam 1️⃣a = 2 in [0, 1]\n" + input + "relu",
      Expected(marker: "1️⃣", message: "parameter 'a' is declared twice")),
    // More blocks, loops and names.
    Case(
      input + "block b(x) { c(x) }\nblock c(y) { 1️⃣b(y) }\nb(1)",
      Expected(marker: "1️⃣", message: "block 'b' calls itself")),
    Case(
      input + "block b(x) { conv filters = 1️⃣y, kernel = 1 }\nb(4)",
      Expected(marker: "1️⃣", message: "unknown name 'y'")),
    Case(
      input + "for i in 1...2 { 1️⃣\"c{j}\": relu }",
      Expected(marker: "1️⃣", message: "unknown name 'j'")),
    Case(
      "param i = 1\n" + input + "for 1️⃣i in 1...2 { relu }",
      Expected(
        marker: "1️⃣", message: "loop variable 'i' hides a name already in scope",
        help: "choose another name")),
    Case(
      input + "repeat 1️⃣2.5 { relu }",
      Expected(
        marker: "1️⃣", message: "repeat count must be a whole number, got 2.5",
        help: "round it explicitly with int(…), round(…) or ceil(…)")),
    Case(
      input + "1️⃣repeat 2000000 { relu }",
      Expected(marker: "1️⃣", message: "the spec expands to more than 1000000 layers")),
    Case(
      input + "repeat 1000000 { 1️⃣repeat 1000000 { } }\nrelu",
      Expected(marker: "1️⃣", message: "the spec's loops run more than 4000000 passes")),
    Case(
      input + "block b(x) { relu }\nblock c(x) { block 1️⃣d(y) { relu } }\nb(1)",
      Expected(
        marker: "1️⃣",
        message: "'block' must be at the top level of the spec, not inside a block or loop")),
    Case(
      input + "repeat 1 { 1️⃣input 4 x 4 x 3 }\nrelu",
      Expected(
        marker: "1️⃣",
        message: "'input' must be at the top level of the spec, not inside a block or loop")),
    Case(
      input + "a: relu\nb: relu\nrelu from = 1️⃣c",
      Expected(marker: "1️⃣", message: "unknown layer 'c'")),
    Case(
      input + "if 1️⃣sz > 1 { relu }",
      Expected(marker: "1️⃣", message: "unknown name 'sz'")),
    Case(
      input + "if 1 { relu } else 1️⃣relu",
      Expected(marker: "1️⃣", message: "expected '{' to open the 'else', found 'relu'")),
    // Variants, parameter sets, conditions as booleans, pow, training layers.
    Case(
      "param depth = 16 in {11, 16}\nvariant \"a\" depth = 1️⃣12\n" + input + "relu",
      Expected(
        marker: "1️⃣", message: "variant 'a' sets 'depth' to 12, outside its range {11, 16}")),
    Case(
      "param depth = 16\nvariant \"a\" depth = 1️⃣1.5\n" + input + "relu",
      Expected(marker: "1️⃣", message: "variant 'a' sets 'depth' to 1.5; it takes whole numbers")),
    Case(
      "param depth = 16\nvariant \"a\" 1️⃣dept = 11\n" + input + "relu",
      Expected(marker: "1️⃣", message: "unknown parameter 'dept'", help: "did you mean 'depth'?")),
    Case(
      "param d = 1\nvariant \"a\" d = 2\nvariant 1️⃣\"a\" d = 3\n" + input + "relu",
      Expected(marker: "1️⃣", message: "variant 'a' is declared twice")),
    Case(
      "block b() { variant 1️⃣\"a\" }\n" + input + "b()",
      Expected(
        marker: "1️⃣",
        message: "'variant' must be at the top level of the spec, not inside a block or loop")),
    Case(
      "param d = 1 in {1️⃣}\n" + input + "relu",
      Expected(marker: "1️⃣", message: "expected a value, found '}'")),
    Case(
      "param d = 1️⃣3 in {1, 2}\n" + input + "relu",
      Expected(marker: "1️⃣", message: "the default 3 of parameter 'd' is outside its range {1, 2}")),
    Case(
      input + "conv filters = 8, kernel = 3, bias = 1️⃣1 + 1",
      Expected(
        marker: "1️⃣",
        message: "'bias' must be true, false or a condition (such as keras == 1)")),
    Case(
      input + "conv filters = pow(1️⃣-2, 0.5), kernel = 3",
      Expected(marker: "1️⃣", message: "'pow' of a negative base needs a whole exponent")),
    Case(
      input + "training { conv filters = 8, kernel = 3 }\nfc units = 1️⃣0",
      Expected(marker: "1️⃣", message: "'units' must be at least 1, got 0")),
    Case(
      "def c(x) = x * 2\ndef 1️⃣c(y) = y\n" + input + "conv filters = c(4), kernel = 1",
      Expected(marker: "1️⃣", message: "function 'c' is defined twice")),
    Case(
      "def 1️⃣int(x) = x\n" + input + "relu",
      Expected(marker: "1️⃣", message: "'int' is a built-in function and cannot be redefined")),
    Case(
      "def f(x) = 1️⃣f(x)\n" + input + "conv filters = f(2), kernel = 1",
      Expected(
        marker: "1️⃣", message: "function calls are nested more than 32 deep",
        help: "a function may not call itself")),
    Case(
      "def f(x, y) = x\n" + input + "conv filters = 1️⃣f(2), kernel = 1",
      Expected(marker: "1️⃣", message: "'f' takes 2 arguments, got 1")),
    Case(
      input + "conv filters = 8, kernel = 1\nsplit 1️⃣part = 3",
      Expected(marker: "1️⃣", message: "part 3 of 'split_1' is past the last of its 2 parts")),
    Case(
      "input 8 x 8 x 3\nshuffle 1️⃣groups = 2",
      Expected(marker: "1️⃣", message: "input channels 3 of 'shuffle_1' do not divide into 2 groups")),
    Case(
      input + "1️⃣multiply { branch { } branch { maxpool kernel = 2 } }",
      Expected(
        marker: "1️⃣",
        message:
          "'multiply' needs inputs that broadcast to one shape (from the last axis, each size equal or 1), got 32×32×3, 16×16×3"
      )),
    // Shapes, found by the analyzer at the value at fault.
    Case(
      input + "conv filters = 8, 1️⃣kernel = 33",
      Expected(
        marker: "1️⃣", message: "the 33×33 window of 'conv_1' is larger than its padded input 32×32")),
    Case(
      input + "conv filters = 8, 1️⃣kernel = 3 x 3 x 3",
      Expected(
        marker: "1️⃣",
        message:
          "'conv_1' slides a 3×3×3 window over depth, which needs a volume (depth × height × width × channels), but its input is 32×32×3"
      )),
    Case(
      "input 4 x 32 x 32 x 3\nconv filters = 8, 1️⃣kernel = 9 x 3 x 3",
      Expected(
        marker: "1️⃣",
        message: "the window of 'conv_1' spans 9 frames of depth, more than its padded input's 4")),
    Case(
      input + "conv filters = 8, kernel = 1️⃣3 x 3 x 3 x 3",
      Expected(
        marker: "1️⃣",
        message:
          "'kernel' has 4 sizes; a window has one (square), two (height x width) or three (depth x height x width, over a volume)"
      )),
    Case(
      input + "crop 1️⃣top = 16, bottom = 16",
      Expected(
        marker: "1️⃣",
        message: "'crop_1' cuts 32 rows or columns off a side of 32, which leaves nothing")),
    Case(
      input + "conv filters = 8, kernel = 1, 1️⃣groups = 2",
      Expected(marker: "1️⃣", message: "input channels 3 of 'conv_1' do not divide into 2 groups")),
    Case(
      input + "a: conv filters = 8, kernel = 1\nb: maxpool kernel = 2\n1️⃣concat from = [a, b]",
      Expected(
        marker: "1️⃣", message: "'concat' needs inputs of one height and width, got 32×32×8, 16×16×8")
    ),
    Case(
      input + "1️⃣add { branch { } branch { pwconv filters = 4 } }",
      Expected(
        marker: "1️⃣",
        message:
          "'add' needs inputs that broadcast to one shape (from the last axis, each size equal or 1), got 32×32×3, 32×32×4"
      )),
    Case(
      "input 1000000 x 1000000 x 1000\n1️⃣fc units = 1000000000",
      Expected(marker: "1️⃣", message: "a count of 'fc_1' does not fit in 64 bits")),
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

  @Test(arguments: cases + more)
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
