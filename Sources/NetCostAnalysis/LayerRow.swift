import NetCostCore

/// One row of the cost table: a layer plus the batch norm, activations, LRN and dropout folded into
/// it, as the papers' tables show "Conv / s2" for conv + BN + ReLU.
///
/// What the rules computed (`Figures`) is kept in a box that a row shares with a recent row
/// when they are equal, and its receptive field in a box of its own: a loop's passes make a
/// million rows of one shape and cost (issue 25), each holding its own would be some 150 bytes
/// more, and where the field grows pass by pass (a million 3×3 convolutions) only the field's
/// 96 bytes are a row's own.
public struct LayerRow: Hashable, Sendable {
  /// A row's shapes and cost: what the shape and cost rules computed.
  public struct Figures: Hashable, Sendable {
    /// The shapes the row reads. In a row's box, empty where the row reads the output of the
    /// row before alone (`readsOutputOf`).
    public var inputs: [Shape]
    public var output: Shape
    /// The row's layers' costs added up.
    public var cost: Cost
    /// The output map at the data type and batch (fp32, 1 unless asked), counted once: BN and
    /// activations work in place.
    public var activationBytes: Int

    /// Equal, shapes' layouts included (`Shape.isIdentical`): what lets two rows share them.
    /// The bytes, the cost and the output first: rows that differ mostly differ there, and a
    /// row is compared with the last few.
    func isIdentical(to other: Figures) -> Bool {
      activationBytes == other.activationBytes && cost == other.cost
        && output.isIdentical(to: other.output) && self == other
        && inputs.isIdentical(to: other.inputs)
    }
  }

  public var name: String
  public var operation: Operation
  public var kind: LayerKind
  /// Run only in training (`training { … }`): MACs and memory 0, parameters counted.
  public var trainingOnly = false
  /// The kinds folded into this row, in order (`[.bn, .relu]`).
  public var folded: [LayerKind]
  /// Those of them with parameters of their own (batch norm, Caffe's Scale, PReLU), for
  /// `--explain`. Kept apart from `folded`: a chain of a million activations folds a million
  /// kinds, each a byte, and no operation.
  public var foldedWithParameters: [Operation] = []
  /// The learned tensors its layers apply besides their inputs (a class token, a position
  /// embedding), for `--explain`: their values are in `cost.params`.
  public var learned: [Shape] = []
  /// Under a convention other than the papers', what its rules added to this row's MACs (the
  /// terms that are not 0), in rule order; `cost.macs` includes them.
  public var conventionTerms: [ConventionTerm] = []
  // Inlinable where the rows are read: a renderer reading a field of a row in place, on two
  // threads, then copies no row (each copy retains boxes a loop's rows share).
  @usableFromInline var box: Box<Figures>
  /// What one unit of the row's output sees of the input; nil after a reshape or resize.
  @usableFromInline var fieldBox: Box<ReceptiveField>?
  /// The box of the row before, where this row reads that row's output alone (a chain's rows):
  /// its shape is not held again in an array of this row's own, some 110 bytes a row where a
  /// million rows' shapes differ (issue 25).
  @usableFromInline var readsOutputOf: Box<Figures>?
  /// Under a memory policy: the bytes the activations hold after the row (`Liveness`).
  @inlinable public var liveBytes: Int? {
    get { storedLiveBytes < 0 ? nil : storedLiveBytes }
    set { storedLiveBytes = newValue ?? -1 }
  }
  /// With an optimizer: the bytes autograd saves first at the row's layers (`SavedRule`).
  @inlinable public var savedBytes: Int? {
    get { storedSavedBytes < 0 ? nil : storedSavedBytes }
    set { storedSavedBytes = newValue ?? -1 }
  }
  // −1 for none: a count of bytes is never negative, and each optional would take 8 bytes more
  // a row (a million rows: issue 25).
  @usableFromInline var storedLiveBytes = -1
  @usableFromInline var storedSavedBytes = -1

  /// The row takes the box of a recent row whose figures are the same (`RecentFigures`); its
  /// field and the box of the row before are given once it is in its array (`Analyzer`).
  init(
    name: String, kind: LayerKind, operation: Operation, folded: [LayerKind],
    figures: Figures, trainingOnly: Bool, sharing recent: inout RecentFigures
  ) {
    self.name = name
    self.kind = kind
    self.operation = operation
    self.folded = folded
    self.box = recent.box(figures)
    self.trainingOnly = trainingOnly
  }

  /// The row's figures, its inputs filled in; setting them gives the row a box of its own.
  public var figures: Figures {
    get {
      var figures = box.value
      if let previous = readsOutputOf { figures.inputs = [previous.value.output] }
      return figures
    }
    set {
      box = Box(newValue)
      readsOutputOf = nil
    }
  }
  /// The figures as the row's box holds them: no inputs where it reads the row before's output.
  var boxedFigures: Figures { box.value }
  @inlinable public var inputs: [Shape] {
    if let previous = readsOutputOf { return [previous.value.output] }
    return box.value.inputs
  }
  @inlinable public var output: Shape { box.value.output }
  @inlinable public var cost: Cost { box.value.cost }
  @inlinable public var activationBytes: Int { box.value.activationBytes }
  /// What one unit of the row's output sees of the input; nil after a reshape or resize.
  @inlinable public var receptiveField: ReceptiveField? { fieldBox?.value }

