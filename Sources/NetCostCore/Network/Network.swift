/// A spec with every parameter bound, every block and loop expanded, and every reference resolved:
/// layers in file order, each reading only earlier layers.
public struct Network: Sendable {
  /// A parameter as declared, with the value it has in this network.
  public struct Parameter: Hashable, Sendable {
    public var name: String
    public var value: Double
    public var defaultValue: Double
    public var doc: String?
    /// The accepted values as written, e.g. `(0, 1]`; nil when any value is accepted.
    public var interval: String?
    /// The accepted values as numbers, for a search over them (`netcost fit`).
    public var domain: Domain? = nil
    /// Whether only whole numbers are accepted.
    public var wholeNumber = false

    package init(
      name: String, value: Double, defaultValue: Double, doc: String? = nil,
      interval: String? = nil, domain: Domain? = nil, wholeNumber: Bool = false
    ) {
      self.name = name
      self.value = value
      self.defaultValue = defaultValue
      self.doc = doc
      self.interval = interval
      self.domain = domain
      self.wholeNumber = wholeNumber
    }
  }

  /// The values a parameter accepts: a set, or a range with each end in or out.
  public enum Domain: Hashable, Sendable {
    case set([Double])
    case range(lower: Double, lowerClosed: Bool, upper: Double, upperClosed: Bool)
  }

  public var name: String
  public var title: String?
  public var source: String?
  public var parameters: [Parameter]
  public var input: Shape
  public var layers: [Layer]
  /// What papers and implementations printed for this network, at any parameter values.
  public var published: [PublishedFigure] = []
  /// The library whose names and layer layout the network follows (`torchvision`, `Keras`);
  /// nil for one that follows a paper alone.
  public var library: String? = nil
  /// A spec, or the kind of model file it was read from.
  public var provenance: Provenance = .spec

  /// The value of parameter `name`, if the network declares it.
  public func parameter(_ name: String) -> Double? {
    parameters.first { $0.name == name }?.value
  }

  /// The inputs its layers read besides their first, each as much work for an analysis as a
  /// layer: a sweep's and a search's budgets count them.
  package var inputsBesidesFirst: Int {
    layers.reduce(0) { $0.saturatingAdd(max(0, $1.inputs.count - 1)) }
  }

  /// Whether one of the `count` layers after layer `index` was written by its statement at its
  /// call sites (a loop's next pass, a block's next pass over it): whether an evaluation of it
  /// is worth keeping for one to come.
  package func originRecurs(after index: Int, within count: Int) -> Bool {
    guard layers.indices.contains(index) else { return false }
    let origin = layers[index].origin.identity
    for j in (index + 1)..<min(layers.count, index.saturatingAdd(count).saturatingAdd(1))
    where layers[j].origin.identity == origin {
      return true
    }
    return false
  }

  /// The layers the resolver made afresh in passes over a statement already made, their values
  /// new (`Limit.freshLayers`); 0 for an imported model.
  package var freshLayers = 0

  /// What a layer made afresh costs to resolve and analyse beyond a loop's pass that takes the
  /// figures of a pass before, in such layers: a million of `conv … dilation = i` took
  /// 3.4-4.4 s, a million maxpools 1.3 s. Budgets count it for each.
  package static let freshLayerWork = 4

  /// The work of analysing the network, in layers, as the budgets of sweeps, searches and
  /// comparisons count it: its layers, the inputs they read besides their first, and
  /// `freshLayerWork` more for each layer made afresh.
  package var analysisWork: Int {
    Self.analysisWork(layers: layers.count, inputs: inputsBesidesFirst, fresh: freshLayers)
  }

  package static func analysisWork(layers: Int, inputs: Int, fresh: Int) -> Int {
    layers.saturatingAdd(inputs).saturatingAdd(fresh.saturatingMultiply(freshLayerWork))
  }

  package init(
    name: String, title: String? = nil, source: String? = nil, parameters: [Parameter],
    input: Shape, layers: [Layer], published: [PublishedFigure] = [], library: String? = nil
  ) {
    self.name = name
    self.title = title
    self.source = source
    self.parameters = parameters
    self.input = input
    self.layers = layers
    self.published = published
    self.library = library
  }
}
