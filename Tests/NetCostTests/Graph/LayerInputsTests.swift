import Testing

@testable import NetCostCore

/// A layer's inputs, one held inline and several in an array (issue 25): whichever way a list is
/// made, it reads, counts and compares as the array it stands for.
@Suite struct LayerInputsTests {
  typealias Case = (made: LayerInputs, array: [Layer.Input], why: String)

  static let cases: [Case] = [
    (LayerInputs(.layer(3)), [.layer(3)], "one input, inline"),
    (LayerInputs([.layer(3)]), [.layer(3)], "one input from an array is held inline too"),
    ([.network], [.network], "the network's input, by literal"),
    (LayerInputs([.layer(1), .layer(2)]), [.layer(1), .layer(2)], "a merge's two, in order"),
    ([.layer(2), .layer(1), .network], [.layer(2), .layer(1), .network], "three, by literal"),
    (LayerInputs([]), [], "none"),
  ]

  @Test(arguments: cases.indices)
  func readsAsItsArray(_ index: Int) {
    let c = Self.cases[index]
    #expect(Array(c.made) == c.array, "\(c.why)")
    #expect(c.made.count == c.array.count, "\(c.why)")
    for (i, input) in c.array.enumerated() { #expect(c.made[i] == input, "\(c.why)") }
    // Equal lists are equal and hash alike however they were made.
    let again = LayerInputs(c.array)
    #expect(c.made == again && c.made.hashValue == again.hashValue, "\(c.why)")
  }

  @Test func listsThatDifferAreUnequal() {
    let lists = Self.cases.map(\.array)
    for (i, a) in lists.enumerated() {
      for (j, b) in lists.enumerated() where a != b {
        #expect(LayerInputs(a) != LayerInputs(b), "cases \(i) and \(j)")
      }
    }
  }
}
