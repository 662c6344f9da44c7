import Testing

@testable import NetCostAnalysis

/// The memory walks' lists of buffers by layer, kept in one array: each layer's list holds its
/// buffers in increasing order, as appending them one by one did.
@Suite struct BuffersByLayerTests {
  /// (layers, the layer of each buffer or nil) → each layer's list.
  static let cases: [(Int, [Int?], [[Int]])] = [
    (3, [nil, 2, 0, 2, nil, 0], [[2, 5], [], [1, 3]]),
    (1, [0, 0, 0], [[0, 1, 2]]),
    (4, [], [[], [], [], []]),
    (2, [nil, nil], [[], []]),
    (0, [], []),
  ]

  @Test(arguments: cases)
  func listsByLayer(_ layers: Int, _ layerOf: [Int?], _ expected: [[Int]]) {
    let lists = BuffersByLayer(layers: layers, buffers: layerOf.count) { layerOf[$0] }
    #expect((0..<layers).map { Array(lists[$0]) } == expected)
  }
}
