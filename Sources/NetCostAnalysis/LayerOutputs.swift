import NetCostCore

/// The analyzer's record of each layer's output shape (nil for a layer that failed), kept for
/// the layers that read it: every one when a memory walk needs them all, else the last layer's
/// and those of layers read again later. A million-layer chain keeps one, not a million
/// (issue 25).
struct LayerOutputs {
  /// Every layer's output, when all are kept (a failed layer's is a placeholder, and the
  /// layer is in `failed`): the memory walks take it as it is, with no copy.
  private(set) var all: [Shape]?
  private var failed: Set<Int> = []
  /// The outputs of the layers in `readLater`.
  private var later: [Int: Shape] = [:]
  private var last: Shape?
  private(set) var count = 0
  private let readLater: Set<Int>

  /// `keepingAll`: every output is kept; otherwise those of `readLater` and the last.
  init(keepingAll: Bool, readLater: Set<Int>, capacity: Int) {
    self.readLater = readLater
    if keepingAll {
      all = []
      all?.reserveCapacity(capacity)
    }
  }

  mutating func append(_ shape: Shape?) {
    if all != nil {
      all?.append(shape ?? Shape(1, 1, 1))
      if shape == nil { failed.insert(count) }
    } else if let shape, readLater.contains(count) {
      later[count] = shape
    }
    last = shape
    count += 1
  }

  /// Every output, moved out (none are kept after): the memory walks hold the only copy and
  /// let it go once their plans are made.
  mutating func takeAll() -> [Shape] {
    defer { all = nil }
    return all ?? []
  }

  /// Layer `i`'s output: the last one's, one in `readLater`, or any when all are kept.
  subscript(_ i: Int) -> Shape? {
    if let all { return !failed.isEmpty && failed.contains(i) ? nil : all[i] }
    return i == count - 1 ? last : later[i]
  }

  /// The layers that a layer other than the next one reads.
  static func readLater(in network: Network) -> Set<Int> {
    var readLater = Set<Int>()
    // By index, reading the inputs alone: a million layers are not each copied whole.
    for index in network.layers.indices {
      for case .layer(let i) in network.layers[index].inputs where i != index - 1 {
        readLater.insert(i)
      }
    }
    return readLater
  }
}
