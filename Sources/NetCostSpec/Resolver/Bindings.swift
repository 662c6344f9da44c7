/// The names in scope: the spec's parameters, shared and never copied, and a few local names
/// (block arguments, loop variables) in a small array above them. A block call adds its
/// arguments without copying the parameters, which a dictionary would do on every call.
struct Bindings: Sendable {
  private struct Local: Sendable {
    var name: String
    var value: Double
  }

  private let globals: [String: Double]
  /// Each name once: setting a name that is there sets its value.
  private var locals: [Local] = []
  /// Each local's place in `locals`, once there are more than a few: a block of 80,000
  /// parameters bound each argument by looking past those bound before it (8.5 s, issue 25).
  private var places: [String: Int] = [:]
  private static let placesFrom = 8

  init(globals: [String: Double] = [:]) {
    self.globals = globals
  }

  private func place(of name: String) -> Int? {
    locals.count > Self.placesFrom ? places[name] : locals.lastIndex { $0.name == name }
  }

  private mutating func placeAll() {
    places = [:]
    guard locals.count > Self.placesFrom else { return }
    for (i, local) in locals.enumerated() { places[local.name] = i }
  }

  /// A local name shadows a global one; setting a name sets it locally.
  subscript(_ name: String) -> Double? {
    get {
      if let i = place(of: name) { return locals[i].value }
      return globals[name]
    }
    set {
      if let i = place(of: name) {
        if let newValue {
          locals[i].value = newValue
        } else {
          locals.remove(at: i)
          placeAll()
        }
      } else if let newValue {
        locals.append(Local(name: name, value: newValue))
        if locals.count == Self.placesFrom + 1 {
          placeAll()
        } else if locals.count > Self.placesFrom {
          places[name] = locals.count - 1
        }
      }
    }
  }

  /// A block argument's or loop variable's value; nil for a parameter or an unbound name.
  func local(_ name: String) -> Double? { place(of: name).map { locals[$0].value } }

  /// Every name in scope, for "did you mean".
  var keys: [String] { locals.map(\.name) + globals.keys }

  /// The bindings an expression uses, by name, for notes such as "with alpha = 0.01".
  func used(by expr: Expr) -> [(String, Double)] {
    var found: [String] = []
    expr.collectNames(into: &found)
    var seen: Set<String> = []
    return found.compactMap { name in
      guard let value = self[name], seen.insert(name).inserted else { return nil }
      return (name, value)
    }
  }
}
