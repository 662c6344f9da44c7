/// Reads one entry of a zip archive (a Keras `.keras` file) by its central directory, touching
/// only the directory and that entry: a 550 MB archive of weights costs a few small reads.
/// Stored entries are read as they are; deflated ones are inflated (`Inflate`). Format: PKWARE's
/// APPNOTE.TXT, sections 4.3.7 (local header), 4.3.12 (central directory), 4.3.16 (end record)
/// and 4.3.14–15 (ZIP64).
public struct ZipArchive {
  /// Why an archive cannot be read, in words for the user.
  public struct Failure: Error, Equatable {
    public var message: String
    public init(message: String) { self.message = message }
  }

  /// The archive's size and a way to read `count` bytes at `offset` (nil when the read fails).
  let size: Int
  let read: (_ offset: Int, _ count: Int) -> [UInt8]?

  public init(size: Int, read: @escaping (_ offset: Int, _ count: Int) -> [UInt8]?) {
    self.size = size
    self.read = read
  }

  /// An archive held in memory (standard input, tests).
  public init(bytes: [UInt8]) {
    self.init(size: bytes.count) { offset, count in
      offset >= 0 && count >= 0 && offset <= bytes.count - count
        ? Array(bytes[offset..<offset + count]) : nil
    }
  }

  /// Whether `bytes` start like a zip archive (a local file header).
  public static func looksLikeArchive(_ bytes: [UInt8]) -> Bool {
    bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
  }

  /// The largest central directory read: some 300,000 entries, far beyond any model's archive.
  static let largestDirectory = 16 << 20

  /// The bytes of the entry named `name`, at most `limit` of them once inflated.
  public func entry(_ name: String, limit: Int) throws(Failure) -> [UInt8] {
    let (directory, count) = try readDirectory()
    let wanted = Array(name.utf8)
    var offset = 0
    for _ in 0..<count {
      let record = try Self.record(in: directory, at: offset)
      if directory[record.name].elementsEqual(wanted) {
        return try entry(name, header: offset, in: directory, record: record, limit: limit)
      }
      offset = record.next
    }
    throw Failure(message: "it has no '\(name)'")
  }

  /// The names of every entry, in the directory's order, read from the directory alone: what
  /// tells a PyTorch archive from a Keras one without reading either's contents.
  public func entryNames() throws(Failure) -> [String] {
    let (directory, count) = try readDirectory()
    var names: [String] = []
    var offset = 0
    for _ in 0..<count {
      let record = try Self.record(in: directory, at: offset)
      names.append(String(decoding: directory[record.name], as: UTF8.self))
      offset = record.next
    }
    return names
  }

  /// The whole central directory in one read, and how many entries it says it has: its entries
  /// are then walked in memory.
  private func readDirectory() throws(Failure) -> (bytes: [UInt8], entries: Int) {
    let location = try centralDirectory()
    guard location.size <= Self.largestDirectory else {
      throw Failure(message: "its central directory is larger than the 16 MiB netcost reads")
    }
    return (try bytes(location.offset, location.size, "the central directory"), location.entries)
  }

  /// The directory record at `offset`: where its name lies and where the next record starts.
  private static func record(
    in directory: [UInt8], at offset: Int
  ) throws(Failure) -> (name: Range<Int>, next: Int) {
    guard offset + 46 <= directory.count, directory.uint32(offset) == 0x0201_4B50 else {
      throw Failure(message: "its central directory is damaged")
    }
    let nameLength = directory.uint16(offset + 28)
    let extraLength = directory.uint16(offset + 30)
    let commentLength = directory.uint16(offset + 32)
    let next = offset + 46 + nameLength + extraLength + commentLength
    guard next <= directory.count else {
      throw Failure(message: "its central directory is damaged")
    }
    return (offset + 46..<offset + 46 + nameLength, next)
  }