  /// Gives the row `figures` (as its box holds them: `boxedFigures`) and `field`, in recent
  /// rows' boxes where they hold the same.
  mutating func setFigures(
    _ figures: Figures, field: ReceptiveField?, sharing recent: inout RecentFigures
  ) {
    box = recent.box(figures)
    fieldBox = recent.box(field)
  }

  /// The papers' MACs of the row, whatever the convention.
  public var paperMACs: Int { cost.macs - conventionTerms.reduce(0) { $0 + $1.value } }

  /// Equal where they show the same: inputs compared as shapes however they are held (an array
  /// of the row's own, or the box of the row before, whose other figures take no part).
  public static func == (a: LayerRow, b: LayerRow) -> Bool {
    a.name == b.name && a.kind == b.kind && a.operation == b.operation
      && a.trainingOnly == b.trainingOnly && a.folded == b.folded
      && a.foldedWithParameters == b.foldedWithParameters && a.learned == b.learned
      && a.conventionTerms == b.conventionTerms && a.figures == b.figures
      && a.receptiveField == b.receptiveField && a.liveBytes == b.liveBytes
      && a.savedBytes == b.savedBytes
  }

  /// Whether rows `i` and `j` show the same but for their names: kind, operation, what is
  /// folded, figures, bytes, a convention's terms and, where it is shown (`field`), the
  /// receptive field: every other cell of a table and field of JSON. A loop's rows share their
  /// boxes, compared by identity first; read in place, no row copied. A table without the
  /// field's columns copies the rows of a million 3×3 convolutions, each of whose fields is
  /// its own.
  public static func showTheSame(_ rows: [LayerRow], _ i: Int, _ j: Int, field: Bool) -> Bool {
    rows.withUnsafeBufferPointer { rows in
      // The operations compared where they are first: a loop's rows share one operation's
      // box, which a copy for `==` would retain on each thread that renders rows.
      func sameOperation() -> Bool {
        sameBits(
          of: Operation.self, at: rows.address(ofFieldAt: operationOffset, i),
          rows.address(ofFieldAt: operationOffset, j))
          || Operation.sameWithLayout(rows[i].operation, rows[j].operation)
      }
      return rows[i].kind == rows[j].kind && rows[i].trainingOnly == rows[j].trainingOnly
        && rows[i].storedLiveBytes == rows[j].storedLiveBytes
        && rows[i].storedSavedBytes == rows[j].storedSavedBytes
        && (rows[i].box === rows[j].box
          || (rows[i].output == rows[j].output && rows[i].cost == rows[j].cost
            && rows[i].activationBytes == rows[j].activationBytes))
        && (!field || rows[i].fieldBox === rows[j].fieldBox
          || rows[i].receptiveField == rows[j].receptiveField)
        && rows[i].folded == rows[j].folded && rows[i].conventionTerms == rows[j].conventionTerms
        && sameOperation()
    }
  }

  /// The nearest of the `within` rows before row `i` (after it, with `after`) that holds
  /// row `i`'s box of figures, where it shows what row `i` does but for its name
  /// (`showTheSame`): a block passed over again and again repeats the row a block above.
  /// Boxes compared by identity, in place; only the nearest row holding the box is compared
  /// whole (a chain of 3×3 convolutions shares one box, each row's field its own).
  public static func nearestShowingTheSame(
    as i: Int, in rows: [LayerRow], within: Int, after: Bool = false, field: Bool
  ) -> Int? {
    let nearest: Int? = rows.withUnsafeBufferPointer { rows in
      // The boxes' references read as bits where they are: a copy would retain a box a loop's
      // rows share, on each thread that writes rows.
      guard let base = rows.baseAddress, let offset = boxOffset else { return nil }
      func boxBits(_ k: Int) -> UInt {
        UnsafeRawPointer(base + k).load(fromByteOffset: offset, as: UInt.self)
      }
      let box = boxBits(i)
      if after {
        for j in (i + 1)..<min(rows.count, i + 1 + within) where boxBits(j) == box { return j }
      } else {
        for j in stride(from: i - 1, through: max(0, i - within), by: -1) where boxBits(j) == box {
          return j
        }
      }
      return nil
    }
    guard let nearest, showTheSame(rows, i, nearest, field: field) else { return nil }
    return nearest
  }

  private static let operationOffset = MemoryLayout<LayerRow>.offset(of: \.operation)
  private static let boxOffset = MemoryLayout<LayerRow>.offset(of: \.box)

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(operation)
    hasher.combine(figures)
  }
}

/// The boxes of the figures and fields of the last sixteen rows made, which a new row whose
/// figures or field are the same takes: a loop's passes make rows of a few kinds over and over
/// (a block's convolutions in turn, each with its activation folded in), and each row holding
/// boxes of its own would be some 250 bytes more (issue 25: a million rows).
struct RecentFigures {
  private var figures = RecentBoxes<LayerRow.Figures>()
  private var fields = RecentBoxes<ReceptiveField>()

