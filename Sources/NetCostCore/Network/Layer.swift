/// One layer of a resolved network: a name, an evaluated operation and where its inputs come from.
public struct Layer: Sendable {
  public enum Input: Hashable, Sendable {
    /// The network's input image.
    case network
    /// An earlier layer, by its index in `Network.layers`.
    case layer(Int)
  }

  /// A key given in the spec (`kernel = 9`) and where it was written, value included: what a
  /// diagnostic about that key underlines.
  package struct Argument: Sendable {
    package var key: String
    package var range: SourceRange

    package init(key: String, range: SourceRange) {
      self.key = key
      self.range = range
    }
  }

  /// Where a layer was written, which only diagnostics read. Every layer a loop makes from one
  /// statement at one call site has the same, so the resolver shares one (`Shared`): a million
  /// passes hold one copy, not a million (issue 25).
  package struct Origin: Sendable {
    var range: SourceRange
    var headRange: SourceRange
    var arguments: [Argument]
    var callSites: [SourceRange]

    package init(
      range: SourceRange, headRange: SourceRange, arguments: [Argument],
      callSites: [SourceRange]
    ) {
      self.range = range
      self.headRange = headRange
      self.arguments = arguments
      self.callSites = callSites
    }
  }

  public var name: String
  public var kind: LayerKind
  public var operation: Operation
  public var inputs: LayerInputs
  package var origin: Shared<Origin>
  /// Where the layer was written, for diagnostics about its shape.
  public var range: SourceRange {
    get { origin.value.range }
    set { origin.value.range = newValue }
  }
  /// Where its kind and each key given were written, so a diagnostic can underline just the value
  /// at fault (`kernel = 9`).
  public var headRange: SourceRange {
    get { origin.value.headRange }
    set { origin.value.headRange = newValue }
  }
  /// The keys given, in order, each with where it was written with its value.
  var arguments: [Argument] { origin.value.arguments }
  /// The block calls this layer was expanded from, innermost first, for notes.
  public var callSites: [SourceRange] {
    get { origin.value.callSites }
    set { origin.value.callSites = newValue }
  }
  /// Made inside `training { … }`: its parameters count, its MACs and output memory do not.
  public var trainingOnly = false
  /// How the PyTorch reference implementation runs it (the `torch` key), for the conventions.
  public var torchCall: TorchCall
  /// Whether PyTorch overwrites the input (the `inplace` key), for the `pytorch` memory policy.
  public var inPlace: Bool
  /// Weights the layer applies besides its inputs, as tensors: a class token joined to the
  /// tokens, a position embedding or a bias added to them, a layer scale (`learned = [197, 768]`).
  /// They take part in the shape rule as inputs do, and count as parameters.
  public var learned: [Shape] = []
  /// Whether the layer carries a block call's label (`res1: basic(16, 1)` names the block's
  /// last layer): the row it folds into takes the name, so `res1` finds its row everywhere.
  public var namesItsRow = false

  package init(
    name: String, kind: LayerKind, operation: Operation, inputs: LayerInputs, range: SourceRange,
    headRange: SourceRange, arguments: [Argument], callSites: [SourceRange],
    trainingOnly: Bool = false
  ) {
    self.init(
      name: name, kind: kind, operation: operation, inputs: inputs,
      origin: Shared(
        Origin(range: range, headRange: headRange, arguments: arguments, callSites: callSites)),
      trainingOnly: trainingOnly)
  }

  package init(
    name: String, kind: LayerKind, operation: Operation, inputs: LayerInputs,
    origin: Shared<Origin>, trainingOnly: Bool = false
  ) {
    self.name = name
    self.kind = kind
    self.operation = operation
    self.inputs = inputs
    self.origin = origin
    self.trainingOnly = trainingOnly
    self.torchCall = TorchCall.defaultCall(for: kind)
    self.inPlace = kind.inPlaceDefault ?? false
  }

  /// Where `key = value` was written, if it was.
  func range(ofKey key: String) -> SourceRange? {
    arguments.first { $0.key == key }?.range
  }
}

extension Shared where Value == Layer.Origin {
  /// Whether both hold the one box (`sameBits`): one comparison, where comparing the origins
  /// reads all of them.
  package func isSame(as other: Self) -> Bool { sameBits(self, other) }

  /// The box's address, the bits `isSame` compares: a number, compared without a copy of the
  /// origin (which retains the box), while a holder of the box keeps the address its own.
  package var identity: Int { withUnsafeBytes(of: self) { $0.load(as: Int.self) } }
}
