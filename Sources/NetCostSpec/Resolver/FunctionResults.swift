import NetCostCore

/// What each `def` gave for each list of arguments in one resolution. A `def` sees its
/// arguments and the spec's parameters alone, so a call with the same arguments gives the same
/// value: EfficientNetV2's `width(i)`, three tables of eight, is asked for at every block, by
/// the layer estimate and again by the expansion. Shared by the resolution's evaluators (a
/// class, as `Budget` is); the resolver starts a new one whenever the parameters or the `def`s
/// change.
final class FunctionResults {
  struct Call: Hashable {
    var function: String
    var arguments: [Double]
  }

  /// A value, with what evaluating the body took: a call that takes it takes the same, so that
  /// the budget and the limits run out where the evaluation would have made them run out.
  struct Result {
    var value: Double
    /// Steps of the budget.
    var steps: Int
    /// Levels of evaluation below the call.
    var depth: Int
    /// Levels of `def` calls below the call.
    var calls: Int
  }

  /// At most this many results are kept: a loop of a million calls with a million different
  /// arguments keeps the first ones, not a million.
  static let capacity = 4096

  private(set) var results: [Call: Result] = [:]

  subscript(_ call: Call) -> Result? {
    get { results[call] }
    set {
      guard results.count < Self.capacity || results[call] != nil else { return }
      results[call] = newValue
    }
  }
}
