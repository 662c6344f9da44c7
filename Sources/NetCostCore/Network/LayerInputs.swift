/// Where a layer's inputs come from, in order. Most layers read one, which is held inline: a
/// chain of a million layers makes no allocation per layer for its inputs (issue 25). A merge's
/// several inputs, and no input, are held in an array.
public struct LayerInputs: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
  private enum Storage: Hashable, Sendable {
    case one(Layer.Input)
    /// Any count but one, so that equal lists are always stored alike.
    case many([Layer.Input])
  }

  private var storage: Storage

  public init(_ inputs: [Layer.Input]) {
    storage = inputs.count == 1 ? .one(inputs[0]) : .many(inputs)
  }

  public init(_ input: Layer.Input) {
    storage = .one(input)
  }

  public init(arrayLiteral inputs: Layer.Input...) {
    self.init(inputs)
  }

  public var startIndex: Int { 0 }

  public var endIndex: Int {
    switch storage {
    case .one: 1
    case .many(let inputs): inputs.count
    }
  }

  public subscript(position: Int) -> Layer.Input {
    switch storage {
    case .one(let input):
      precondition(position == 0, "index out of range")
      return input
    case .many(let inputs): return inputs[position]
    }
  }
}
