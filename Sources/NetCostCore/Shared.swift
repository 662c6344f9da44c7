/// A value stored once and shared by every copy of what holds it. An `indirect` enum keeps its
/// payload in one box, so a copy costs a reference, not the value, and value semantics are kept
/// (setting makes a new box). A million layers expanded from one statement share its ranges.
package indirect enum Shared<Value: Sendable>: Sendable {
  case value(Value)

  package init(_ value: Value) { self = .value(value) }

  package var value: Value {
    get {
      switch self {
      case .value(let value): value
      }
    }
    set { self = .value(newValue) }
  }
}
