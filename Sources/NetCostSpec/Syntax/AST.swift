import NetCostCore

/// The syntax of a spec, as written: nothing is evaluated yet, and nothing is looked up but a
/// layer step's kind.
/// Every name and value keeps its range so the resolver can point at it.
package struct SpecFile: Sendable {
  var statements: [Statement]
  /// What statements that failed to parse would have declared (a parameter, a block, a labelled
  /// layer, a function, `input`): the resolver stays silent about them rather than report the
  /// same mistake again as an unknown name.
  var failedNames: Set<String> = []
  /// Whether anything failed to lex or parse: then "no layers" says nothing new.
  package var isIncomplete = false
}

extension SpecFile {
  /// The library a variant (or, for nil, the spec itself) follows: the variant's `library`,
  /// else the spec's.
  package func library(of variant: String?) -> String? {
    var spec: String?
    for statement in statements {
      switch statement {
      case .header(let key, let value) where key.value == "library": spec = value.value
      case .variant(let declaration) where declaration.name.value == variant:
        if let library = declaration.library { return library.value }
      default: break
      }
    }
    return spec
  }

  /// The variants the spec declares, in order: the networks of its family by name.
  package var variants: [String] {
    statements.compactMap {
      if case .variant(let declaration) = $0 { declaration.name.value } else { nil }
    }
  }
}

indirect enum Statement: Sendable {
  /// `network "mobilenet"`, `title "…"`, `source "…"`.
  case header(key: Located<String>, value: Located<String>)
  case parameter(ParameterDecl)
  /// `input 224 x 224 x 3` (height, width, channels), or a volume's `input 16 x 112 x 112 x 3`
  /// (depth first): three or four sizes, the parser checks.
  case input(dims: [Expr], range: SourceRange)
  case block(BlockDecl)
  /// `repeat 5 { … }` or `for i in 7...11 { … }`.
  case loop(Loop)
  /// One line of layers joined by `->`; each reads the one before it.
  case chain([Step])
  /// `published "source" alpha = 0.75 { macs = 325 M … }`: what a paper printed.
  case published(PublishedDecl)
  /// `if stride == 1 and inp == out { … } else { … }`: statements for some parameter values only.
  case conditional(Conditional)
  /// `def c(x) = make_divisible(x * alpha, 8)`: a function of the spec's own.
  case function(FunctionDecl)
  /// `variant "vgg11_bn" "VGG-11 with batch norm" depth = 11, bn = 1`: a network of the family.
  case variant(VariantDecl)
  /// `training { … }`: layers that run only in training (an auxiliary classifier), reading the
  /// layer before; their parameters count, their MACs and memory do not, and the layer after the
  /// block reads the layer before it.
  case training(body: [Statement], range: SourceRange)
}

extension Statement {
  /// The text the statement spans (a diagnostic shows its first line).
  var range: SourceRange {
    switch self {
    case .header(let key, let value): key.range.joined(with: value.range)
    case .parameter(let declaration): declaration.name.range
    case .input(_, let range): range
    case .block(let block): block.range
    case .loop(let loop): loop.range
    case .chain(let steps):
      steps.dropFirst().reduce(steps.first?.range ?? .start) { $0.joined(with: $1.range) }
    case .published(let publication): publication.range
    case .conditional(let conditional): conditional.range
    case .function(let function): function.name.range
    case .variant(let variant): variant.range
    case .training(_, let range): range
    }
  }
}

struct FunctionDecl: Sendable, Hashable {
  var name: Located<String>
  var parameters: [Located<String>]
  var body: Expr
}

/// `if a { … } else if b { … } else { … }`: the clauses in order, then the `else` body. An
/// `else if` chain is a list, not nested conditionals, so no chain length can make the parser or
/// the resolver recurse.
struct Conditional: Sendable {
  struct Clause: Sendable {
    var condition: Expr
    var body: [Statement]
  }
  var clauses: [Clause]
  var otherwise: [Statement]
  var range: SourceRange

  /// Every statement of every clause and of the `else`.
  var bodies: [[Statement]] { clauses.map(\.body) + [otherwise] }
}

/// A network of a family by name: the family's spec with some parameters' defaults changed, as a
/// library names its models (`vgg11_bn`, `wide_resnet50_2`).
struct VariantDecl: Sendable {
  var name: Located<String>
  var title: Located<String>?
  /// The library whose names and layout it follows, when not the spec's (`library "Keras"`).
  var library: Located<String>? = nil
  var settings: [(name: Located<String>, value: Expr)]
  var range: SourceRange
}

