import Testing

@testable import NetCostRender

/// The writer copies a few bytes as words that may overlap, not by memcpy (issue 25): every
/// length, at every offset in its buffer, comes out as it went in, and a reserved buffer holds
/// what a doubled one does.
@Suite struct TextWriterTests {
  @Test func bytesOfEveryLengthAtEveryOffsetComeOutAsTheyWentIn() {
    let source = (0..<40).map { UInt8(ascii: "a") + UInt8($0 % 26) }
    for offset in 0..<9 {
      for length in 0...source.count {
        var out = TextWriter()
        out.write(spaces: offset)
        source.withUnsafeBufferPointer {
          out.write(quoted: UnsafeBufferPointer(rebasing: $0[..<length]))
        }
        out.write(bytes: source[..<length])
        let expected =
          String(repeating: " ", count: offset) + "\""
          + String(decoding: source[..<length], as: UTF8.self)
          + "\"" + String(decoding: source[..<length], as: UTF8.self)
        #expect(out.text == expected, "\(length) bytes after \(offset)")
      }
    }
  }

  @Test(arguments: [0, 1, 100, 1 << 30])
  func reservedRoomHoldsWhatGrowingDoes(first: Int) {
    var reserved = TextWriter()
    var grown = TextWriter()
    reserved.reserve(items: 1_000, first: first)
    for i in 0..<1_000 {
      reserved.write(i)
      grown.write(i)
    }
    #expect(reserved.text == grown.text)
  }
}
