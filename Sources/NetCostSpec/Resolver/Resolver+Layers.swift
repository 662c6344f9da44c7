import NetCostCore

/// Building one layer: its name, its keys checked against `LayerKind`, its inputs.
extension Resolver {
  /// A key's evaluated value.
  enum Value {
    case integer(Int)
    case extent(Extent)
    case boolean(Bool)
    case number(Double)
    case padding(Padding)
    case layer(Layer.Input)
    case layers([Layer.Input])
    case torchCall(TorchCall)
    case integers([Int])
    case reduction(Reduction.Mode)
  }

  /// A layer's key values, one slot per key of its kind in schema order. Inline slots, not
  /// arrays or dictionaries: a layer has at most ten keys, and a sweep makes millions of layers.
  struct KeyValues {
    let keys: [LayerKind.Key]
    var values = Slots<Value>()
    var given = Slots<SourceRange>()

    init(_ keys: [LayerKind.Key]) {
      precondition(keys.count <= Slots<Value>.count, "a layer kind has at most ten keys")
      self.keys = keys
    }

    /// The key's slot. Names of one length are compared whole: a failed `==` of two strings
    /// costs some eighty instructions, and a fresh layer looks up a dozen keys.
    func index(_ name: String) -> Int? {
      let count = name.utf8.count
      return keys.firstIndex { $0.name.utf8.count == count && $0.name == name }
    }
    subscript(_ name: String) -> Value? { index(name).flatMap { values[$0] } }
    /// Whether the spec gave the key.
    func isGiven(_ name: String) -> Bool { index(name).map(given.isFilled) ?? false }
  }

  /// Ten optional values stored in place, with which are filled: asking whether a slot is
  /// empty does not copy its value out.
  struct Slots<Element> {
    static var count: Int { 10 }
    private var slots = InlineArray<10, Element?>(repeating: nil)
    private var filled: UInt16 = 0

    init() {}

    subscript(_ i: Int) -> Element? {
      get { slots[i] }
      set {
        slots[i] = newValue
        if newValue == nil { filled &= ~(1 << i) } else { filled |= 1 << i }
      }
    }

    func isFilled(_ i: Int) -> Bool { filled & (1 << i) != 0 }
  }

  /// A layer's evaluated values: what it reads, its operation, and its keys that are not the
  /// operation's.
  struct Made {
    var inputs: LayerInputs
    var operation: Operation
    var torchCall: TorchCall?
    var learned: Shape?
    var inPlace: Bool?
  }

  mutating func addLayer(
    _ kind: LayerKind, _ step: Step, _ arguments: [Argument],
    branches: [Layer.Input]?, from previous: Layer.Input, in scope: Scope
  ) throws(Stop)
    -> Layer.Input
  {
    let made: Made
    if let known = repeated(step, arguments, from: previous, in: scope) {
      made = known
    } else {
      // A step met before (its key plan kept) whose values no kept pass had. A merge of branches
      // is never kept (its branches' layers differ each pass), and made as ever.
      if branches == nil, repeats[step.range] != nil { freshLayers += 1 }
      if freshLayers > Limit.freshLayers.value {
        report(.overLimit(.freshLayers, at: step.range))
        throw Stop()
      }
      let (steps, reported) = (budget.remaining, diagnostics.count)
      guard
        let evaluated = evaluate(
          kind, step, arguments, branches: branches, from: previous, in: scope)
      else {
        failLabel(step.label, scope)
        return previous
      }
      made = evaluated
      remember(
        made, of: step, kind, arguments, branches: branches, in: scope,
        steps: steps - budget.remaining, quietly: reported == diagnostics.count)
    }
    return try add(made, kind, step, arguments, from: previous, in: scope)
  }