  init() {}

  /// A box holding `figures`: a recent one, or a new one, kept.
  mutating func box(_ figures: LayerRow.Figures) -> Box<LayerRow.Figures> {
    let key =
      figures.activationBytes ^ (figures.cost.params &* 31) ^ (figures.cost.macs &* 961)
    return self.figures.box(figures, key: key) { $0.isIdentical(to: $1) }
  }

  /// A box holding `field`: a recent one, or a new one, kept; nil without a field.
  mutating func box(_ field: ReceptiveField?) -> Box<ReceptiveField>? {
    guard let field else { return nil }
    let key =
      field.height.size ^ (field.width.size &* 7) ^ (field.height.padding &* 31)
      ^ (field.width.padding &* 961)
    return fields.box(field, key: key, same: ==)
  }
}

/// The last sixteen boxes made, each with a key mixed from its value's main numbers: compared
/// first, as a plain integer, so that a row of a network written once, or one whose field grows
/// pass by pass, pays a few comparisons of numbers, not of values. Enough for a block of
/// several rows.
struct RecentBoxes<Value: Hashable & Sendable> {
  private var recent = Recent<(key: Int, box: Box<Value>)>(capacity: 16)

  /// A box holding `value` (`same` as it, where `key`s are equal): a recent one, or a new one,
  /// kept.
  mutating func box(_ value: Value, key: Int, same: (Value, Value) -> Bool) -> Box<Value> {
    for k in recent.values.indices
    where recent.values[k].key == key && same(recent.values[k].box.value, value) {
      return recent.values[k].box
    }
    let box = Box(value)
    recent.keep((key, box))
    return box
  }
}

/// A value in a box, which rows with the same value share; never changed (a row given a new
/// value takes a new box), so reading a field loads that field alone.
@usableFromInline final class Box<Value: Hashable & Sendable>: Hashable, Sendable {
  @usableFromInline let value: Value

  init(_ value: Value) { self.value = value }

  @usableFromInline static func == (a: Box, b: Box) -> Bool {
    a === b || a.value == b.value
  }
  @usableFromInline func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// The sums of a network's rows, with the counting conventions spelled out by name.
public struct Totals: Hashable, Sendable {
  public var params = 0
  public var nonTrainableParams = 0
  public var batchNormParams = 0
  public var biases = 0
  public var macs = 0
  /// Products of two computed tensors (attention), counted apart from `macs`.
  public var activationMatmulMacs = 0
  public var activationBytes = 0

  public init(
    params: Int = 0, nonTrainableParams: Int = 0, batchNormParams: Int = 0, biases: Int = 0,
    macs: Int = 0, activationBytes: Int = 0, activationMatmulMacs: Int = 0
  ) {
    self.params = params
    self.nonTrainableParams = nonTrainableParams
    self.batchNormParams = batchNormParams
    self.biases = biases
    self.macs = macs
    self.activationBytes = activationBytes
    self.activationMatmulMacs = activationMatmulMacs
  }

  public var trainableParams: Int { params - nonTrainableParams }
  /// Weights alone: no biases, no batch norm.
  public var weights: Int { params - biases - batchNormParams }
  /// The papers' parameter count: weights and biases, no batch norm.
  public var paramsWithoutBatchNorm: Int { params - batchNormParams }
}

/// A network's cost: its rows and totals, all integers. Renderers make text from it.
public struct Analysis: Sendable {
  public var network: String
  public var title: String?
  public var source: String?
  public var parameters: [Network.Parameter]
  public var input: Shape
  public var rows: [LayerRow]
  public var totals: Totals
  /// What sources printed for this network (at any parameter values), for `verify` and `sweep`.
  public var published: [PublishedFigure]
  /// The counting convention of every MACs figure here (rows and totals).
  public var convention: Convention = .paper
  /// Each of the convention's rules with what it added over the whole network, in rule order:
  /// `totals.macs` is the papers' MACs plus these.
  public var conventionTerms: [ConventionTerm] = []
  /// The MACs under the convention of the layers the PyTorch reference runs each way (`torch`),
  /// the ways no layer takes left out: where the tools part on attention (`conventions`).
  public var macsByTorchCall: [TorchCall: Int] = [:]
  /// What `--memory`, `--optimizer`, `--batch` or `--dtype` asked for; nil when none was given.
  public var memory: MemoryReport? = nil
  /// Each row's roofline bound on a device (`--device`); nil when none was given.
  public var roofline: Roofline? = nil
  /// The library whose names and layout the network follows (`Network.library`).
  public var library: String? = nil
  /// A spec, or the kind of model file it was read from (`Network.provenance`).
  public var provenance: Provenance = .spec

  /// The papers' MACs, whatever the convention.
  public var paperMACs: Int { totals.macs - conventionTerms.reduce(0) { $0 + $1.value } }

  /// The value of parameter `name` in this analysis.
  public func parameter(_ name: String) -> Double? {
    parameters.first { $0.name == name }?.value
  }
}

/// Bytes per activation value: fp32, as EECS 498-007 Lecture 8 counts memory.
public let bytesPerActivation = 4