/// Figures a source printed for this network, at the given parameter values.
struct PublishedDecl: Sendable {
  var source: Located<String>
  var conditions: [(name: Located<String>, value: Expr)]
  var figures: [FigureDecl]
  var range: SourceRange
}

/// `macs of "conv1" = 73 M note "…"`: one printed number, exactly as printed.
struct FigureDecl: Sendable {
  enum Selector: Sendable {
    case network
    case layers([Located<String>])
    case kind(Located<String>)
    case versus(Located<String>)
  }
  var metric: Located<String>
  var selector: Selector
  var value: Double
  /// The number as written ("4.2"), which fixes the rounding it was printed with.
  var text: String
  var unit: Located<String>?
  var note: String?
  var range: SourceRange
}

/// `param alpha = 1.0 in (0, 1] "width multiplier α"`.
struct ParameterDecl: Sendable {
  var name: Located<String>
  var defaultValue: Expr
  var interval: Interval?
  var doc: String?
  /// Whether the default was written without a decimal point: such a parameter takes whole numbers.
  var wholeNumber: Bool
}

/// `[lo, hi]`, `(lo, hi]`, …: the values a parameter accepts.
/// Or `{11, 13, 16, 19}`: the values themselves (`bounds` are then the members).
struct Interval: Sendable, Hashable {
  var bounds: [Expr]
  var lowerClosed: Bool
  var upperClosed: Bool
  var isSet = false
  var range: SourceRange
}

/// `block fire(squeeze, expand1, expand3) { … }`.
struct BlockDecl: Sendable {
  var name: Located<String>
  var parameters: [Located<String>]
  var body: [Statement]
  var range: SourceRange
}

struct Loop: Sendable {
  enum Bounds: Sendable {
    case count(Expr)
    case through(Expr, Expr)
  }
  var variable: Located<String>?
  var bounds: Bounds
  var body: [Statement]
  var range: SourceRange
}

/// A layer (`conv filters = 64, kernel = 3`), a block call (`fire(16, 64, 64)`) or a merge with
/// branches (`concat { branch { … } branch { … } }`), optionally labelled (`conv1: …`).
struct Step: Sendable {
  enum Body: Sendable {
    case layer(arguments: [Argument], branches: [[Statement]]?)
    case call(arguments: [Expr])
  }
  var label: Label?
  var head: Located<String>
  var body: Body
  var range: SourceRange
  /// The kind a layer step names, looked up once here: a loop's passes and a block's calls
  /// meet the step again and again. Nil for a block call or a name no kind has.
  var kind: LayerKind? = nil
}

/// `key = value` on a layer.
struct Argument: Sendable {
  var key: Located<String>
  var value: Expr
}

/// A layer's name: a plain name, or a string whose `{i}` parts are filled in when blocks and loops
/// expand (`"conv_dw_{i}"`).
struct Label: Sendable, Hashable {
  enum Part: Sendable, Hashable {
    case text(String)
    case variable(String)
  }
  var parts: [Part]
  var range: SourceRange
  /// The fewest bytes its name can have: its text's, and a byte for each variable's value.
  /// Counted once, with the label: a label of 300,000 parts on each of 20,000 passes was
  /// counted on each (issue 25).
  let leastLength: Int

  init(parts: [Part], range: SourceRange) {
    (self.parts, self.range) = (parts, range)
    leastLength = parts.reduce(0) { length, part in
      switch part {
      case .text(let t): length + t.utf8.count
      case .variable: length + 1
      }
    }
  }
}

/// An arithmetic expression over numbers and names.
struct Expr: Sendable, Hashable {
  indirect enum Kind: Sendable, Hashable {
    case number(Double)
    case name(String)
    case string(String)
    case negate(Expr)
    case binary(BinaryOperator, Expr, Expr)
    case call(Located<String>, [Expr])
    case list([Expr])
    /// `1 x 7` or `3 x 3 x 3`: a window's sides (height and width, or depth, height and width),
    /// the value of a kernel, stride, dilation or padding. Two or more; the resolver checks.
    case sides([Expr])
  }
  enum BinaryOperator: String, Sendable, Hashable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case and
    case or
  }
  var kind: Kind
  var range: SourceRange
}
