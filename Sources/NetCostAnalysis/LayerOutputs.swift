import NetCostCore

/// The analyzer's record of each layer's output shape (nil for a layer that failed), kept for
/// the layers that read it: every one when a memory walk needs them all, else the last layer's
/// and those of layers read again later, each until its last reader is analysed. A
/// million-layer chain keeps one, not a million, and so does a quarter of a million residual
/// blocks (issue 25).
struct LayerOutputs {
  /// Every layer's output, when all are kept (a failed layer's is a placeholder, and the
  /// layer is in `failed`): the memory walks take it as it is, with no copy.
  private(set) var all: OutputShapes?
  private var failed: Set<Int> = []
  /// The outputs of the layers read later, until their last readers.
  private var later: [Int: Shape] = [:]
  private var last: Shape?
  private(set) var count = 0
  /// Each layer's last reader other than the next layer, −1 for none (`lastReaders`).
  let lastReader: [Int32]

  /// `keepingAll`: every output is kept; otherwise those read later and the last.
  init(keepingAll: Bool, lastReader: [Int32], capacity: Int) {
    self.lastReader = lastReader
    if keepingAll {
      all = OutputShapes(capacity: capacity)
    }
  }

  /// Whether a layer other than the next reads layer `i`.
  func isReadLater(_ i: Int) -> Bool { lastReader[i] >= 0 }

  mutating func append(_ shape: Shape?) {
    if all != nil {
      all?.append(shape ?? Shape(1, 1, 1))
      if shape == nil { failed.insert(count) }
    } else if let shape, isReadLater(count) {
      later[count] = shape
    }
    last = shape
    count += 1
  }

  /// Lets go of the outputs that layer `reader` was the last to read, calling `forgotten` with
  /// each, so that the caller's own records of them (receptive fields) go too.
  mutating func release(readBy reader: Int, inputs: LayerInputs, forgotten: (Int) -> Void) {
    for case .layer(let i) in inputs where lastReader[i] == reader {
      later[i] = nil
      forgotten(i)
    }
  }

  /// Every output, moved out (none are kept after): the memory walks hold the only copy and
  /// let it go once their plans are made.
  mutating func takeAll() -> OutputShapes {
    defer { all = nil }
    return all ?? OutputShapes(capacity: 0)
  }

  /// Layer `i`'s output: the last one's, one read later, or any when all are kept.
  subscript(_ i: Int) -> Shape? {
    if let all { return !failed.isEmpty && failed.contains(i) ? nil : all[i] }
    return i == count - 1 ? last : later[i]
  }

  /// Each layer's last reader other than the next one, −1 where only the next reads it (or
  /// none): an array of four bytes a layer, not a set of the layers read later.
  static func lastReaders(in network: Network) -> [Int32] {
    var last = [Int32](repeating: -1, count: network.layers.count)
    // By index, reading the inputs alone: a million layers are not each copied whole.
    for index in network.layers.indices {
      for case .layer(let i) in network.layers[index].inputs where i != index - 1 {
        last[i] = Int32(truncatingIfNeeded: index)
      }
    }
    return last
  }
}
