import NetCostCore

/// Typed reads of a protobuf text message's fields, each failing with a located error.
extension ProtoMessage {
  /// The field named `name`, one caffe.proto does not repeat: Caffe's protobuf reader refuses
  /// such a field given twice ("Non-repeated field … is specified multiple times"), and so does
  /// netcost, rather than pick one of the values.
  func single(_ name: String) throws(Diagnostic) -> ProtoField? {
    let found = all(name)
    if found.count > 1 {
      throw Diagnostic(
        "'\(name)' is given \(found.count) times; caffe.proto takes it once",
        at: found[1].name.range)
    }
    return found.first
  }

  /// A whole number field, `defaultValue` when absent.
  func integer(
    _ name: String, default defaultValue: Int? = nil, minimum: Int = 0
  )
    throws(Diagnostic) -> Int?
  {
    guard let field = try single(name) else { return defaultValue }
    return try field.integer(minimum: minimum)
  }

  /// Every value of a repeated whole-number field.
  func integers(_ name: String, minimum: Int = 0) throws(Diagnostic) -> [Int] {
    var values: [Int] = []
    for field in all(name) { values.append(try field.integer(minimum: minimum)) }
    return values
  }

  func boolean(_ name: String, default defaultValue: Bool) throws(Diagnostic) -> Bool {
    guard let field = try single(name) else { return defaultValue }
    guard let scalar = field.scalar else { throw field.expected("true or false") }
    switch scalar.text {
    case "true", "True", "t", "1": return true
    case "false", "False", "f", "0": return false
    default: throw field.expected("true or false")
    }
  }

  func number(_ name: String) throws(Diagnostic) -> Double? {
    guard let field = try single(name) else { return nil }
    guard let scalar = field.scalar, scalar.kind == .number, let value = Double(scalar.text),
      value.isFinite
    else { throw field.expected("a number") }
    return value
  }

  /// A string field's contents, or an enum written as a word (V1's `type: CONVOLUTION`).
  func word(_ name: String) throws(Diagnostic) -> Located<String>? {
    guard let field = try single(name) else { return nil }
    guard let scalar = field.scalar, scalar.kind != .number else {
      throw field.expected("a name")
    }
    return Located(scalar.text, at: scalar.range)
  }

  func words(_ name: String) throws(Diagnostic) -> [Located<String>] {
    var values: [Located<String>] = []
    for field in all(name) {
      guard let scalar = field.scalar, scalar.kind != .number else {
        throw field.expected("a name")
      }
      values.append(Located(scalar.text, at: scalar.range))
    }
    return values
  }

  func message(_ name: String) throws(Diagnostic) -> ProtoMessage? {
    guard let field = last(name) else { return nil }
    guard let message = field.message else { throw field.expected("a message '{ … }'") }
    return message
  }

  /// Refuses any field not in `known`: an option netcost does not read could change the cost.
  func onlyKnown(_ known: Set<String>, layer: String) throws(Diagnostic) {
    if let field = fields.first(where: { !known.contains($0.name.value) }) {
      throw .unsupportedOption(
        field.name.value, layer: layer, at: field.name.range,
        help: "netcost reads " + Suggest.quotedList(known.sorted()) + " here")
    }
  }
}

extension ProtoField {
  /// caffe.proto's sizes are 32-bit: a larger number is no Caffe model's.
  func integer(minimum: Int) throws(Diagnostic) -> Int {
    guard let scalar, scalar.kind == .number, let value = Int(scalar.text),
      value <= Int(Int32.max)
    else {
      throw expected("a whole number below 2³¹")
    }
    guard value >= minimum else { throw expected("at least \(minimum)") }
    return value
  }

  func expected(_ what: String) -> Diagnostic {
    let got: String =
      switch value {
      case .scalar(let s): "'\(s.text)'"
      case .message: "a message"
      }
    return .badValue(name.value, expected: what, got: got, at: range)
  }
}
