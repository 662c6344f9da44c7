import NetCostCore

/// Layer names: how a label becomes a name, how a reference finds its layer, and the
/// automatic names of unlabelled layers.
extension Resolver {
  /// A layer named by `expr`: inside a labelled block call, the block's own names come first.
  mutating func reference(_ expr: Expr, _ scope: Scope) -> Layer.Input? {
    let name: String
    switch expr.kind {
    case .name(let n), .string(let n): name = n
    default:
      report(.expectedLayerName(at: expr.range))
      return nil
    }
    if name == "input" { return .network }
    var prefix = scope.prefix
    while let p = prefix {
      if let found = names[NameText.scoped(p, name)] { return .layer(found.index) }
      prefix = p.lastIndex(of: "/").map { String(p[..<$0]) }
    }
    if let found = names[name] { return .layer(found.index) }
    if !failedNames.contains(name) && !isReported(expr.range) {
      report(
        .unknownLayer(
          name, at: expr.range,
          suggestion: budget.suggestion(for: name, in: names.keys)))
    }
    return nil
  }

  /// Fills in a label's `{variable}` parts and adds the block call's prefix.
  /// Refuses a name over `Limit.nameLength` before it is built, and the name `input`, which
  /// means the network's input wherever a layer is referred to.
  mutating func interpolate(_ label: Label, _ scope: Scope) -> String? {
    // UTF-8 lengths, which a string knows without counting: a label is checked in constant time.
    // A variable's value is at least a byte: a label of 300,000 `{i}` is refused before any
    // is filled in (each pass of a loop made a name of a megabyte, issue 25).
    let prefixLength = scope.prefix.map { $0.utf8.count + 1 } ?? 0
    guard prefixLength + label.leastLength <= Limit.nameLength.value else {
      report(.overLimit(.nameLength, at: label.range))
      return nil
    }
    if label.parts == [.text("input")] {
      report(.reservedLayerName(at: label.range))
      return nil
    }
    var text = ""
    if label.parts.count == 1, case .text(let t) = label.parts[0] {
      text = t  // Most labels: the string the parser made, not a copy.
    } else {
      for part in label.parts {
        switch part {
        case .text(let t): text += t
        case .variable(let v):
          guard let value = scope.bindings[v] else {
            if poisoned.contains(v) || isReported(label.range) { return nil }
            report(
              .unknownName(
                v, at: label.range,
                suggestion: budget.suggestion(for: v, in: scope.bindings.keys)))
            return nil
          }
          text += value.shortDescription
        }
      }
      // The values filled in count too.
      guard prefixLength + text.utf8.count <= Limit.nameLength.value else {
        report(.overLimit(.nameLength, at: label.range))
        return nil
      }
    }
    if !labelsLikeAutoNames && Self.endsLikeAutoName(text) { labelsLikeAutoNames = true }
    return NameText.scoped(scope.prefix, text)
  }

  /// `kind_12` (after any `/`): a label an automatic name could equal. ViT's
  /// `encoder_layer_12` is not one.
  private static func endsLikeAutoName(_ text: String) -> Bool {
    let bytes = text.utf8
    let digits = bytes.reversed().prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    let stem = bytes.dropLast(digits.count)
    guard !digits.isEmpty, stem.last == UInt8(ascii: "_") else { return false }
    let kind = stem.dropLast().reversed().prefix { $0 != UInt8(ascii: "/") }.reversed()
    return LayerKind(rawValue: String(decoding: kind, as: UTF8.self)) != nil
  }

  /// A layer the spec did not name gets `kind_n`, numbered per kind like Keras's `conv2d_3`;
  /// inside a labelled block call the numbers count within the call (`res2/add_1`).
  mutating func autoName(_ kind: LayerKind, _ scope: Scope) -> String {
    var name: String
    // A name a label took is skipped; where no label looks like `kind_n` (ViT's, a loop of a
    // million), none is looked up.
    repeat {
      let number = nameCounters.next(kind, in: scope.counters)
      name = NameText.numbered(scope.prefix, kind.rawValue, number)
    } while labelsLikeAutoNames && names[name] != nil
    return name
  }

  /// The `nameCounters` slot of a labelled call's prefix; a prefix met again (a label given
  /// twice, reported as a duplicate) counts on where it stopped.
  mutating func counterSlot(of prefix: String) -> Int {
    if let slot = counterSlots[prefix] { return slot }
    let slot = nameCounters.addSlot()
    counterSlots[prefix] = slot
    return slot
  }

  /// One hash of the name when it is new, the common case: a loop can name a million layers.
  mutating func register(_ name: String, index: Int, at range: SourceRange) {
    let entry = NameEntry(index: index, range: range)
    if let first = names.updateValue(entry, forKey: name) {
      names[name] = first
      if first.index != index {
        report(.duplicateLayer(name, at: range, first: first.range))
      }
      return
    }
    if !failedDeclarations.isEmpty, let first = failedDeclarations[name], first != range {
      report(.duplicateLayer(name, at: range, first: first))
    }
  }

  /// Remembers that a labelled layer failed, so references to it are not reported as unknown.
  mutating func failLabel(_ label: Label?, _ scope: Scope) {
    guard let label else { return }
    let text = label.parts.map {
      switch $0 {
      case .text(let t): t
      case .variable(let v): scope.bindings[v]?.shortDescription ?? v
      }
    }.joined()
    let name = NameText.scoped(scope.prefix, text)
    failedNames.insert(text)
    failedNames.insert(name)
    // The name is still taken: a second layer of that name is a duplicate, reported with the
    // first one's other error (independent errors are reported together).
    if let first = names[name]?.range ?? failedDeclarations[name], first != label.range {
      report(.duplicateLayer(name, at: label.range, first: first))
    } else if failedDeclarations[name] == nil {
      failedDeclarations[name] = label.range
    }
  }
}
