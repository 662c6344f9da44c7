import NetCostCore

/// The parts of an ONNX model netcost reads (onnx/onnx.proto3): the graph's nodes, their
/// attributes, the initializers' names, types and dims (never their values, except small integer
/// and float constants, which shapes and axes are made of), and the declared inputs and outputs.
struct OnnxModel {
  var irVersion: Int64 = 0
  /// The opset of the default domain (`""` or `ai.onnx`).
  var opset: Int64?
  var producer = ""
  var graph = OnnxGraph()
}

struct OnnxGraph {
  var name = ""
  var nodes: [OnnxNode] = []
  var initializers: [OnnxTensor] = []
  var inputs: [OnnxValueInfo] = []
  var outputs: [OnnxValueInfo] = []
}

struct OnnxNode {
  var name = ""
  var opType = ""
  var domain = ""
  var inputs: [String] = []
  var outputs: [String] = []
  var attributes: [String: OnnxAttribute] = [:]
  /// Whether an attribute holds a graph (If, Loop, Scan): refused.
  var hasSubgraph = false

  /// Its name, or its first output's when it has none: what its layer and messages call it.
  var label: String { name.isEmpty ? (outputs.first ?? "") : name }

  /// How `--skip` names its operator: `op_type` in the default domain, else `domain::op_type`
  /// (`com.microsoft::FusedConv`), so one name never means two operators.
  var skipName: String {
    domain.isEmpty || domain == "ai.onnx" ? opType : domain + "::" + opType
  }
}

enum OnnxAttribute {
  case int(Int64)
  case float(Double)
  case ints([Int64])
  case floats([Double])
  case string(String)
  case tensor(OnnxTensor)
  case other
}

struct OnnxTensor {
  var name = ""
  var dims: [Int64] = []
  var dataType: Int64 = 0
  /// Integer or float values, for a small tensor stored in the file; nil when not read (large, or
  /// in external data).
  var values: [Double]?

  /// TensorProto's integer data types (INT8 … UINT64, BOOL), whose arithmetic is integer.
  static let integerTypes: Set<Int64> = [2, 3, 4, 5, 6, 7, 9, 12, 13]

  /// Elements: the product of the dims (1 for a scalar); nil past 64 bits.
  var elementCount: Int? {
    var count = 1
    for d in dims {
      guard d >= 0 else { return nil }
      let (product, overflow) = count.multipliedReportingOverflow(by: Int(d))
      if overflow { return nil }
      count = product
    }
    return count
  }
}

struct OnnxValueInfo {
  enum Dim: Equatable {
    case value(Int64)
    /// A symbolic size, such as `batch_size` or `N`.
    case param(String)
    case unknown
  }
  var name = ""
  /// nil when the type gives no shape.
  var dims: [Dim]?
}

/// Decoding, message by message; unknown fields are skipped, as protobuf readers do.
extension OnnxModel {
  static let largestValues = 4096
  /// Entries of one list netcost keeps (initializers, a node's inputs, an attribute's ints): far
  /// above any model, far below what a hostile 2 GiB file could make it allocate.
  static let largestList = 1_000_000

  static func bounded<T>(_ list: [T], _ what: String) throws(WireReader.Failure) {
    try bounded(count: list.count, what)
  }

  static func bounded(count: Int, _ what: String) throws(WireReader.Failure) {
    guard count <= largestList else {
      throw WireReader.Failure(message: "it has more than \(largestList) \(what)")
    }
  }

  init(_ bytes: UnsafeRawBufferPointer) throws(WireReader.Failure) {
    var r = WireReader(bytes)
    var sawGraph = false
    while let (number, type) = try r.field() {
      switch number {
      case 1:
        try r.expect(type, .varint, field: "ir_version")
        irVersion = try r.int64()
      case 2:
        try r.expect(type, .lengthDelimited, field: "producer_name")
        producer = try r.string(type, field: "producer_name")
      case 7:
        try r.expect(type, .lengthDelimited, field: "graph")
        graph = try OnnxGraph(WireReader(bytes, range: try r.lengthDelimited()))
        sawGraph = true
      case 8:
        try r.expect(type, .lengthDelimited, field: "opset_import")
        var set = WireReader(bytes, range: try r.lengthDelimited())
        var domain = ""
        var version: Int64 = 0
        while let (n, t) = try set.field() {
          switch n {
          case 1: domain = try set.string(t, field: "domain")
          case 2:
            try set.expect(t, .varint, field: "version")
            version = try set.int64()
          default: try set.skip(t)
          }
        }
        if domain.isEmpty || domain == "ai.onnx" { opset = version }
      default: try r.skip(type)
      }
    }
    guard sawGraph else { throw WireReader.Failure(message: "it has no graph") }
  }
}

