/// The bounds that keep every spec fast to check: with them the parser, the resolver and the
/// evaluator recurse only so deep and no loop runs unbounded, so no input can make netcost hang or
/// run out of memory. Each is far beyond any real network. docs/diagnostics.md lists them (a test
/// keeps that table and `doc` in agreement); the message for each is in the catalogue.
public enum Limit: CaseIterable, Sendable {
  case layers
  /// Loop passes in all: loops whose bodies make no layers must still end quickly.
  case passes
  /// The steps of the walk that finds an expansion bomb before expansion.
  case estimateSteps
  case blockCalls
  /// Block calls in all, each of which costs far more than a step.
  case blockCallsInAll
  /// User functions cannot recurse (each sees only those declared before it), but a chain of
  /// calls is still bounded.
  case functionCalls
  /// Braces, parentheses, brackets and signs, which the parser recurses into.
  case nesting
  case expressionTerms
  /// Terms the evaluator is inside at once, counting the bodies of the functions it is in: what
  /// bounds its recursion, as `nesting` bounds the parser's. (A long chain `a + b + c …` is
  /// walked in a loop and adds nothing; signs, parenthesised right operands and calls do.)
  case evaluationDepth
  /// Work in all: every statement run, block called and term evaluated spends one step, so no
  /// spec (blocks that make nothing, functions that call others twice) can run long.
  case steps
  /// Steps of expansion after the first error, spent looking for other errors.
  case stepsAfterError
  /// Layers given a name by a label: each costs a hash table entry, some microseconds at a
  /// million.
  case namedLayers
  /// Layers a pass over a statement already made (a loop's, a block called again) makes
  /// afresh, its values new: their keys evaluated and checked, their figures computed, where a
  /// pass with the values of a pass before takes that pass's (a fifth of the work). A million
  /// from 60 bytes (`for i in 1...1000000 { conv … dilation = i }`) took 3.4-4.4 s.
  case freshLayers
  /// One layer's name, block prefixes included.
  case nameLength
  /// All layer names together, checked before each is stored.
  case nameCharacters
  /// Inputs read by all layers together: a merge of a thousand names in a loop of a hundred
  /// thousand passes is 100 million edges from a 3 KB spec (the review of issue 25).
  case layerInputs
  /// Errors shown for one run; the rest are counted in one closing line.
  case diagnostics
  /// Errors shown for one line of a spec.
  case diagnosticsPerLine
  /// Names compared for the "did you mean"s of one resolution: each error compares its word
  /// with every name it could mean, and a spec may hold many errors and many names.
  case suggestedNames
  /// Layers times points in one sweep, checked before any point is computed.
  case sweepLayers
  /// Layers of the networks one `compare` analyses, all together: each is a whole analysis
  /// (twelve networks of a million layers took 7 s).
  case comparedLayers
  /// Points in one sweep, whatever their layers: each is a row of the table, a point of the
  /// chart (490,000 points of one layer took 5 s and 951 MB; the review of issue 25).
  case sweepPoints
  /// Layers analysed again to check published figures under their own conditions (`verify`,
  /// a report): each set of conditions is an analysis with rows.
  case checkedLayers
  /// Rows the published figures of one check read: a figure of a block of many rows, or of
  /// the whole network, reads each of them.
  case checkedRows
  /// Figures one spec publishes: `verify` prints a row for each.
  case publishedFigures
  /// Bytes in a spec's network name or a published figure's source, which `verify` prints on
  /// each of its rows.
  case repeatedText
  /// Messages, objects and arrays nested in an imported model file (Caffe prototxt, Keras JSON),
  /// which their parsers recurse into. Keras nests about a dozen deep per nested model.
  case fileNesting
  /// Layers an imported model may have.
  case importedLayers
  /// Items in one list (`from = [a, b, …]`): as many inputs as an ONNX node may read.
  case listItems
  /// Rows a graph draws (`netcost graph`, a report's picture): each is a box of text.
  case graphRows
  /// Bends of a graph's edges: an edge that skips ranks bends once per rank it passes, so
  /// that it goes around the boxes there.
  case graphBends
  /// Edges a graph draws: each is a path of text, and 2,000 merges of 2,000 inputs each are a
  /// small spec of four million edges.
  case graphEdges
  /// Bars a layer chart draws (`netcost chart`, a report's chart of its layers).
  case chartRows
  /// Rows `--explain` shows at once: each is a paragraph of arithmetic.
  case explainedRows

