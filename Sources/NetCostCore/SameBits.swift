/// Whether two values hold the same bytes. A value whose payload is boxed (an `indirect` case,
/// `Shared`) holds its box's reference: copies of one box have the same bytes, two boxes of
/// equal values do not. So the same bytes are the same value, and different bytes may still be
/// an equal one: a first test before `==`, or a test that a box is shared. Used within this
/// module, on concrete types, where it is specialized.
func sameBits<T>(_ a: T, _ b: T) -> Bool {
  withUnsafeBytes(of: a) { x in
    withUnsafeBytes(of: b) { y in
      guard let x = x.baseAddress, let y = y.baseAddress else { return true }
      return sameBytes(x, y, count: MemoryLayout<T>.size)
    }
  }
}

/// `sameBits` of the values of type `T` at `a` and `b` (`UnsafeBufferPointer.address`), read
/// where they are: not copied, so a box they share is not retained (two threads reading a
/// million rows would take turns at its count). False where either is not known.
package func sameBits<T>(of type: T.Type, at a: UnsafeRawPointer?, _ b: UnsafeRawPointer?) -> Bool {
  guard let a, let b else { return false }
  return sameBytes(a, b, count: MemoryLayout<T>.size)
}

private func sameBytes(_ x: UnsafeRawPointer, _ y: UnsafeRawPointer, count: Int) -> Bool {
  var offset = 0
  while offset + 8 <= count {
    guard
      x.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        == y.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    else { return false }
    offset += 8
  }
  while offset < count {
    guard
      x.load(fromByteOffset: offset, as: UInt8.self)
        == y.load(fromByteOffset: offset, as: UInt8.self)
    else { return false }
    offset += 1
  }
  return true
}

extension UnsafeBufferPointer {
  /// Where element `index`'s field at `offset` is, to read it in place; nil for an index out
  /// of the buffer or no offset. The offset is `MemoryLayout.offset(of:)`'s for a stored
  /// field, asked once and kept: a key path is slow to ask, some hundreds of instructions.
  package func address(ofFieldAt offset: Int?, _ index: Int) -> UnsafeRawPointer? {
    guard indices.contains(index), let base = baseAddress, let offset else { return nil }
    return UnsafeRawPointer(base + index) + offset
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
