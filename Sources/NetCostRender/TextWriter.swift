import NetCostCore

/// Text written as it is made: bytes gathered in a buffer and handed on every 64 KB, so a
/// million-row table or JSON document is never held whole (issue 25). Without a `handOn` it keeps
/// everything, for a string (tests, `-o`, the commands whose output is small).
///
/// The buffer is raw memory that the writer alone owns (it cannot be copied): a gigabyte of JSON
/// is some hundred million small writes, each a bounds check and a copy here, where an array's
/// append would check its storage's uniqueness and capacity through the runtime every time.
public struct TextWriter: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int
  private let handOn: (([UInt8]) -> Void)?
  private static let chunk = 1 << 16

  /// A writer that keeps what is written: `text` is all of it.
  public init() {
    capacity = 256
    base = .allocate(capacity: capacity)
    handOn = nil
  }

  /// A writer that hands each full buffer to `handOn`, and the rest at `finish()`.
  public init(handOn: @escaping ([UInt8]) -> Void) {
    capacity = Self.chunk + Self.chunk / 4
    base = .allocate(capacity: capacity)
    self.handOn = handOn
  }

  deinit { base.deallocate() }

  /// What a keeping writer holds.
  public var text: String { String(decoding: written, as: UTF8.self) }

  /// What a keeping writer holds, as bytes (a piece of a table made on another core).
  public var bytes: [UInt8] { Array(written) }

  private var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  /// Room for `items` items in all, guessed from the first, `first` bytes (a quarter more), made
  /// at once: a piece of a million rows is not copied again and again as its buffer doubles.
  /// At most 16 MB: past it, as it grows (one long first name does not make room for
  /// thousands).
  public mutating func reserve(items: Int, first: Int) {
    let (total, overflow) = first.multipliedReportingOverflow(by: items)
    let room = overflow ? Self.mostReserved : min(Self.mostReserved, total / 4 * 5)
    if room > capacity { grow(to: room) }
  }
  private static let mostReserved = 16 << 20

  /// Where the next byte goes in what a keeping writer holds.
  var position: Int { count }

  /// What a keeping writer holds from `start` (a `position`) on; nil for a writer that hands
  /// its text on, whose bytes before may be gone.
  func bytes(from start: Int) -> [UInt8]? {
    guard handOn == nil, (0...count).contains(start) else { return nil }
    return Array(written[start...])
  }

  public mutating func write(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
    handOnIfFull()
  }

  public mutating func write(_ text: Substring) {
    var text = text
    text.withUTF8 { append($0) }
    handOnIfFull()
  }

  public mutating func write(byte: UInt8) {
    if count == capacity { grow(to: count + 1) }
    base[count] = byte
    count += 1
    handOnIfFull()
  }

  public mutating func write(bytes: some Collection<UInt8>) {
    let done: Void? = bytes.withContiguousStorageIfAvailable { append($0) }
    if done == nil {
      for byte in bytes { write(byte: byte) }
    }
    handOnIfFull()
  }

  /// Bytes made by another writer (a piece of a table made on another core): a large piece is
  /// handed on as it is, after what this writer holds, not copied into the buffer first.
  public mutating func write(piece bytes: [UInt8]) {
    guard let handOn, bytes.count >= Self.chunk / 4 else { return write(bytes: bytes) }
    if count > 0 { handOn(Array(written)) }
    count = 0
    handOn(bytes)
  }

  public mutating func write(spaces count: Int) {
    let n = max(0, count)
    if n > capacity - self.count { grow(to: self.count + n) }
    (base + self.count).update(repeating: 0x20, count: n)
    self.count += n
    handOnIfFull()
  }

  /// A literal, ASCII by the caller's word: written without looking at it.
  public mutating func write(_ text: StaticString) {
    append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    handOnIfFull()
  }

  /// `"key": `, a JSON key of netcost's own (ASCII, nothing to escape), in one write: a million
  /// rows of JSON write thirty million keys.
  public mutating func write(jsonKey key: StaticString) {
    let n = key.utf8CodeUnitCount
    if n + 4 > capacity - count { grow(to: count + n + 4) }
    base[count] = UInt8(ascii: "\"")
    Self.copy(key.utf8Start, to: base + count + 1, count: n)
    base[count + n + 1] = UInt8(ascii: "\"")
    base[count + n + 2] = UInt8(ascii: ":")
    base[count + n + 3] = UInt8(ascii: " ")
    count += n + 4
    handOnIfFull()
  }

  /// `bytes` between double quotes, as they are: text the caller found needs no escapes.
  public mutating func write(quoted bytes: UnsafeBufferPointer<UInt8>) {
    if bytes.count + 2 > capacity - count { grow(to: count + bytes.count + 2) }
    base[count] = UInt8(ascii: "\"")
    if let start = bytes.baseAddress { Self.copy(start, to: base + count + 1, count: bytes.count) }
    base[count + bytes.count + 1] = UInt8(ascii: "\"")
    count += bytes.count + 2
    handOnIfFull()
  }

  /// `n` in decimal, without a string made for it.
  public mutating func write(_ n: Int) {
    // One digit, most counts of a layer's window and field: a byte.
    if n >= 0 && n < 10 { return write(byte: UInt8(ascii: "0") + UInt8(n)) }
    let length = NumberFormat.integerLength(n)
    if length > capacity - count { grow(to: count + length) }
    NumberFormat.writeInteger(
      n, into: UnsafeMutableBufferPointer(start: base + count, count: length))
    count += length
    handOnIfFull()
  }

  /// Hands on what is left.
  public mutating func finish() {
    guard let handOn, count > 0 else { return }
    handOn(Array(written))
    count = 0
  }

  @inline(__always)
  private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let start = bytes.baseAddress else { return }
    if bytes.count > capacity - count { grow(to: count + bytes.count) }
    Self.copy(start, to: base + count, count: bytes.count)
    count += bytes.count
  }

  /// `count` bytes from `source` to `target`. A few at a time, nearly always (a key, a number,
  /// a name): from 4 to 16 as two words that may overlap, not a call to memcpy (some 35
  /// instructions, tens of millions of times for a million rows of JSON).
  @inline(__always)
  private static func copy(
    _ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int
  ) {
    let (from, to) = (UnsafeRawPointer(source), UnsafeMutableRawPointer(target))
    switch count {
    case 8...16:
      let (first, last) = (
        from.loadUnaligned(as: UInt64.self),
        from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
      )
      to.storeBytes(of: first, as: UInt64.self)
      to.storeBytes(of: last, toByteOffset: count - 8, as: UInt64.self)
    case 4..<8:
      let (first, last) = (
        from.loadUnaligned(as: UInt32.self),
        from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
      )
      to.storeBytes(of: first, as: UInt32.self)
      to.storeBytes(of: last, toByteOffset: count - 4, as: UInt32.self)
    case 0..<4:
      for i in 0..<count { target[i] = source[i] }
    default:
      target.update(from: source, count: count)
    }
  }

  @inline(__always)
  private mutating func handOnIfFull() {
    guard count >= Self.chunk, let handOn else { return }
    handOn(Array(written))
    count = 0
  }

  /// Room for `needed` bytes, by doubling.
  private mutating func grow(to needed: Int) {
    let larger = max(needed, capacity <= Int.max / 2 ? 2 * capacity : needed)
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    moved.update(from: base, count: count)
    base.deallocate()
    base = moved
    capacity = larger
  }
}