extension OnnxGraph {
  init(_ reader: WireReader) throws(WireReader.Failure) {
    var r = reader
    while let (number, type) = try r.field() {
      switch number {
      case 1:
        try r.expect(type, .lengthDelimited, field: "node")
        nodes.append(try OnnxNode(WireReader(r.bytes, range: try r.lengthDelimited())))
        guard nodes.count <= Limit.importedLayers.value else {
          throw WireReader.Failure(
            message: "it has more than \(Limit.importedLayers.value) nodes")
        }
      case 2: name = try r.string(type, field: "name")
      case 5:
        try r.expect(type, .lengthDelimited, field: "initializer")
        initializers.append(try OnnxTensor(WireReader(r.bytes, range: try r.lengthDelimited())))
        try OnnxModel.bounded(initializers, "initializers")
      case 11, 12:
        try r.expect(type, .lengthDelimited, field: number == 11 ? "input" : "output")
        let info = try OnnxValueInfo(WireReader(r.bytes, range: try r.lengthDelimited()))
        if number == 11 { inputs.append(info) } else { outputs.append(info) }
      default: try r.skip(type)
      }
    }
  }
}

extension OnnxNode {
  init(_ reader: WireReader) throws(WireReader.Failure) {
    var r = reader
    while let (number, type) = try r.field() {
      switch number {
      case 1:
        inputs.append(try r.string(type, field: "input"))
        try OnnxModel.bounded(inputs, "inputs to a node")
      case 2:
        outputs.append(try r.string(type, field: "output"))
        try OnnxModel.bounded(outputs, "outputs of a node")
      case 3: name = try r.string(type, field: "name")
      case 4: opType = try r.string(type, field: "op_type")
      case 7: domain = try r.string(type, field: "domain")
      case 5:
        try r.expect(type, .lengthDelimited, field: "attribute")
        let (key, value, graph) = try Self.attribute(
          WireReader(r.bytes, range: try r.lengthDelimited()))
        attributes[key] = value
        hasSubgraph = hasSubgraph || graph
        try OnnxModel.bounded(count: attributes.count, "attributes of a node")
      default: try r.skip(type)
      }
    }
  }

  /// AttributeProto: its name, its value, and whether it holds a graph.
  static func attribute(
    _ reader: WireReader
  ) throws(WireReader.Failure)
    -> (String, OnnxAttribute, Bool)
  {
    var r = reader
    var name = ""
    var value = OnnxAttribute.other
    var ints: [Int64] = []
    var floats: [Double] = []
    var type: Int64 = 0
    var graph = false
    while let (number, wire) = try r.field() {
      switch number {
      case 1: name = try r.string(wire, field: "name")
      case 2:
        try r.expect(wire, .fixed32, field: "f")
        value = .float(Double(Float(bitPattern: try r.fixed32())))
      case 3:
        try r.expect(wire, .varint, field: "i")
        value = .int(try r.int64())
      case 4: value = .string(try r.string(wire, field: "s"))
      case 5:
        try r.expect(wire, .lengthDelimited, field: "t")
        value = .tensor(try OnnxTensor(WireReader(r.bytes, range: try r.lengthDelimited())))
      case 6, 11:
        graph = true
        try r.skip(wire)
      case 7:
        try r.floats(wire, field: "floats", into: &floats)
        try OnnxModel.bounded(floats, "values in an attribute")
      case 8:
        try r.varints(wire, field: "ints", into: &ints)
        try OnnxModel.bounded(ints, "values in an attribute")
      case 20:
        try r.expect(wire, .varint, field: "type")
        type = try r.int64()
      default: try r.skip(wire)
      }
    }
    // Repeated values are the value when the type says so, or when nothing else was given.
    if type == 7 || (!ints.isEmpty && floats.isEmpty) { value = .ints(ints) }
    if type == 6 || (!floats.isEmpty && ints.isEmpty) { value = .floats(floats) }
    return (name, value, graph)
  }
}

