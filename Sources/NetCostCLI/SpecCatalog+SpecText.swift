#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the catalog reads off a built-in spec's text without parsing it: its variants' names and
/// libraries, line by line.
extension SpecCatalog {
  /// The names of a built-in spec's `variant` statements, read off the lines that start with
  /// `variant "`: parsing every built-in to find one name would triple the time a variant takes
  /// to analyse (11 ms). A test checks this against the parser for every built-in.
  static func variantNames(_ text: String) -> [String] { variantNames(bytes: Array(text.utf8)) }

  static func variantNames(bytes: [UInt8]) -> [String] {
    lines(of: bytes, startingWith: "variant \"").map {
      String(decoding: $0.prefix { $0 != quote }, as: UTF8.self)
    }
  }

  /// The library a built-in variant (or, for nil, the family) follows, read off its `variant`
  /// line's `library "…"` clause, else the spec's `library "…"` header line, as
  /// `ParsedSpec.library(of:)` finds it (a test checks every built-in): a namesake's library
  /// is asked on every run, and parsing its family would double the run.
  static func library(of variant: String?, in text: String) -> String? {
    library(of: variant, in: Array(text.utf8))
  }

  static func library(of variant: String?, in text: [UInt8]) -> String? {
    let clause = Array(" library \"".utf8)
    if let variant {
      let name = Array(variant.utf8) + [quote, 0x20]
      for rest in lines(of: text, startingWith: "variant \"") where rest.starts(with: name) {
        guard let at = rest.firstRange(of: clause) else { break }
        return String(decoding: rest[at.upperBound...].prefix { $0 != quote }, as: UTF8.self)
      }
    }
    return lines(of: text, startingWith: "library \"").first.map {
      String(decoding: $0.prefix { $0 != quote }, as: UTF8.self)
    }
  }

  private static let quote = UInt8(ascii: "\"")

  /// The rest of each line that starts with `prefix`, as bytes. Every built-in is scanned on
  /// each run (for the variants' names): the C library's `memchr` finds each place the prefix's
  /// first byte is (a `v` is half as common as a line end), and one at a line's start is read on.
  private static func lines(of bytes: [UInt8], startingWith prefix: String) -> [ArraySlice<UInt8>] {
    let prefix = Array(prefix.utf8)
    guard let first = prefix.first else { return [] }
    let ranges: [Range<Int>] = bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return [] }
      func find(_ byte: UInt8, from start: Int) -> Int? {
        guard start < buffer.count,
          let found = memchr(base + start, Int32(byte), buffer.count - start)
        else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
      }
      var found: [Range<Int>] = []
      var next = 0
      while let at = find(first, from: next) {
        next = at + 1
        guard at == 0 || buffer[at - 1] == 0x0A, buffer.count - at >= prefix.count,
          buffer[at..<at + prefix.count].elementsEqual(prefix)
        else { continue }
        let end = find(0x0A, from: at) ?? buffer.count
        found.append(at + prefix.count..<end)
        next = end
      }
      return found
    }
    return ranges.map { bytes[$0] }
  }
}
