/// Text written as it is made: bytes gathered in a buffer and handed on every 64 KB, so a
/// million-row table or JSON document is never held whole (issue 25). Without a `handOn` it keeps
/// everything, for a string (tests, `-o`, the commands whose output is small).
public struct TextWriter {
  private var buffer: [UInt8] = []
  private let handOn: (([UInt8]) -> Void)?
  private static let chunk = 1 << 16

  /// A writer that keeps what is written: `text` is all of it.
  public init() {
    handOn = nil
  }

  /// A writer that hands each full buffer to `handOn`, and the rest at `finish()`.
  public init(handOn: @escaping ([UInt8]) -> Void) {
    self.handOn = handOn
    buffer.reserveCapacity(Self.chunk + Self.chunk / 4)
  }

  /// What a keeping writer holds.
  public var text: String { String(decoding: buffer, as: UTF8.self) }

  public mutating func write(_ text: String) {
    buffer += text.utf8
    handOnIfFull()
  }

  public mutating func write(_ text: Substring) {
    buffer += text.utf8
    handOnIfFull()
  }

  public mutating func write(byte: UInt8) {
    buffer.append(byte)
    handOnIfFull()
  }

  public mutating func write(bytes: some Collection<UInt8>) {
    buffer += bytes
    handOnIfFull()
  }

  public mutating func write(spaces count: Int) {
    for _ in 0..<max(0, count) { buffer.append(0x20) }
    handOnIfFull()
  }

  /// A literal, ASCII by the caller's word: written without looking at it.
  public mutating func write(_ text: StaticString) {
    buffer += UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    handOnIfFull()
  }

  /// `n` in decimal, without a string made for it.
  public mutating func write(_ n: Int) {
    if n < 0 { buffer.append(0x2D) }
    // The magnitude as unsigned, so Int.min has one too; 20 digits at most.
    var rest = n.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var first = digits.count
      repeat {
        first -= 1
        digits[first] = 0x30 + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      buffer += digits[first...]
    }
    handOnIfFull()
  }

  /// Hands on what is left.
  public mutating func finish() {
    guard let handOn, !buffer.isEmpty else { return }
    handOn(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  @inline(__always)
  private mutating func handOnIfFull() {
    guard buffer.count >= Self.chunk, let handOn else { return }
    handOn(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}
