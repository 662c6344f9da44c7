import NetCostCore

/// A parameter's declared interval read with its bounds evaluated: the resolver checks values
/// and variants against it, and `fit` searches it.
extension Interval {
  /// Whether `value` is accepted, given the evaluated `bounds` (the set's members, or the range's
  /// lower and upper bound).
  func contains(_ value: Double, _ bounds: [Double]) -> Bool {
    if isSet { return bounds.contains(value) }
    guard let lower = bounds.first, let upper = bounds.last else { return false }
    return (lowerClosed ? value >= lower : value > lower)
      && (upperClosed ? value <= upper : value < upper)
  }

  /// The interval with evaluated bounds, as numbers.
  func domain(_ bounds: [Double]) -> Network.Domain? {
    if isSet { return .set(bounds.sorted()) }
    guard let lower = bounds.first, let upper = bounds.last else { return nil }
    return .range(lower: lower, lowerClosed: lowerClosed, upper: upper, upperClosed: upperClosed)
  }

  /// The interval as the spec writes it, with evaluated bounds: `(0, 1]`, `{11, 13, 16, 19}`.
  func text(_ bounds: [Double]) -> String {
    func joined(_ values: ArraySlice<Double>) -> String {
      values.map(\.shortDescription).joined(separator: ", ")
    }
    // A long set is shown by its ends: a message stays a line.
    let list =
      isSet && bounds.count > 8
      ? joined(bounds.prefix(3)) + ", …, " + joined(bounds.suffix(1))
        + " (\(bounds.count) values)"
      : joined(bounds[...])
    if isSet { return "{" + list + "}" }
    return (lowerClosed ? "[" : "(") + list + (upperClosed ? "]" : ")")
  }
}