  /// The entry whose directory record is at `header`: its sizes and local offset (from the
  /// ZIP64 extra field where they overflow 32 bits), then its data.
  private func entry(
    _ name: String, header offset: Int, in directory: [UInt8],
    record: (name: Range<Int>, next: Int), limit: Int
  ) throws(Failure) -> [UInt8] {
    let header = Array(directory[offset..<offset + 46])
    let extraLength = header.uint16(30)
    let extra = Array(directory[record.name.upperBound..<record.name.upperBound + extraLength])
    var compressed = header.uint32(20)
    var uncompressed = header.uint32(24)
    var local = header.uint32(42)
    // ZIP64: sizes or offset of 0xFFFFFFFF are in the extra field, in this order.
    if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
      var values = Self.zip64Values(extra)
      if uncompressed == 0xFFFF_FFFF {
        uncompressed = values.isEmpty ? -1 : values.removeFirst()
      }
      if compressed == 0xFFFF_FFFF { compressed = values.isEmpty ? -1 : values.removeFirst() }
      if local == 0xFFFF_FFFF { local = values.isEmpty ? -1 : values.removeFirst() }
    }
    guard compressed >= 0, uncompressed >= 0, local >= 0 else {
      throw Failure(message: "its entry '\(name)' has a damaged ZIP64 field")
    }
    guard uncompressed <= limit else {
      throw Failure(
        message: "its '\(name)' is \(uncompressed) bytes, more than the \(limit) netcost reads")
    }
    return try data(
      at: local, compressed: compressed, uncompressed: uncompressed,
      method: header.uint16(10), crc: header.uint32(16), name: name, limit: limit)
  }

  private func data(
    at local: Int, compressed: Int, uncompressed: Int, method: Int, crc: Int, name: String,
    limit: Int
  ) throws(Failure) -> [UInt8] {
    let header = try bytes(local, 30, "a local header")
    guard header.uint32(0) == 0x0403_4B50 else {
      throw Failure(message: "its local header for '\(name)' is damaged")
    }
    let start = local + 30 + header.uint16(26) + header.uint16(28)
    // DEFLATE never grows data by more than a few bytes per 64 KiB block.
    guard compressed <= limit + limit / 1000 + 1024 else {
      throw Failure(
        message: "its '\(name)' is \(compressed) bytes compressed, more than the \(limit) netcost "
          + "reads")
    }
    let raw = try bytes(start, compressed, "'\(name)'")
    let content: [UInt8]
    switch method {
    case 0: content = raw
    case 8:
      do throws(Inflate.Failure) {
        content = try Inflate.inflate(raw, limit: limit)
      } catch {
        throw Failure(message: "its '\(name)' does not inflate: \(error.message)")
      }
    default:
      throw Failure(
        message: "its '\(name)' is compressed with method \(method); netcost reads stored and "
          + "deflated entries")
    }
    guard content.count == uncompressed, CRC32.checksum(content) == crc else {
      throw Failure(message: "its '\(name)' is damaged (the size or checksum differs)")
    }
    return content
  }

  /// Where the central directory is and how many entries it has, from the end record.
  private func centralDirectory() throws(Failure) -> (offset: Int, size: Int, entries: Int) {
    // The end record is 22 bytes plus a comment of up to 65,535.
    let tailLength = min(size, 22 + 65_535)
    let tail = try bytes(size - tailLength, tailLength, "the end of the archive")
    guard
      let at = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
        tail.uint32($0) == 0x0605_4B50
      })
    else {
      throw Failure(message: "it is not a zip archive (no end of central directory)")
    }
    var entries = tail.uint16(at + 10)
    var size = tail.uint32(at + 12)
    var offset = tail.uint32(at + 16)
    if offset == 0xFFFF_FFFF || entries == 0xFFFF, at >= 20,
      tail.uint32(at - 20) == 0x0706_4B50
    {
      let recordOffset = tail.uint64(at - 20 + 8)
      let record = try bytes(recordOffset, 56, "the ZIP64 end record")
      guard record.uint32(0) == 0x0606_4B50 else {
        throw Failure(message: "its ZIP64 end record is damaged")
      }
      entries = record.uint64(32)
      size = record.uint64(40)
      offset = record.uint64(48)
    }
    guard offset >= 0, size >= 0, entries >= 0, offset <= self.size - size else {
      throw Failure(message: "its central directory lies outside the file")
    }
    return (offset, size, entries)
  }

  private func bytes(_ offset: Int, _ count: Int, _ what: String) throws(Failure) -> [UInt8] {
    guard offset >= 0, count >= 0, offset <= size - count, let bytes = read(offset, count),
      bytes.count == count
    else {
      throw Failure(message: "it is truncated or damaged (cannot read \(what))")
    }
    return bytes
  }

  /// The 8-byte values of the ZIP64 extra field (tag 0x0001).
  static func zip64Values(_ extra: [UInt8]) -> [Int] {
    var i = 0
    while i + 4 <= extra.count {
      let tag = extra.uint16(i)
      let length = extra.uint16(i + 2)
      if tag == 1 {
        var values: [Int] = []
        var j = i + 4
        while j + 8 <= min(extra.count, i + 4 + length) {
          values.append(extra.uint64(j))
          j += 8
        }
        return values
      }
      i += 4 + length
    }
    return []
  }
}

extension [UInt8] {
  /// Little-endian integers at `i`, as zip stores them; values past `Int.max` become -1.
  func uint16(_ i: Int) -> Int { Int(self[i]) | Int(self[i + 1]) << 8 }
  func uint32(_ i: Int) -> Int { uint16(i) | uint16(i + 2) << 16 }
  func uint64(_ i: Int) -> Int {
    let high = uint32(i + 4)
    return high >= 0x8000_0000 ? -1 : uint32(i) | high << 32
  }
}

/// CRC-32 (ISO 3309, polynomial 0xEDB88320), as zip checks an entry.
enum CRC32 {
  static let table: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  static func checksum(_ bytes: [UInt8]) -> Int {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return Int(crc ^ 0xFFFF_FFFF)
  }
}