  /// The layer's keys evaluated and checked against its kind; nil when any is wrong (reported).
  /// A step met again (a loop's pass whose values change) follows the plan its first pass made:
  /// which keys it gives and how the others default depend on its text alone.
  private mutating func evaluate(
    _ kind: LayerKind, _ step: Step, _ arguments: [Argument],
    branches: [Layer.Input]?, from previous: Layer.Input, in scope: Scope
  ) -> Made? {
    if let plan = repeats[step.range]?.plan, plan.fits(arguments, branches: branches) {
      return evaluate(
        kind, step, arguments, following: plan, branches: branches, from: previous, in: scope)
    }
    var values = KeyValues(kind.keys)
    var plan = KeyPlan(branches: branches != nil)
    var failed = false
    for argument in arguments {
      let keyName = argument.key.value
      guard let i = values.index(keyName) else {
        // Reported once: a loop's later passes make no "did you mean" again (a fuzzed spec of
        // 600 unknown keys in a loop of 5,000 passes took 7 s; issue 25's fuzz run).
        if !isReported(argument.key.range) {
          report(
            .unknownKey(
              argument.key, in: kind,
              suggestion: budget.suggestion(for: keyName, in: values.keys.map(\.name))))
        }
        failed = true
        continue
      }
      if values.given.isFilled(i), let first = values.given[i] {
        report(.duplicateKey(argument.key, first: first))
        failed = true
        continue
      }
      values.given[i] = argument.key.range
      plan.slots.append(i)
      if let value = evaluate(argument.value, as: values.keys[i], in: scope) {
        values.values[i] = value
      } else {
        failed = true
      }
    }
    for (i, key) in values.keys.enumerated()
    where !values.values.isFilled(i) && !values.given.isFilled(i) {
      let fill: KeyPlan.Fill?
      switch key.defaultValue {
      case .required:
        report(.missingKey(key.name, in: kind, at: step.head.range))
        failed = true
        fill = nil
      case .requiredWithout(let other):
        if !values.isGiven(other) {
          report(.missingKey(key.name, in: kind, at: step.head.range))
          failed = true
        }
        fill = nil
      case .absent: fill = nil
      case .integerWithout(let n, let other):
        fill = values.isGiven(other) ? nil : .value(.integer(n))
      case .integer(let n), .integerWith(let n, _): fill = .value(.integer(n))
      case .boolean(let b): fill = .value(.boolean(b))
      case .number(let x): fill = .value(.number(x))
      case .key(let other): fill = values.index(other).map { .copy($0) }
      case .previousLayer: fill = .previous
      case .torchCall(let call): fill = .value(.torchCall(call))
      case .reduction(let mode): fill = .value(.reduction(mode))
      case .branches:
        if branches == nil {
          report(.mergeWithoutInputs(step.head))
          failed = true
        }
        fill = .branches
      }
      if let fill {
        plan.fills.append((i, fill))
        values.fill(i, with: fill, previous: previous, branches: branches)
      }
    }
    // Two ways of saying one thing (a reshape's height and its dims) given together, and a key
    // of one form given without the key that chooses it.
    for (i, key) in values.keys.enumerated() {
      guard values.given.isFilled(i), let range = values.given[i] else { continue }
      switch key.defaultValue {
      case .requiredWithout(let other), .integerWithout(_, let other):
        guard values.isGiven(other) else { continue }
        report(.conflictingKeys(key.name, other, at: range))
        failed = true
      case .integerWith(_, let other):
        guard !values.isGiven(other) else { continue }
        report(.keyNeedsKey(key.name, other, at: range))
        failed = true
      default: continue
      }
    }
    let fromGiven = values.index("from").flatMap { values.given[$0] }
    if kind.isMerge, branches != nil, let fromGiven {
      report(.fromWithBranches(at: fromGiven))
      failed = true
    }
    guard let made = made(kind, step, values, failed: failed) else { return nil }
    repeats[step.range, default: Kept()].plan = plan
    return made
  }

  /// `evaluate` for a step whose first pass made `plan`: the given keys' values into their
  /// slots, the others filled as then. What the plan checked (unknown, duplicate, missing and
  /// conflicting keys) depends on the step's text, not on the values, and is not checked again.
  private mutating func evaluate(
    _ kind: LayerKind, _ step: Step, _ arguments: [Argument], following plan: KeyPlan,
    branches: [Layer.Input]?, from previous: Layer.Input, in scope: Scope
  ) -> Made? {
    var values = KeyValues(kind.keys)
    var failed = false
    for (argument, i) in zip(arguments, plan.slots) {
      if let value = evaluate(argument.value, as: values.keys[i], in: scope) {
        values.values[i] = value
      } else {
        failed = true
      }
    }
    for (i, fill) in plan.fills {
      values.fill(i, with: fill, previous: previous, branches: branches)
    }
    return made(kind, step, values, failed: failed)
  }

