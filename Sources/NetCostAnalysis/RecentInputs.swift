import NetCostCore

/// The rows' arrays of input shapes, shared: a row that reads the shapes one of the last few
/// distinct arrays holds takes that array, not a copy of its own. A loop's passes read the same
/// shapes over and over (a residual block's two poolings and its sum, a quarter of a million
/// times: issue 25), and each array a row holds alone is some 80 to 200 bytes.
struct RecentInputs {
  /// Enough for the arrays of a block of a few layers.
  private var recent = Recent<[Shape]>(capacity: 8)

  /// `known`, or an array of identical shapes (dims and layouts) that a recent row holds.
  mutating func shared(_ known: [Shape]) -> [Shape] {
    for r in recent.values where r.isIdentical(to: known) { return r }
    recent.keep(known)
    return known
  }
}