  public var value: Int {
    switch self {
    case .layers: 1_000_000
    case .passes: 4_000_000
    case .estimateSteps: 1_000_000
    case .blockCalls: 64
    case .blockCallsInAll: 250_000
    case .functionCalls: 32
    case .nesting: 64
    case .expressionTerms: 1000
    case .evaluationDepth: 256
    case .steps: 10_000_000
    case .stepsAfterError: 10_000
    case .namedLayers: 250_000
    case .freshLayers: 100_000
    case .nameLength: 256
    case .nameCharacters: 64_000_000
    case .layerInputs: 4_000_000
    case .diagnostics: 100
    case .diagnosticsPerLine: 3
    case .suggestedNames: 1_000_000
    case .sweepLayers: 2_000_000
    case .sweepPoints: 100_000
    case .comparedLayers: 3_000_000
    case .checkedLayers: 1_000_000
    case .checkedRows: 20_000_000
    case .publishedFigures: 10_000
    case .repeatedText: 1000
    case .fileNesting: 256
    case .importedLayers: 100_000
    case .listItems: 1_000_000
    case .graphRows: 20_000
    case .graphBends: 200_000
    case .graphEdges: 50_000
    case .chartRows: 20_000
    case .explainedRows: 20_000
    }
  }

  /// What is limited, as the docs' table names it.
  public var doc: String {
    switch self {
    case .layers: "layers a spec expands to"
    case .passes: "loop passes in all"
    case .estimateSteps: "steps of the layer estimate (loops walked without expanding them)"
    case .blockCalls: "block calls nested"
    case .blockCallsInAll: "block calls in all"
    case .functionCalls: "function calls nested"
    case .nesting: "braces, parentheses, brackets and signs nested"
    case .expressionTerms: "terms in one expression"
    case .evaluationDepth: "terms nested in an evaluation, through function calls"
    case .steps: "steps of work (statements, block calls, terms evaluated)"
    case .stepsAfterError: "steps of expansion after the first error"
    case .namedLayers: "layers named by a label"
    case .freshLayers: "layers made afresh by passes over a statement (values no pass had)"
    case .nameLength: "bytes in a layer's name (UTF-8)"
    case .nameCharacters: "bytes in all layer names together"
    case .layerInputs: "inputs read by all layers together"
    case .diagnostics: "errors shown for one run"
    case .diagnosticsPerLine: "errors shown for one line"
    case .suggestedNames: "names compared for the 'did you mean's of one run"
    case .sweepLayers: "layers × points in one sweep"
    case .sweepPoints: "points in one sweep"
    case .comparedLayers: "layers of the networks one comparison analyses"
    case .checkedLayers: "layers analysed again to check published figures"
    case .checkedRows: "rows read to check published figures"
    case .publishedFigures: "published figures in one spec"
    case .repeatedText: "bytes in a network's name or a figures' source (UTF-8)"
    case .fileNesting: "messages, objects and arrays nested in an imported model"
    case .importedLayers: "layers in an imported model"
    case .listItems: "items in one list"
    case .graphRows: "rows in a drawn graph"
    case .graphBends: "bends of the edges in a drawn graph"
    case .graphEdges: "edges in a drawn graph"
    case .chartRows: "bars in a layer chart"
    case .explainedRows: "rows '--explain' shows at once"
    }
  }
}

extension Int {
  package func saturatingAdd(_ other: Int) -> Int {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? .max : sum
  }

  package func saturatingMultiply(_ other: Int) -> Int {
    let (product, overflow) = multipliedReportingOverflow(by: other)
    return overflow ? .max : product
  }
}
