import Testing

@testable import NetCostImport

/// `.keras` archives read by their central directory: stored and deflated entries, and every way
/// an archive can be damaged, each refused with a message rather than a crash.
@Suite struct ZipArchiveTests {
  static func archive(_ name: String) throws -> [UInt8] { try Fixture.bytes("keras/\(name)") }

  @Test func storedAndDeflatedReadTheSame() throws {
    let stored = try ZipArchive(bytes: Self.archive("resnet50.keras")).entry(
      "config.json", limit: 4 << 20)
    let deflated = try ZipArchive(bytes: Self.archive("resnet50-deflated.keras")).entry(
      "config.json", limit: 4 << 20)
    #expect(stored.count == 175_670)
    #expect(stored == deflated)
  }

  /// A large archive is read in a few small parts: the end (at most 64 KiB), the directory and
  /// the entry. (Tests/Benchmarks/run.sh times it on a 550 MB archive.)
  @Test func readsOnlyTheEndTheDirectoryAndTheEntry() throws {
    var bytes = try Self.archive("vgg16.keras")
    // Put 500 MB of other data (the weights) in front: every offset the archive records moves.
    let padding = 500_000_000
    func add(_ value: Int, at i: Int) {
      let moved = bytes.uint32(i) + value
      for k in 0..<4 { bytes[i + k] = UInt8((moved >> (8 * k)) & 0xFF) }
    }
    let end = bytes.count - 22
    var entry = bytes.uint32(end + 16)
    for _ in 0..<bytes.uint16(end + 10) {
      add(padding, at: entry + 42)
      entry += 46 + bytes.uint16(entry + 28) + bytes.uint16(entry + 30) + bytes.uint16(entry + 32)
    }
    add(padding, at: end + 16)
    var reads: [Range<Int>] = []
    let archive = ZipArchive(size: bytes.count + padding) { offset, count in
      reads.append(offset..<offset + count)
      return (offset..<offset + count).map { $0 < padding ? 0 : bytes[$0 - padding] }
    }
    let config = try archive.entry("config.json", limit: 1 << 20)
    #expect(config.count == 22_174)
    #expect(reads.allSatisfy { $0.lowerBound >= padding + bytes.count - 65_557 })
    #expect(reads.map(\.count).reduce(0, +) < 100_000)
  }

  struct Damage: Sendable, CustomTestStringConvertible {
    var what: String
    var damage: @Sendable ([UInt8]) -> [UInt8]
    var message: String
    var testDescription: String { what }
  }

  static let damages: [Damage] = [
    Damage(
      what: "truncated", damage: { Array($0.prefix($0.count / 2)) },
      message: "it is not a zip archive (no end of central directory)"),
    Damage(
      what: "empty", damage: { _ in [] },
      message: "it is not a zip archive (no end of central directory)"),
    Damage(
      what: "no end record", damage: { Array($0.dropLast(22)) },
      message: "it is not a zip archive (no end of central directory)"),
    Damage(
      what: "directory offset past the end",
      damage: { bytes in
        var b = bytes
        b[b.count - 6] = 0xFF
        b[b.count - 5] = 0xFF
        return b
      }, message: "its central directory lies outside the file"),
    Damage(
      what: "one byte of config.json flipped",
      damage: { bytes in
        var b = bytes
        // config.json is most of the archive: its middle byte is one of config.json's.
        b[b.count / 2] ^= 0x01
        return b
      }, message: "its 'config.json' is damaged (the size or checksum differs)"),
    Damage(
      what: "unknown compression method",
      damage: { bytes in
        var b = bytes
        // Every central directory entry's method: 12 (bzip2).
        var i = b.count - 22
        while i >= 0 {
          if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x01, b[i + 3] == 0x02 { b[i + 10] = 12 }
          i -= 1
        }
        return b
      },
      message:
        "its 'config.json' is compressed with method 12; netcost reads stored and deflated entries"
    ),
  ]

  @Test(arguments: damages)
  func damagedArchivesAreRefused(_ d: Damage) throws {
    let archive = ZipArchive(bytes: d.damage(try Self.archive("nested.keras")))
    #expect(throws: ZipArchive.Failure(message: d.message)) {
      try archive.entry("config.json", limit: 4 << 20)
    }
  }

  /// The entries' names come from the directory alone, in its order; a damaged directory is
  /// refused as for an entry.
  @Test func entryNames() throws {
    let bytes = try Self.archive("vgg16.keras")
    var reads: [Range<Int>] = []
    let archive = ZipArchive(size: bytes.count) { offset, count in
      reads.append(offset..<offset + count)
      return Array(bytes[offset..<offset + count])
    }
    #expect(try archive.entryNames() == ["metadata.json", "config.json"])
    // Two reads, the end of the file and the directory: no entry's local header or data.
    #expect(reads.count == 2)
    #expect(throws: ZipArchive.Failure(message: "its central directory lies outside the file")) {
      var damaged = bytes
      damaged[damaged.count - 6] = 0xFF
      damaged[damaged.count - 5] = 0xFF
      return try ZipArchive(bytes: damaged).entryNames()
    }
  }

  @Test func missingEntryAndLimit() throws {
    let archive = ZipArchive(bytes: try Self.archive("nested.keras"))
    #expect(throws: ZipArchive.Failure(message: "it has no 'model.json'")) {
      try archive.entry("model.json", limit: 4 << 20)
    }
    #expect(
      throws: ZipArchive.Failure(
        message: "its 'config.json' is \(try archive.entry("config.json", limit: 1 << 20).count) "
          + "bytes, more than the 1000 netcost reads")
    ) { try archive.entry("config.json", limit: 1000) }
  }

  /// Deflate streams that lie: each fails with a reason, none runs past its limit.
  @Test(arguments: [
    ([0x07] as [UInt8], "a block has the reserved type 3"),
    ([0x01, 0x05, 0x00, 0x00, 0x00], "a stored block's length check fails"),
    ([0x01, 0x05, 0x00, 0xFA, 0xFF, 0x41], "the stream ends early"),
    ([], "the stream ends early"),
    // Fixed Huffman: a length/distance pair reaching before the first byte.
    ([0x03, 0x02], "a distance reaches before the start"),
  ])
  func badDeflateStreams(_ bytes: [UInt8], _ message: String) {
    #expect(throws: (any Error).self) { try Inflate.inflate(bytes, limit: 1 << 20) }
    do {
      _ = try Inflate.inflate(bytes, limit: 1 << 20)
    } catch {
      #expect(error.message == message)
    }
  }

  @Test func inflateStopsAtItsLimit() throws {
    let deflated = try Self.archive("resnet50-deflated.keras")
    let archive = ZipArchive(bytes: deflated)
    #expect(throws: ZipArchive.Failure.self) { try archive.entry("config.json", limit: 175_669) }
  }
}
