/// Whether two values hold the same bytes. A value whose payload is boxed (an `indirect` case,
/// `Shared`) holds its box's reference: copies of one box have the same bytes, two boxes of
/// equal values do not. So the same bytes are the same value, and different bytes may still be
/// an equal one: a first test before `==`, or a test that a box is shared. Used within this
/// module, on concrete types, where it is specialized.
func sameBits<T>(_ a: T, _ b: T) -> Bool {
  withUnsafeBytes(of: a) { x in
    withUnsafeBytes(of: b) { y in
      guard x.count == y.count else { return false }
      var offset = 0
      while offset + 8 <= x.count {
        guard
          x.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            == y.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        else { return false }
        offset += 8
      }
      while offset < x.count {
        guard x[offset] == y[offset] else { return false }
        offset += 1
      }
      return true
    }
  }
}

extension Operation {
  /// Equal: at once where both hold the same bits (copies of one operation, as a loop's passes
  /// hold), by `==` where they do not.
  package static func same(_ a: Operation, _ b: Operation) -> Bool {
    sameBits(a, b) || a == b
  }

  /// The same, and making outputs of one layout: `==` compares a target shape's dims alone, so
  /// `reshape dims = [4, 4, 3]` equals `reshape height = 4, …`, whose output is a map.
  package static func sameWithLayout(_ a: Operation, _ b: Operation) -> Bool {
    if sameBits(a, b) { return true }
    guard a == b else { return false }
    switch (a, b) {
    case (.reshape(let x), .reshape(let y)), (.expand(let x), .expand(let y)),
      (.constant(let x), .constant(let y)):
      return x.isIdentical(to: y)
    default: return true
    }
  }
}
