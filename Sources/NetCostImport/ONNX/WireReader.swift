/// Protocol Buffers' binary wire format, read by hand: tags, varints, fixed 32- and 64-bit
/// values and length-delimited fields, over bytes the caller owns (a mapped file), so a field
/// that is skipped (an initializer's `raw_data`) is never read, let alone copied.
/// Encoding: https://protobuf.dev/programming-guides/encoding/
struct WireReader {
  /// Why bytes are not a message: a message for the user, with the byte offset.
  struct Failure: Error, Equatable {
    var message: String
  }

  enum WireType: Int {
    case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
  }

  let bytes: UnsafeRawBufferPointer
  private(set) var offset: Int
  let end: Int

  init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil) {
    self.bytes = bytes
    offset = range?.lowerBound ?? 0
    end = range?.upperBound ?? bytes.count
  }

  var isAtEnd: Bool { offset >= end }

  /// Where this reader's bytes end: the file's end, or the end of the message (a node, a
  /// tensor) it reads within, which is not the file's.
  private var ending: String {
    end == bytes.count ? "the end of the file" : "the end of its message at byte \(end)"
  }

  /// The next field's number and wire type; nil at the end of the message.
  mutating func field() throws(Failure) -> (number: Int, type: WireType)? {
    guard !isAtEnd else { return nil }
    let at = offset
    let tag = try varint()
    guard let type = WireType(rawValue: Int(tag & 7)), tag >> 3 > 0, tag >> 3 <= 536_870_911
    else {
      throw Failure(message: "a field tag is malformed (at byte \(at))")
    }
    return (Int(tag >> 3), type)
  }

  mutating func varint() throws(Failure) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    let start = offset
    while true {
      guard offset < end else {
        throw Failure(message: "a number runs past \(ending) (at byte \(start))")
      }
      let byte = bytes[offset]
      offset += 1
      // The tenth byte may only hold the top bit of 64.
      guard shift < 63 || (shift == 63 && byte <= 1) else {
        throw Failure(message: "a number runs past 64 bits (at byte \(start))")
      }
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
  }

  /// A varint read as a signed 64-bit integer (int64 fields: two's complement).
  mutating func int64() throws(Failure) -> Int64 { Int64(bitPattern: try varint()) }

  mutating func fixed32() throws(Failure) -> UInt32 { UInt32(truncatingIfNeeded: try fixed(4)) }

  mutating func fixed64() throws(Failure) -> UInt64 { try fixed(8) }

  /// A little-endian value of `width` bytes.
  private mutating func fixed(_ width: Int) throws(Failure) -> UInt64 {
    guard end - offset >= width else {
      throw Failure(
        message: "a \(width * 8)-bit value runs past \(ending) (at byte \(offset))")
    }
    var value: UInt64 = 0
    for i in 0..<width { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
    offset += width
    return value
  }

  /// A length-delimited field's bytes, as a range of the buffer; the reader moves past them.
  mutating func lengthDelimited() throws(Failure) -> Range<Int> {
    let at = offset
    let length = try varint()
    guard length <= UInt64(end - offset) else {
      throw Failure(
        message: "a field of \(length) bytes runs past \(ending) (at byte \(at))")
    }
    let range = offset..<offset + Int(length)
    offset = range.upperBound
    return range
  }

  /// A string field, its wire type checked first: a number tagged as a name is an error, not a
  /// name read from whatever bytes follow.
  mutating func string(_ type: WireType, field: String) throws(Failure) -> String {
    try expect(type, .lengthDelimited, field: field)
    let range = try lengthDelimited()
    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  /// Moves past a field this reader does not need.
  mutating func skip(_ type: WireType) throws(Failure) {
    switch type {
    case .varint: _ = try varint()
    case .fixed64: _ = try fixed64()
    case .fixed32: _ = try fixed32()
    case .lengthDelimited: _ = try lengthDelimited()
    case .startGroup, .endGroup:
      throw Failure(
        message: "the file uses protobuf groups, which ONNX never does (at byte \(offset))")
    }
  }

  /// Checks a field's wire type against the one ONNX's schema gives it.
  func expect(_ type: WireType, _ wanted: WireType, field: String) throws(Failure) {
    guard type == wanted else {
      throw Failure(
        message: "'\(field)' has wire type \(type.rawValue) where ONNX's schema has "
          + "\(wanted.rawValue) (at byte \(offset))")
    }
  }

  /// A repeated float field, packed (one length-delimited run) or not (one value).
  mutating func floats(
    _ type: WireType, field: String, into values: inout [Double]
  )
    throws(Failure)
  {
    if type == .lengthDelimited {
      var inner = WireReader(bytes, range: try lengthDelimited())
      while !inner.isAtEnd { values.append(Double(Float(bitPattern: try inner.fixed32()))) }
    } else {
      try expect(type, .fixed32, field: field)
      values.append(Double(Float(bitPattern: try fixed32())))
    }
  }

  /// A repeated varint field, packed (one length-delimited run) or not (one value).
  mutating func varints(
    _ type: WireType, field: String, into values: inout [Int64]
  )
    throws(Failure)
  {
    if type == .lengthDelimited {
      var inner = WireReader(bytes, range: try lengthDelimited())
      while !inner.isAtEnd { values.append(try inner.int64()) }
    } else {
      try expect(type, .varint, field: field)
      values.append(try int64())
    }
  }
}
