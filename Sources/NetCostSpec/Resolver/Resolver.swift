import NetCostCore

/// Turns a parsed spec and parameter values into a `Network`: binds parameters, expands blocks and
/// loops, checks every layer's keys against `LayerKind`, and resolves references. It checks every
/// layer and reports every problem; only shapes are left to the analyzer.
package struct Resolver {
  /// Thrown when a limit is hit: expansion stops at once.
  struct Stop: Error {}

  private(set) var diagnostics: [Diagnostic] = []
  /// Where diagnostics were reported: one per place (see `report`).
  private var reportedAt: Set<SourceRange> = []
  /// The work left for this resolution, shared with every evaluation.
  let budget = Budget(steps: Limit.steps.value)
  var parameterErrors: [ParameterError] = []
  var layers: [Layer] = []
  /// Where each statement that made a layer was written, for the last few chains of call sites
  /// it was made at (`origin(of:_:_:)`), shared by its passes; each beside its call sites,
  /// compared without a copy of the origin out of its box.
  var origins: [SourceRange: [(callSites: [SourceRange], origin: Shared<Layer.Origin>)]] = [:]
  /// The last layer's origin, with the statement and call sites it was made for.
  var lastOrigin: (range: SourceRange, callSites: [SourceRange], origin: Shared<Layer.Origin>)?
  /// The layer estimate still to make, and the diagnostics before the expansion began.
  var layerEstimate: LayerEstimate?
  /// What each step made, with the local values it read (`Resolver+Repeats.swift`).
  var repeats: [SourceRange: Kept] = [:]
  /// Names layers can be referred to by, with where each was given.
  var names: [String: NameEntry] = [:]

  struct NameEntry {
    var index: Int
    var range: SourceRange
  }
  /// Names whose layer could not be built: references to them are not reported again.
  var failedNames: Set<String> = []
  /// Where each of those names was first given, so a second layer of the name is a duplicate.
  var failedDeclarations: [String: SourceRange] = [:]
  /// The last `kind_n` number given, per kind: outside labelled block calls, and inside each
  /// call's prefix (`Scope.counters`).
  var nameCounters = NameCounters()
  /// Which of `nameCounters` each labelled call's prefix counts in: found once a call, not hashed
  /// for each layer it names.
  var counterSlots: [String: Int] = [:]
  /// Whether a label ends like an automatic name (`_` and digits), which `kind_n` must then skip.
  var labelsLikeAutoNames = false
  var blocks: [String: BlockDecl] = [:]
  /// Each parameter's evaluated range or set (`Interval.bounds`), for checking variants.
  var acceptedValues: [String: [Double]] = [:]
  /// The parameters' values: the `def`s' globals, held once and changed in place (a copy of
  /// every value at each of 45,000 `param` lines took 7.5 s).
  var parameterValues: [String: Double] {
    get { definitions.globals }
    _modify { yield &definitions.globals }
  }
  /// The spec's `def`s, which every expression may call.
  var definitions = Evaluator.Definitions() {
    didSet { functionResults = FunctionResults() }
  }
  /// What the `def`s gave, for these parameters and `def`s.
  var functionResults = FunctionResults()
  var passes = 0
  /// Block calls so far, against `Limit.blockCallsInAll`.
  var calls = 0
  /// Layers named by a label so far, against `Limit.namedLayers`.
  var namedLayers = 0
  /// Layers made afresh so far by a pass over a step already made, its values new (not taken
  /// from a pass before), against `Limit.freshLayers`.
  var freshLayers = 0
  /// Steps since the first error, against `Limit.stepsAfterError`.
  var stepsAfterError = 0
  /// The bytes of every layer name so far, against `Limit.nameCharacters`.
  var nameCharacters = 0
  /// The inputs every layer so far reads, against `Limit.layerInputs`.
  var layerInputs = 0
  /// Names whose declarations failed to parse (`SpecFile.failedNames`): not reported again.
  var poisoned: Set<String> = []
  /// Whether layers nobody named get `kind_n` names; a sweep, which shows no rows, skips it.
  var autoNames = true

  /// What a statement sees: the names bound around it, the prefix for its layers' names, and the
  /// block calls it is inside.
  struct Scope {
    var bindings: Bindings
    var prefix: String?
    /// The prefix's `nameCounters` slot.
    var counters = 0
    var calls: [Call] = []
    /// Where the enclosing calls were made, innermost first: shared by every layer they make.
    var callSites: [SourceRange] = []
    /// Inside `training { … }`: the layers made run only in training.
    var trainingOnly = false
  }

  struct Call {
    var name: String
    var range: SourceRange
  }

  package static func resolve(
    _ spec: SpecFile, overrides: [String: Double], fallbackName: String, variant: String? = nil,
    figures: Bool = true, names: Bool = true, reusing: [Layer]? = nil
  )
    -> (network: Network?, diagnostics: [Diagnostic], parameterErrors: [ParameterError])
  {
    var resolver = Resolver()
    resolver.autoNames = names
    resolver.poisoned = spec.failedNames
    resolver.failedNames = spec.failedNames
    let network = resolver.resolve(
      spec, overrides: overrides, fallbackName: fallbackName, variant: variant,
      figures: figures, reusing: reusing)
    return (network, resolver.diagnostics, resolver.parameterErrors)
  }

  /// Records a diagnostic, once per place: a mistake inside a loop or a block called many times is
  /// reported at its first pass only, however its message varies from pass to pass.
  mutating func report(_ diagnostic: Diagnostic) {
    guard reportedAt.insert(diagnostic.range).inserted else { return }
    diagnostics.append(diagnostic)
  }

  /// Takes back what was reported after the first `count` diagnostics, as if it never was.
  mutating func forgetDiagnostics(after count: Int) {
    for diagnostic in diagnostics[count...] { reportedAt.remove(diagnostic.range) }
    diagnostics.removeSubrange(count...)
  }

  /// Whether something was reported at `range` already: then work for a second report (a "did
  /// you mean" over a million names) is not done.
  func isReported(_ range: SourceRange) -> Bool { reportedAt.contains(range) }

  /// One step of work for the statement at `range`; past `Limit.steps` expansion stops.
  /// Once the spec has an error it will not be analysed, and expansion goes on only to find
  /// other errors: for `Limit.stepsAfterError` more steps, then it stops, so a loop of a million
  /// passes that fails in each does not run them all.
  mutating func spend(at range: SourceRange) throws(Stop) {
    if !diagnostics.isEmpty {
      stepsAfterError += 1
      if stepsAfterError > Limit.stepsAfterError.value { throw Stop() }
    }
    do throws(Parser.Failure) {
      try budget.spend(at: range)
    } catch {
      if !budget.reported { report(error.diagnostic) }
      budget.reported = true
      throw Stop()
    }
  }

  /// `reusing` gives the layers of the same spec resolved with the same values of every name that
  /// shapes layers (`SpecFile.namesShapingLayers`): parameters are bound and checked and the
  /// input evaluated anew, and the layers are taken as they are.
  private mutating func resolve(
    _ spec: SpecFile, overrides: [String: Double], fallbackName: String, variant: String?,
    figures: Bool, reusing: [Layer]?
  ) -> Network? {
    var headers: [String: Located<String>] = [:]
    var inputStatement: (dims: [Expr], range: SourceRange)?
    var declarations: [ParameterDecl] = []
    var publications: [PublishedDecl] = []
    var figureCount = 0
    var variants: [VariantDecl] = []
    var variantNames: [String: SourceRange] = [:]
    for statement in spec.statements {
      switch statement {
      case .header(let key, let value):
        if key.value == "network" && value.value.utf8.count > Limit.repeatedText.value {
          report(.overLimit(.repeatedText, at: value.range))
        }
        if let first = headers[key.value] {
          report(.duplicateHeader(key, first: first.range))
        } else {
          headers[key.value] = value
        }
      case .parameter(let declaration): declarations.append(declaration)
      case .input(let dims, let range):
        if let first = inputStatement {
          report(.duplicateInput(at: range, first: first.range))
        } else {
          inputStatement = (dims, range)
        }
      case .block(let block):
        if let first = blocks[block.name.value] {
          report(.duplicateBlock(block.name, first: first.name.range))
        } else {
          blocks[block.name.value] = block
        }
      case .published(let publication):
        if publication.source.value.utf8.count > Limit.repeatedText.value {
          report(.overLimit(.repeatedText, at: publication.source.range))
        }
        // Located at the figure past the limit.
        let past = Limit.publishedFigures.value - figureCount
        if past >= 0 && past < publication.figures.count {
          report(.overLimit(.publishedFigures, at: publication.figures[past].range))
        }
        figureCount += publication.figures.count
        publications.append(publication)
      case .variant(let declaration):
        if let first = variantNames[declaration.name.value] {
          report(.duplicateVariant(declaration.name, first: first))
        } else {
          variantNames[declaration.name.value] = declaration.name.range
          variants.append(declaration)
        }
      case .function(let function):
        if Evaluator.functions[function.name.value] != nil {
          report(.builtinFunctionRedefined(function.name))
        } else if let first = definitions.functions[function.name.value] {
          report(.duplicateFunction(function.name, first: first.name.range))
        } else {
          definitions.functions[function.name.value] = function
        }
      case .loop, .chain, .conditional, .training: break
      }
    }
    let chosen = variants.first { $0.name.value == variant }
    let name = chosen?.name.value ?? headers["network"]?.value ?? fallbackName
    // Every variant is checked with the full resolution; a sweep's many need the chosen one's.
    let checked = figures ? variants : chosen.map { [$0] } ?? []
    let settings = evaluate(checked, declarations: declarations)
    let presets = settings.first { $0.variant == chosen?.name.value }?.settings ?? [:]
    let parameters = bindParameters(
      declarations, presets: presets, overrides: overrides, network: name)
    checkRanges(settings, declarations: declarations)
    let published = figures ? publications.flatMap { resolve($0) } : []
    let scope = Scope(bindings: Bindings(globals: parameterValues))
    var input: Shape?
    if let statement = inputStatement {
      let dims = statement.dims.compactMap { positiveDimension($0, scope) }
      if dims.count == statement.dims.count {
        input = dims.count == 3 ? Shape(dims[0], dims[1], dims[2]) : Shape(dims: dims)
      }
    } else if spec.statements.isEmpty && !spec.isIncomplete {
      report(.emptySpec(at: spec.startRange))
      return nil
    } else if !poisoned.contains("input") {
      report(.missingInput(at: spec.startRange))
    }
    if let reusing {
      layers = reusing
    } else {
      for statement in spec.statements { checkPlacement(statement, topLevel: true) }
      // A spec that will make too many layers is refused as if before making any of them; the
      // estimate is made once there are many, or the expansion failed (`refusedByEstimate`).
      layerEstimate = LayerEstimate(
        statements: spec.statements, bindings: scope.bindings, diagnostics: diagnostics.count)
      do {
        _ = try expand(spec.statements, from: .network, in: scope)
      } catch {
        _ = refusedByEstimate()
        return nil
      }
      if diagnostics.hasErrors && refusedByEstimate() { return nil }
    }
    if layers.isEmpty && !diagnostics.hasErrors && !spec.isIncomplete {
      report(.noLayers(at: spec.startRange))
    }
    guard let input, !diagnostics.hasErrors, parameterErrors.isEmpty else { return nil }
    var network = Network(
      name: name, title: chosen?.title?.value ?? headers["title"]?.value,
      source: headers["source"]?.value,
      parameters: parameters, input: input, layers: layers, published: published,
      library: chosen?.library?.value ?? headers["library"]?.value)
    network.freshLayers = freshLayers
    return network
  }

  /// Evaluates defaults in order (a default may use earlier parameters), replaced by a variant's
  /// `presets`, then applies overrides.
  private mutating func bindParameters(
    _ declarations: [ParameterDecl], presets: [String: (value: Double, range: SourceRange)],
    overrides: [String: Double], network: String
  ) -> [Network.Parameter] {
    var result: [Network.Parameter] = []
    // Where each name was first declared, found by a lookup: a scan of the declarations for
    // each duplicate took 22 G instructions for a fuzzed spec of 35,000 (2.6 s).
    var firstDeclared: [String: SourceRange] = [:]
    for declaration in declarations {
      let name = declaration.name.value
      // A name is declared once it is bound: a second declaration after a first whose default
      // failed binds in its place, as it always has.
      if let first = firstDeclared[name] {
        report(.duplicateParameter(declaration.name, first: first))
        continue
      }
      // The values the default and the range see, gone before this one is added: a copy
      // still held would make the addition copy them all.
      let evaluated: (Double, [Double]?)? = {
        let scope = Scope(bindings: Bindings(globals: parameterValues))
        guard let value = number(declaration.defaultValue, scope) else { return nil }
        guard let accepted = declaration.interval else { return (value, nil) }
        let bounds = accepted.bounds.compactMap { number($0, scope) }
        return bounds.count == accepted.bounds.count ? (value, bounds) : nil
      }()
      guard let (declared, interval) = evaluated else { continue }
      let defaultRange = presets[name]?.range ?? declaration.defaultValue.range
      let defaultValue = presets[name]?.value ?? declared
      if let accepted = declaration.interval, let bounds = interval {
        acceptedValues[name] = bounds
        // A variant's value is checked with every variant's (`checkRanges`).
        if presets[name] == nil, !accepted.contains(defaultValue, bounds) {
          report(.defaultOutOfRange(name, defaultValue, accepted.text(bounds), at: defaultRange))
        }
      }
      if presets[name] == nil, declaration.wholeNumber, defaultValue != defaultValue.rounded() {
        report(.notWhole(name, defaultValue, at: defaultRange))
      }
      var value = defaultValue
      if let given = overrides[name] {
        value = given
        if declaration.wholeNumber && given != given.rounded() {
          parameterErrors.append(.notWhole(name: name, value: given))
        } else if let accepted = declaration.interval, let bounds = interval,
          !accepted.contains(given, bounds)
        {
          parameterErrors.append(
            .outOfRange(name: name, value: given, interval: accepted.text(bounds)))
        }
      }
      parameterValues[name] = value
      firstDeclared[name] = declaration.name.range
      result.append(
        Network.Parameter(
          name: name, value: value, defaultValue: defaultValue, doc: declaration.doc,
          interval: interval.flatMap { declaration.interval?.text($0) },
          domain: interval.flatMap { declaration.interval?.domain($0) },
          wholeNumber: declaration.wholeNumber))
    }
    let known = declarations.map(\.name.value)
    for name in overrides.keys.sorted() where !known.contains(name) {
      parameterErrors.append(.unknown(name: name, network: network, known: known))
    }
    return result
  }

  // MARK: Evaluation helpers

  mutating func number(_ expr: Expr, _ scope: Scope) -> Double? {
    do {
      return try Evaluator(
        bindings: scope.bindings, definitions: definitions, budget: budget,
        results: functionResults
      )
      .evaluate(expr)
    } catch {
      if budget.isExhausted {
        // Reported once; the next statement stops the expansion.
        if !budget.reported { report(error.diagnostic) }
        budget.reported = true
        return nil
      }
      // A name whose declaration failed to parse was reported there.
      if let name = error.unknownName, poisoned.contains(name) { return nil }
      report(error.diagnostic)
      return nil
    }
  }

  /// A whole number ≥ `minimum` (for `input`, loop counts and key values). `what` names it in
  /// a message, made only then: every key of every layer is read through here.
  mutating func integer(
    _ expr: Expr, _ scope: Scope, what: @autoclosure () -> String, minimum: Int
  ) -> Int? {
    guard let value = number(expr, scope) else { return nil }
    guard value == value.rounded() else {
      report(.notWholeValue(what(), value, at: expr.range))
      return nil
    }
    guard value >= Double(minimum) else {
      report(
        .valueBelowMinimum(
          what(), value, minimum: minimum, at: expr.range,
          bindings: scope.bindings.used(by: expr)))
      return nil
    }
    return Int(value)
  }

  private mutating func positiveDimension(_ expr: Expr, _ scope: Scope) -> Int? {
    integer(expr, scope, what: "input size", minimum: 1)
  }
}

extension SpecFile {
  /// Where file-level problems (no input, no layers) are reported: the first line.
  var startRange: SourceRange { .start }
}
