/// The names in scope: the spec's parameters, shared and never copied, and a few local names
/// (block arguments, loop variables) in a small array above them. A block call adds its
/// arguments without copying the parameters, which a dictionary would do on every call.
struct Bindings: Sendable {
  private struct Local: Sendable {
    var name: String
    var value: Double
  }

  private let globals: [String: Double]
  private var locals: [Local] = []

  init(globals: [String: Double] = [:]) {
    self.globals = globals
  }

  /// A local name shadows a global one; setting a name sets it locally.
  subscript(_ name: String) -> Double? {
    get {
      if let local = locals.last(where: { $0.name == name }) { return local.value }
      return globals[name]
    }
    set {
      if let i = locals.lastIndex(where: { $0.name == name }) {
        if let newValue { locals[i].value = newValue } else { locals.remove(at: i) }
      } else if let newValue {
        locals.append(Local(name: name, value: newValue))
      }
    }
  }

  /// A block argument's or loop variable's value; nil for a parameter or an unbound name.
  func local(_ name: String) -> Double? { locals.last { $0.name == name }?.value }

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