  /// The layer's inputs and operation from its checked keys; nil when a key failed, or a merge
  /// has too few inputs (reported).
  private mutating func made(
    _ kind: LayerKind, _ step: Step, _ values: KeyValues, failed: Bool
  ) -> Made? {
    // A merge needs two inputs, or one and a learned tensor (ViT's class token joined).
    if kind.isMerge, case .layers(let inputs)? = values["from"],
      inputs.count + (values["learned"] == nil ? 0 : 1) < 2, !failed
    {
      report(.mergeNeedsTwo(step.head, count: inputs.count))
      return nil
    }
    let inputs: LayerInputs
    switch values["from"] {
    case .layer(let input)? where !failed: inputs = LayerInputs(input)
    case .layers(let many)? where !failed: inputs = LayerInputs(many)
    default: return nil
    }
    var made = Made(inputs: inputs, operation: Self.operation(kind, values))
    if case .torchCall(let call)? = values["torch"] { made.torchCall = call }
    if case .integers(let dims)? = values["learned"] { made.learned = Shape(dims: dims) }
    if case .boolean(let inPlace)? = values["inplace"] { made.inPlace = inPlace }
    return made
  }

  /// The layer `made` added to the network, named and counted against the limits.
  private mutating func add(
    _ made: Made, _ kind: LayerKind, _ step: Step, _ arguments: [Argument],
    from previous: Layer.Input, in scope: Scope
  ) throws(Stop) -> Layer.Input {
    let name: String
    if let label = step.label {
      namedLayers += 1
      if namedLayers > Limit.namedLayers.value {
        report(.overLimit(.namedLayers, at: label.range))
        throw Stop()
      }
      guard let interpolated = interpolate(label, scope) else { return previous }
      name = interpolated
    } else if autoNames {
      name = autoName(kind, scope)
    } else {
      name = ""  // Nobody will read it: a sweep keeps totals only.
    }
    if layerEstimate != nil && layers.count >= Self.layersBeforeEstimate && refusedByEstimate() {
      throw Stop()
    }
    if layers.count >= Limit.layers.value {
      report(.overLimit(.layers, at: step.range))
      throw Stop()
    }
    nameCharacters += name.utf8.count
    if nameCharacters > Limit.nameCharacters.value {
      report(.overLimit(.nameCharacters, at: step.range))
      throw Stop()
    }
    layerInputs += made.inputs.count
    if layerInputs > Limit.layerInputs.value {
      report(.overLimit(.layerInputs, at: step.range))
      throw Stop()
    }
    var operation = made.operation
    // A loop's passes make equal operations: each takes the last layer's, sharing its box (a
    // large operation is boxed), so a million layers do not hold a million boxes. Of the same
    // layout too: a reshape to a map after one to the same dims as a list stays a map.
    if let last = layers.indices.last,
      Operation.sameWithLayout(layers[last].operation, operation)
    {
      operation = layers[last].operation
    }
    layers.append(
      Layer(
        name: name, kind: kind, operation: operation, inputs: made.inputs,
        origin: origin(of: step, arguments, scope), trainingOnly: scope.trainingOnly))
    if let call = made.torchCall { layers[layers.count - 1].torchCall = call }
    if let shape = made.learned { layers[layers.count - 1].learned = [shape] }
    if let inPlace = made.inPlace { layers[layers.count - 1].inPlace = inPlace }
    if let label = step.label { register(name, index: layers.count - 1, at: label.range) }
    return .layer(layers.count - 1)
  }

  /// Where the step was written, the same value for every pass of a loop over it at one chain of
  /// call sites: made once and shared. A statement keeps the last few, one for each chain it was
  /// made at: a block called from two places in turn, a million times, makes two, not a million
  /// (the review of issue 25: 449 MB against 228).
  private static var originsKept: Int { 16 }

  private mutating func origin(
    of step: Step, _ arguments: [Argument], _ scope: Scope
  ) -> Shared<Layer.Origin> {
    // A loop's pass: the last layer's, found without a lookup or a copy out of its box.
    if let last = lastOrigin, last.range == step.range, last.callSites == scope.callSites {
      return last.origin
    }
    let origin: Shared<Layer.Origin>
    if let known = origins[step.range]?.first(where: { $0.callSites == scope.callSites }) {
      origin = known.origin
    } else {
      origin = Shared(
        Layer.Origin(
          range: step.range, headRange: step.head.range,
          arguments: arguments.map {
            Layer.Argument(key: $0.key.value, range: $0.key.range.joined(with: $0.value.range))
          },
          callSites: scope.callSites))
      if origins[step.range, default: []].count >= Self.originsKept {
        origins[step.range]?.removeFirst()
      }
      origins[step.range, default: []].append((scope.callSites, origin))
    }
    lastOrigin = (step.range, scope.callSites, origin)
    return origin
  }
}
