import NetCostCore

/// A layer's name made from its pieces in one allocation. `+` makes a string at each step, and
/// every layer a spec makes is named: ViT-H's 743, a loop's million.
enum NameText {
  /// `prefix/text`, or `text` outside a labelled block call.
  static func scoped(_ prefix: String?, _ text: String) -> String {
    guard let prefix else { return text }
    return build(length: prefix.utf8.count + 1 + text.utf8.count) { name in
      name.append(prefix)
      name.append(byte: slash)
      name.append(text)
    }
  }

  /// `prefix/stem_n`, or `stem_n` outside a labelled block call.
  static func numbered(_ prefix: String?, _ stem: String, _ number: Int) -> String {
    let digits = NumberFormat.integerLength(number)
    let scope = prefix.map { $0.utf8.count + 1 } ?? 0
    return build(length: scope + stem.utf8.count + 1 + digits) { name in
      if let prefix {
        name.append(prefix)
        name.append(byte: slash)
      }
      name.append(stem)
      name.append(byte: underscore)
      name.append(number, digits: digits)
    }
  }

  private static let slash = UInt8(ascii: "/")
  private static let underscore = UInt8(ascii: "_")

  /// A string of exactly `length` UTF-8 bytes, which `write` fills; the pieces are whole strings,
  /// so the bytes are valid UTF-8.
  private static func build(length: Int, _ write: (inout Bytes) -> Void) -> String {
    String(unsafeUninitializedCapacity: length) { buffer in
      var bytes = Bytes(buffer: buffer)
      write(&bytes)
      return bytes.count
    }
  }

  /// A cursor into the new string's memory. Each append stops at the end rather than write past
  /// it, so a length counted short gives a short name, never a stray write.
  private struct Bytes {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    mutating func append(_ text: String) {
      var text = text
      text.withUTF8 { source in
        let n = min(source.count, buffer.count - count)
        guard n > 0, let from = source.baseAddress, let to = buffer.baseAddress else { return }
        (to + count).update(from: from, count: n)
        count += n
      }
    }

    mutating func append(byte: UInt8) {
      guard count < buffer.count else { return }
      buffer[count] = byte
      count += 1
    }

    mutating func append(_ number: Int, digits: Int) {
      guard count + digits <= buffer.count else { return }
      NumberFormat.writeInteger(
        number, into: UnsafeMutableBufferPointer(rebasing: buffer[count..<count + digits]))
      count += digits
    }
  }
}
