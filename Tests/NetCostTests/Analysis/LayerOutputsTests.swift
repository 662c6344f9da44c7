import NetCost
import Testing

@testable import NetCostAnalysis
@testable import NetCostCore

/// What the analyzer keeps of earlier layers while it walks a network (issue 25): outputs read
/// later are kept until their last reader, and rows reading the same shapes share one array. A
/// quarter of a million residual blocks (`add` of a pass-through and two poolings) took 701 MB
/// before, keeping every output and receptive field read later and an array per row.
@Suite struct LayerOutputsTests {
  static let residual = """
    input 8 x 8 x 3
    repeat 3 {
      add {
        branch { }
        branch { maxpool kernel = 1 }
        branch { maxpool kernel = 1 }
      }
    }
    """

  static func network(_ text: String) throws -> Network {
    try #require(Pipeline.resolve(Pipeline.parse(SourceFile(name: "t", text: text))).value)
  }

  /// Layers 0, 1 and 2 are a pass's pooling, pooling and sum; the sum reads the pass's input
  /// (layer −1, the network's, or the last sum) and both poolings.
  @Test func lastReadersAreTheLayersThatReadLast() throws {
    let last = LayerOutputs.lastReaders(in: try Self.network(Self.residual))
    // Both poolings read the pass's input, the last sum: the first as the next layer (not
    // counted), the second one layer later; the pass's sum reads it again, and the first
    // pooling, two layers on (the second pooling is its next layer).
    #expect(last == [2, -1, 5, 5, -1, 8, 8, -1, -1])
  }

  @Test func anOutputGoesWithItsLastReader() throws {
    let network = try Self.network(Self.residual)
    var outputs = LayerOutputs(
      keepingAll: false, lastReader: LayerOutputs.lastReaders(in: network), capacity: 9)
    var forgotten: [Int] = []
    for (index, layer) in network.layers.enumerated() {
      outputs.append(Shape(8, 8, 3 + index))
      outputs.release(readBy: index, inputs: layer.inputs) { forgotten.append($0) }
    }
    #expect(forgotten == [0, 2, 3, 5, 6])
    #expect(outputs[5] == nil && outputs[2] == nil)
    #expect(outputs[8] == Shape(8, 8, 11))
  }

  @Test func rowsReadingTheSameShapesShareAnArray() {
    var recent = RecentInputs()
    let a = recent.shared([Shape(8, 8, 3)])
    let b = recent.shared([Shape(8, 8, 3), Shape(8, 8, 3)])
    let c = recent.shared([Shape(8, 8, 3)])
    let d = recent.shared([Shape(8, 8, 3), Shape(8, 8, 3)])
    #expect(a.withUnsafeBufferPointer(\.baseAddress) == c.withUnsafeBufferPointer(\.baseAddress))
    #expect(b.withUnsafeBufferPointer(\.baseAddress) == d.withUnsafeBufferPointer(\.baseAddress))
    // Shapes of other dims are not shared.
    let e = recent.shared([Shape(8, 8, 4)])
    #expect(e.withUnsafeBufferPointer(\.baseAddress) != a.withUnsafeBufferPointer(\.baseAddress))
  }

  /// The loop analyses as its passes written out do, layer by layer.
  @Test func residualLoopAnalysesAsWrittenOut() throws {
    let looped = try Run.analysis(of: SourceFile(name: "r", text: Self.residual))
    var written = "input 8 x 8 x 3\n"
    for pass in 0..<3 {
      let from = pass == 0 ? "" : "a\(pass - 1)"
      let read = from.isEmpty ? "" : ", from = \(from)"
      written += "p\(pass): maxpool kernel = 1\(read)\n"
      written += "q\(pass): maxpool kernel = 1\(read)\n"
      written += "a\(pass): add from = [\(from.isEmpty ? "input" : from), p\(pass), q\(pass)]\n"
    }
    let plain = try Run.analysis(of: SourceFile(name: "w", text: written))
    #expect(looped.rows.map(\.output) == plain.rows.map(\.output))
    #expect(looped.rows.map(\.inputs) == plain.rows.map(\.inputs))
    #expect(looped.rows.map(\.receptiveField) == plain.rows.map(\.receptiveField))
    #expect(looped.totals == plain.totals)
  }
}
