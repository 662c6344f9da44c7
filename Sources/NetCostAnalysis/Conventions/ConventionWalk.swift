import NetCostCore

/// The conventions' rules applied layer by layer, for one convention or several at once: each
/// layer's terms and MACs under each, and the running totals. A rule's term is a function of
/// what it sees (`ConventionLayer`) alone, so a layer the same as one evaluated before (a
/// loop's passes, a block's repeats) takes the terms kept with that evaluation
/// (`RecentEvaluations.conventionTerms`) instead of calling every rule again: a million layers
/// under thirteen conventions are not sixty million calls (issue 25), and a million that
/// differ are not hashed a million times for a cache they miss.
struct ConventionWalk {
  typealias Terms = [(rule: Int, value: Int)]

  let rules: [[ConventionRule]]
  /// The rules' functions alone, walked for every layer without copying each rule's texts.
  private let functions: [[@Sendable (ConventionLayer) throws(LayerError) -> Int?]]
  /// Whether any convention has rules: without, no layer needs to be shown to them.
  let hasRules: Bool
  /// This layer's terms under each convention, by the index of their rule.
  private(set) var layerTerms: [Terms]
  /// This layer's MACs under each convention.
  private(set) var layerMACs: [Int]
  /// Each convention's MACs so far, and each of its rules' terms so far.
  private(set) var macs: [Int]
  private(set) var ruleTotals: [[Int]]
  private var checkedMACs: [Int]
  private let noTerms: [Terms]

  init(_ conventions: [Convention]) {
    rules = conventions.map(\.rules)
    functions = rules.map { $0.map(\.term) }
    hasRules = rules.contains { !$0.isEmpty }
    noTerms = Array(repeating: [], count: conventions.count)
    layerTerms = noTerms
    layerMACs = Array(repeating: 0, count: conventions.count)
    macs = layerMACs
    checkedMACs = layerMACs
    ruleTotals = rules.map { Array(repeating: 0, count: $0.count) }
  }

  /// Each convention's terms for `layer`, by rule: the rules' terms that are not 0.
  func terms(of layer: ConventionLayer) throws(LayerError) -> [Terms] {
    var terms = noTerms
    for c in functions.indices {
      for (i, term) in functions[c].enumerated() {
        guard let value = try term(layer), value != 0 else { continue }
        terms[c].append((i, value))
      }
    }
    return terms
  }

  /// The terms (`terms(of:)`) and MACs of a layer whose papers' MACs are `paperMACs`; nil
  /// terms for a layer the rules do not count (one of `training { … }`).
  mutating func count(_ terms: [Terms]?, paperMACs: Int) throws(LayerError) {
    layerTerms = terms ?? noTerms
    for c in layerTerms.indices {
      var total = paperMACs
      for term in layerTerms[c] { total = try sum(total, term.value) }
      layerMACs[c] = total
    }
  }

  /// Throws if this layer's figures do not fit in the totals; keeps nothing.
  mutating func check() throws(LayerError) {
    for c in layerTerms.indices {
      checkedMACs[c] = try sum(macs[c], layerMACs[c])
      for term in layerTerms[c] { _ = try sum(ruleTotals[c][term.rule], term.value) }
    }
  }

  /// Adds this layer's figures to the totals, after `check()`.
  mutating func keep() {
    swap(&macs, &checkedMACs)
    for c in layerTerms.indices {
      for term in layerTerms[c] { ruleTotals[c][term.rule] += term.value }
    }
  }

  /// Convention `c`'s terms over the whole network, in rule order.
  func totals(_ c: Int) -> [ConventionTerm] {
    zip(rules[c], ruleTotals[c]).map { ConventionTerm(rule: $0.name, value: $1) }
  }
}