extension OnnxTensor {
  init(_ reader: WireReader) throws(WireReader.Failure) {
    var r = reader
    var ints: [Int64] = []
    var floats: [Double] = []
    var raw: Range<Int>?
    var external = false
    while let (number, type) = try r.field() {
      switch number {
      case 1:
        try r.varints(type, field: "dims", into: &dims)
        try OnnxModel.bounded(dims, "dims of a tensor")
      case 2:
        try r.expect(type, .varint, field: "data_type")
        dataType = try r.int64()
      case 5, 7:
        try r.varints(type, field: "int64_data", into: &ints)
        try OnnxModel.bounded(ints, "values in a tensor")
      case 4:
        try r.floats(type, field: "float_data", into: &floats)
        try OnnxModel.bounded(floats, "values in a tensor")
      case 8: name = try r.string(type, field: "name")
      case 9:
        // The weights: remembered as a range, read only if small.
        try r.expect(type, .lengthDelimited, field: "raw_data")
        raw = try r.lengthDelimited()
      case 13, 14:
        external = true
        try r.skip(type)
      default: try r.skip(type)
      }
    }
    guard !external else { return }
    if !ints.isEmpty {
      values = ints.prefix(OnnxModel.largestValues + 1).map { Double($0) }
    } else if !floats.isEmpty {
      values = floats
    } else if let raw, let decoded = Self.decode(r.bytes, raw, type: dataType) {
      values = decoded
    }
    if let count = values?.count, count > OnnxModel.largestValues { values = nil }
  }

  /// Little-endian raw data of a small integer or float tensor.
  static func decode(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, type: Int64) -> [Double]?
  {
    let width: Int
    switch type {
    case 6, 1: width = 4  // INT32, FLOAT
    case 7, 11: width = 8  // INT64, DOUBLE
    default: return nil
    }
    guard range.count % width == 0, range.count / width <= OnnxModel.largestValues else {
      return nil
    }
    var values: [Double] = []
    var i = range.lowerBound
    while i < range.upperBound {
      var bits: UInt64 = 0
      for k in 0..<width { bits |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
      switch type {
      case 6: values.append(Double(Int32(truncatingIfNeeded: bits)))
      case 7: values.append(Double(Int64(bitPattern: bits)))
      case 1: values.append(Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))))
      default: values.append(Double(bitPattern: bits))
      }
      i += width
    }
    return values
  }
}

extension OnnxValueInfo {
  init(_ reader: WireReader) throws(WireReader.Failure) {
    var r = reader
    while let (number, type) = try r.field() {
      switch number {
      case 1: name = try r.string(type, field: "name")
      case 2:
        // TypeProto → tensor_type (1) → shape (2) → dim (1) → dim_value (1) | dim_param (2).
        try r.expect(type, .lengthDelimited, field: "type")
        var typeProto = WireReader(r.bytes, range: try r.lengthDelimited())
        while let (n, t) = try typeProto.field() {
          guard n == 1, t == .lengthDelimited else {
            try typeProto.skip(t)
            continue
          }
          var tensor = WireReader(r.bytes, range: try typeProto.lengthDelimited())
          while let (n2, t2) = try tensor.field() {
            guard n2 == 2, t2 == .lengthDelimited else {
              try tensor.skip(t2)
              continue
            }
            var shape = WireReader(r.bytes, range: try tensor.lengthDelimited())
            var found: [Dim] = []
            while let (n3, t3) = try shape.field() {
              guard n3 == 1, t3 == .lengthDelimited else {
                try shape.skip(t3)
                continue
              }
              var dim = WireReader(r.bytes, range: try shape.lengthDelimited())
              var value = Dim.unknown
              while let (n4, t4) = try dim.field() {
                switch n4 {
                case 1:
                  try dim.expect(t4, .varint, field: "dim_value")
                  value = .value(try dim.int64())
                case 2: value = .param(try dim.string(t4, field: "dim_param"))
                default: try dim.skip(t4)
                }
              }
              found.append(value)
              try OnnxModel.bounded(found, "dims of an input")
            }
            dims = found
          }
        }
      default: try r.skip(type)
      }
    }
  }
}
