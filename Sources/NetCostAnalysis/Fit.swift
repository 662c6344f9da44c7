import NetCostCore

/// The largest value of a parameter, or the Pareto frontier of two, whose figures fit within
/// limits (`netcost fit`): a search over the values the spec declares, each candidate analysed
/// exactly. It assumes a figure does not shrink as a parameter grows (true of width multipliers,
/// resolutions, depths), so each search is a bisection; the answer and the step beyond it are
/// analysed and shown, so the boundary can be seen.
public struct Fit: Sendable {
  /// A figure a budget bounds.
  public enum Figure: String, CaseIterable, Sendable {
    case macs
    case params
    case peakMemory = "peak-memory"
    case trainingMemory = "training-memory"

    /// Its value in an analysis made with the memory the query asks for.
    public func value(_ analysis: Analysis) -> Int? {
      switch self {
      case .macs: analysis.totals.macs
      case .params: analysis.totals.params
      case .peakMemory: analysis.memory?.peakBytes
      case .trainingMemory: analysis.memory?.training?.total
      }
    }

    /// Whether it is a byte count (written `2MB`) rather than a count (`300M`).
    public var isBytes: Bool { self == .peakMemory || self == .trainingMemory }
  }

  public struct Limit: Hashable, Sendable {
    public var figure: Figure
    public var maximum: Int

    public init(_ figure: Figure, _ maximum: Int) {
      self.figure = figure
      self.maximum = maximum
    }
  }

  /// One analysed point: whether it fits, and which limits it passes if not.
  public struct Point: Sendable {
    public var analysis: Analysis
    public var exceeded: [Figure]
    public var fits: Bool { exceeded.isEmpty }

    init(analysis: Analysis, limits: [Limit]) {
      self.analysis = analysis
      exceeded = limits.filter { limit in
        guard let value = limit.figure.value(analysis) else { return true }
        return value > limit.maximum
      }.map(\.figure)
    }
  }

  /// A parameter searched over, with the values it may take in ascending order.
  public struct Axis: Sendable {
    public var name: String
    public var values: [Double]
    /// The value the network is known to build at (its own: an ONNX export that fixes its size
    /// builds there alone), probed before any larger one.
    public var known: Double?

    public init(name: String, values: [Double], known: Double? = nil) {
      self.name = name
      self.values = values
      self.known = known
    }
  }

  public var network: String
  public var title: String?
  public var axes: [Axis]
  public var limits: [Limit]
  public var memory: MemorySettings
  /// One axis: the largest value that fits (nil when none does) and the step beyond it (nil at
  /// the last value), or the smallest value when none fits.
  public var chosen: Point?
  public var next: Point?
  /// Two axes: the Pareto frontier, the fitting points no other fitting point beats on both
  /// parameters, in ascending order of the axis with fewer values.
  public var frontier: [Point] = []
  /// One axis: a point that fits at a larger value than the answer, or than a smallest value
  /// that does not: the figures do not grow with the parameter (ViT's patch shrinks its MACs),
  /// so a bisection's answer is not the largest that fits, and none is given.
  public var notGrowing: (smaller: Point, larger: Point)?
  /// The search stopped looking for a value that builds at its budget (`analyses`): no answer.
  public var overBudget = false
}

extension Fit {
  /// Searches `axes` (one or two) of `network` (resolved with the other parameters' values).
  /// `analyze` gives the totals-only analysis at a point, or nil when the network cannot be built
  /// there (such a point does not fit).
  /// `scanned`: at most this many values are tried one by one for the first that builds (up
  /// to the parameter's own value, whatever it is) and for the last (at least one); the caller
  /// bounds them by its budget's work left.
  public static func search(
    _ network: String, title: String?, axes: [Axis], limits: [Limit], memory: MemorySettings,
    scanned: Int = Fit.scannedOneByOne, analyses: Int = .max,
    analyze: ([String: Double]) -> Analysis?
  ) -> Fit {
    var fit = Fit(network: network, title: title, axes: axes, limits: limits, memory: memory)
    (fit.chosen, fit.next, fit.frontier, fit.notGrowing) = answer(
      axes: axes, limits: limits, scanned: min(Fit.scannedOneByOne, max(1, scanned)),
      analyses: analyses, overBudget: &fit.overBudget, analyze: analyze)
    if fit.overBudget { (fit.chosen, fit.next, fit.frontier, fit.notGrowing) = (nil, nil, [], nil) }
    return fit
  }

