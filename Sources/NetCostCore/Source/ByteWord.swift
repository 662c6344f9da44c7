/// Tests on eight bytes at once, for the scanners' runs of plain text (a Keras model is 169 KB
/// on one line): the zero-byte test of a word XORed with the byte sought, and the test for a
/// byte under a bound, both exact as yes-or-no answers.
package enum ByteWord {
  /// Whether any of the word's bytes is `byte`.
  @inlinable package static func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
    let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
    return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
  }

  /// Whether any of the word's bytes is under `bound`, which is at most 128.
  @inlinable package static func containsByte(under bound: UInt8, _ word: UInt64) -> Bool {
    (word &- 0x0101_0101_0101_0101 &* UInt64(bound)) & ~word & 0x8080_8080_8080_8080 != 0
  }

  /// Whether any of the word's bytes is outside ASCII (a part of a longer UTF-8 sequence).
  @inlinable package static func containsNonASCII(_ word: UInt64) -> Bool {
    word & 0x8080_8080_8080_8080 != 0
  }

  /// Where the run of whole words from `start` whose bytes are all printable ASCII (0x20 to
  /// 0x7F, a column each and none a line break) ends, at most at `end`: a scanner steps over it
  /// in one call.
  package static func printableRun(
    in raw: UnsafeRawBufferPointer, from start: Int, to end: Int
  ) -> Int {
    var offset = start
    while offset + 8 <= min(end, raw.count) {
      let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      if containsByte(under: 0x20, word) || containsNonASCII(word) { break }
      offset += 8
    }
    return offset
  }
}
