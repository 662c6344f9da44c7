/// A tensor's shape for one sample: its dimensions with the batch left out and the channels (the
/// features) last. A feature map is height × width × channels and prints as the papers print it
/// (`112×112×32`); tokens are length × features (`197×768`); anything else prints its dims
/// (`3×197×197`, attention's scores per head).
///
/// The dims live inline (at most `maxRank`), so a shape costs no allocation: an analysis makes
/// several per layer.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
  /// What the dims mean, where the maker of the tensor knows it. It labels the shape (JSON's
  /// `height`/`width`/`channels`); it takes no part in equality, which is of the dims alone.
  public enum Layout: Sendable {
    /// Height × width × channels: every shape the spec language makes, and an importer's image
    /// tensors (N×C×H×W and N×H×W×C alike).
    case map
    /// Any other arrangement: tokens, attention's heads, a flat vector.
    case plain
  }

  /// The highest rank a shape may have: vision models use 6 at most (with the batch).
  public static let maxRank = 8

  private var storage: InlineArray<8, Int>
  /// One byte, not eight: a shape is in every row, and a million rows hold a million.
  private let storedRank: UInt8
  public var rank: Int { Int(storedRank) }
  public var layout: Layout

  /// A feature map, height × width × channels.
  public init(_ height: Int, _ width: Int, _ channels: Int) {
    storage = InlineArray(repeating: 0)
    storage[0] = height
    storage[1] = width
    storage[2] = channels
    storedRank = 3
    layout = .map
  }

  /// A shape of any rank from 1 to `maxRank`; nil outside it.
  public init?(dims: [Int], layout: Layout = .plain) {
    guard (1...Self.maxRank).contains(dims.count) else { return nil }
    storage = InlineArray(repeating: 0)
    for (i, d) in dims.enumerated() { storage[i] = d }
    storedRank = UInt8(dims.count)
    self.layout = dims.count == 3 ? layout : .plain
  }

  public subscript(axis: Int) -> Int {
    get { storage[axis] }
    set { storage[axis] = newValue }
  }

  public var dims: [Int] { (0..<rank).map { storage[$0] } }

  /// The first two of three axes, as a window sees them (1 for another rank), and the last
  /// axis's size, its channels or features. Rules that slide a window check the rank first.
  public var height: Int { rank == 3 ? storage[0] : 1 }
  public var width: Int { rank == 3 ? storage[1] : 1 }
  public var channels: Int { storage[rank - 1] }

  /// Labelled height × width × channels: what the spec language and an importer's image tensors
  /// make. JSON and CSV print such a shape's three sizes by name.
  public var isMap: Bool { layout == .map }

  /// The positions a per-position layer (fully connected on the channels, a norm) runs at: every
  /// element but the last axis's; nil past 64 bits.
  public var positions: Int? { Self.product((0..<rank - 1).lazy.map { storage[$0] }) }

  public var description: String {
    var bytes: [UInt8] = []
    appendDescription(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `description`'s bytes appended to `bytes`: a million-row table prints a shape per row.
  public func appendDescription(to bytes: inout [UInt8]) {
    for axis in 0..<rank {
      if axis > 0 { bytes.appendTimes() }
      NumberFormat.appendInteger(storage[axis], to: &bytes)
    }
  }

  /// Elements in the tensor; nil when the product does not fit in 64 bits.
  /// Read in place: no array of the dims is made (the memory walks ask a million times).
  public var elementCount: Int? { Self.product((0..<rank).lazy.map { storage[$0] }) }

  /// The product of some sizes; nil past 64 bits or for a negative size.
  public static func product(_ sizes: some Sequence<Int>) -> Int? {
    var total = 1
    for d in sizes {
      guard d >= 0 else { return nil }
      let (next, overflow) = total.multipliedReportingOverflow(by: d)
      if overflow { return nil }
      total = next
    }
    return total
  }

  /// Equal dims and the same layout: what a rule's output may follow, where `==` is of the dims.
  package func isIdentical(to other: Shape) -> Bool { self == other && layout == other.layout }

  public static func == (a: Shape, b: Shape) -> Bool {
    guard a.rank == b.rank else { return false }
    for i in 0..<a.rank where a.storage[i] != b.storage[i] { return false }
    return true
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(rank)
    for i in 0..<rank { hasher.combine(storage[i]) }
  }
}

extension [UInt8] {
  /// "×", between the sides of a shape or a window.
  package mutating func appendTimes() {
    append(0xC3)
    append(0x97)
  }
}

extension [Shape] {
  /// The same shapes in order, each `isIdentical`: what lets a layer or a row take another's
  /// figures.
  package func isIdentical(to other: [Shape]) -> Bool {
    count == other.count && zip(self, other).allSatisfy { $0.isIdentical(to: $1) }
  }
}