  /// `analyses`: the most the search may make; looking for a value that builds stops there,
  /// with `overBudget` (a network of 100,000 layers that builds only from its parameter's own
  /// value, a thousand values up its range, took 38 s).
  private static func answer(
    axes: [Axis], limits: [Limit], scanned: Int, analyses: Int, overBudget: inout Bool,
    analyze: ([String: Double]) -> Analysis?
  ) -> (chosen: Point?, next: Point?, frontier: [Point], notGrowing: (Point, Point)?) {
    var made = 0
    func point(_ values: [String: Double]) -> Point? {
      made += 1
      return analyze(values).map { Point(analysis: $0, limits: limits) }
    }
    /// The first index of `values` whose point can be built, and its point, each value tried in
    /// turn: a network may build at some values alone (ShuffleNet v1's scale at multiples of
    /// 0.05), which no bisection finds. Past the first `scannedOneByOne`, only up to the
    /// parameter's own value, at which the network was built (an ONNX export that fixes its
    /// size builds there alone): a spec that builds at no value of 100,000 was analysed 100,000
    /// times (an adversarial review).
    func firstBuilt(
      _ axis: Axis, _ at: (Double) -> [String: Double]
    ) -> (index: Int, point: Point)? {
      let values = axis.values
      let known = axis.known.flatMap { values.firstIndex(of: $0) } ?? 0
      let last = min(values.count, max(scanned, known + 1))
      for index in 0..<last {
        guard made < analyses else {
          overBudget = true
          return nil
        }
        if let p = point(at(values[index])) { return (index, p) }
      }
      return nil
    }

    /// The largest index of `values` whose point fits, with the points there and one beyond; the
    /// first point that can be built when none fits.
    func largest(
      _ axis: Axis, _ at: (Double) -> [String: Double]
    ) -> (index: Int?, fitting: Point?, beyond: Point?, first: Int?) {
      let values = axis.values
      // Points that cannot be built (a width that rounds to no channels) come first, if at all.
      guard let (low, first) = firstBuilt(axis, at) else { return (nil, nil, nil, nil) }
      guard first.fits else { return (nil, nil, first, low) }
      var high = values.count - 1
      var best = (index: low, point: first)
      var beyond: Point? = nil
      // Invariant: values[best.index] fits; everything past `high` does not.
      while best.index < high {
        let middle = best.index + (high - best.index + 1) / 2
        if let p = point(at(values[middle])), p.fits {
          best = (middle, p)
        } else {
          high = middle - 1
        }
      }
      if best.index + 1 < values.count { beyond = point(at(values[best.index + 1])) }
      return (best.index, best.point, beyond, low)
    }

    guard let inner = axes.first else { return (nil, nil, [], nil) }
    guard axes.count == 2 else {
      let (index, fitting, beyond, first) = largest(inner) { [inner.name: $0] }
      // The bisection assumes the figures grow with the parameter (a review of issue 25: `fit
      // vit_b_16 --vary patch` said nothing fits; patch 32 does). The point past the answer, or
      // the first when none fits, does not fit; the last value that builds (looked for from
      // the end as the first is from the start: a patch builds only where it divides the
      // image) fitting beside it shows the figures shrinking, and the answer wrong.
      if let answered = index ?? first, let below = beyond, !below.fits {
        let values = inner.values
        var k = values.count - 1
        var end: Point? = nil
        while k > answered + 1, values.count - k <= scanned, end == nil, made < analyses {
          end = point([inner.name: values[k]])
          k -= 1
        }
        if let end, end.fits { return (nil, nil, [], (below, end)) }
      }
      return (fitting ?? beyond, fitting == nil ? nil : beyond, [], nil)
    }
    // The frontier: for each value of the axis with fewer values, the largest of the other that
    // fits, by bisection; as the first grows that shrinks, so a point survives only when the next
    // one's is smaller. Past a value where nothing fits, nothing larger can.
    let (outer, searched) =
      axes[1].values.count <= inner.values.count
      ? (axes[1], inner) : (inner, axes[1])
    var found: [(index: Int, point: Point)] = []
    for value in outer.values {
      let (index, fitting, first, _) = largest(searched) {
        [searched.name: $0, outer.name: value]
      }
      guard let index, let fitting else {
        if first == nil { continue }  // nothing can be built here (too narrow): go on
        break
      }
      if let last = found.last, last.index == index { found.removeLast() }
      found.append((index, fitting))
    }
    return (nil, nil, found.map(\.point), nil)
  }

  /// The values a parameter may take: a set's members, or a range's from its lower end by `step`
  /// (1 for a whole-number parameter, 0.01 otherwise); nil for a parameter without a domain, or
  /// when there would be more than `maximumValues`.
  public static func values(
    of parameter: Network.Parameter, step given: Double?
  ) -> [Double]? {
    switch parameter.domain {
    case .set(let members): return members
    case .range(let lower, let lowerClosed, let upper, let upperClosed):
      let step = given ?? (parameter.wholeNumber ? 1 : 0.01)
      guard step > 0, step.isFinite, lower.isFinite, upper.isFinite else { return nil }
      let count = ((upper - lower) / step).rounded(.down)
      guard count.isFinite, count < Double(maximumValues) else { return nil }
      // Whole steps from the lower end, rounded to the step's decimals so 0.7 stays 0.7.
      let scale = 1e9
      var values: [Double] = []
      for k in 0...Int(count) {
        let value = ((lower + Double(k) * step) * scale).rounded() / scale
        if value == lower && !lowerClosed { continue }
        if value > upper || (value == upper && !upperClosed) { continue }
        values.append(value)
      }
      return values
    case nil: return nil
    }
  }

  /// The most analyses a search over `axes` makes: a bisection's steps, the unbuildable points
  /// it may pass at the low end aside, plus the answer's neighbour; for two axes, one bisection
  /// per value of the axis with fewer values.
  public static func analysesAtMost(_ axes: [Axis]) -> Int {
    func bisection(_ count: Int) -> Int {
      var steps = 2
      var n = count
      while n > 1 {
        n = (n + 1) / 2
        steps += 1
      }
      return steps
    }
    // The first point that builds is nearly always among the first few, and is not counted.
    let counts = axes.map(\.values.count).sorted()
    guard let smallest = counts.first, let largest = counts.last else { return 0 }
    // One axis: and its last value, which checks that the figures grow with it.
    return axes.count == 2 ? smallest * bisection(largest) : bisection(largest) + 1
  }

  /// Values tried one by one for the first point that builds, beyond which only those up to the
  /// parameter's own value are.
  public static let scannedOneByOne = 1000

  /// Values a searched parameter may take at most: a bisection needs some twenty analyses of
  /// them, a frontier that many per value of its second parameter.
  public static let maximumValues = 100_000
}
