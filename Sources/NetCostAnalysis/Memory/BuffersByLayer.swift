/// Lists of buffers by layer (the buffers freed after each layer, those each layer is the first
/// to save), all in one array: a spec of a million layers makes two arrays here, not a million
/// (issue 25).
struct BuffersByLayer {
  /// Where each layer's list starts in `items`; the last entry is where the lists end.
  private let starts: [Int]
  private let items: [Int]

  /// Each buffer of `0..<buffers` in the list of `layerOf(buffer)`, if any, in increasing order.
  init(layers count: Int, buffers: Int, layerOf: (Int) -> Int?) {
    var starts = [Int](repeating: 0, count: count + 1)
    for buffer in 0..<buffers {
      if let layer = layerOf(buffer) { starts[layer + 1] += 1 }
    }
    for layer in 0..<count { starts[layer + 1] += starts[layer] }
    var next = starts
    var items = [Int](repeating: 0, count: starts[count])
    for buffer in 0..<buffers {
      guard let layer = layerOf(buffer) else { continue }
      items[next[layer]] = buffer
      next[layer] += 1
    }
    self.starts = starts
    self.items = items
  }

  subscript(layer: Int) -> ArraySlice<Int> { items[starts[layer]..<starts[layer + 1]] }
}
