/// DEFLATE decompression (RFC 1951), for zip entries a tool other than Keras compressed. Decodes
/// canonical Huffman codes bit by bit, as zlib's reference decoder `puff.c` does: slow beside
/// zlib, but a Keras `config.json` is a few hundred kilobytes. Output is bounded by `limit`, and
/// every read is checked, so a hostile stream fails with a message rather than running on.
enum Inflate {
  struct Failure: Error {
    var message: String
  }

  static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
    var state = State(input: input, limit: limit)
    var last = false
    while !last {
      last = try state.bits(1) == 1
      switch try state.bits(2) {
      case 0: try state.stored()
      case 1: try state.codes(State.fixed.lengths, State.fixed.distances)
      case 2:
        let (lengths, distances) = try state.dynamicTables()
        try state.codes(lengths, distances)
      default: throw Failure(message: "a block has the reserved type 3")
      }
    }
    return state.output
  }

  struct Huffman {
    var counts = [Int](repeating: 0, count: 16)
    var symbols: [Int] = []

    /// Canonical codes from code lengths; over-subscribed sets are an error.
    init(_ lengths: [Int]) throws(Failure) {
      for length in lengths { counts[length] += 1 }
      var left = 1
      for length in 1..<16 {
        left = left * 2 - counts[length]
        if left < 0 { throw Failure(message: "a Huffman table is over-subscribed") }
      }
      var offsets = [Int](repeating: 0, count: 16)
      for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
      symbols = [Int](repeating: 0, count: lengths.count)
      for (symbol, length) in lengths.enumerated() where length != 0 {
        symbols[offsets[length]] = symbol
        offsets[length] += 1
      }
      counts[0] = 0
    }
  }

  struct State {
    let input: [UInt8]
    let limit: Int
    var output: [UInt8] = []
    var position = 0
    var bitBuffer = 0
    var bitCount = 0

    init(input: [UInt8], limit: Int) {
      self.input = input
      self.limit = limit
    }

    mutating func bits(_ need: Int) throws(Failure) -> Int {
      var value = bitBuffer
      while bitCount < need {
        guard position < input.count else { throw Failure(message: "the stream ends early") }
        value |= Int(input[position]) << bitCount
        position += 1
        bitCount += 8
      }
      bitBuffer = value >> need
      bitCount -= need
      return value & ((1 << need) - 1)
    }

    mutating func emit(_ byte: UInt8) throws(Failure) {
      guard output.count < limit else { throw Failure(message: "it inflates past the limit") }
      output.append(byte)
    }

    mutating func stored() throws(Failure) {
      bitBuffer = 0
      bitCount = 0
      guard position + 4 <= input.count else { throw Failure(message: "the stream ends early") }
      let length = Int(input[position]) | Int(input[position + 1]) << 8
      let check = Int(input[position + 2]) | Int(input[position + 3]) << 8
      guard length == ~check & 0xFFFF else {
        throw Failure(message: "a stored block's length check fails")
      }
      position += 4
      guard position + length <= input.count else {
        throw Failure(message: "the stream ends early")
      }
      for i in position..<position + length { try emit(input[i]) }
      position += length
    }

    mutating func decode(_ h: Huffman) throws(Failure) -> Int {
      var code = 0
      var first = 0
      var index = 0
      for length in 1..<16 {
        code |= try bits(1)
        let count = h.counts[length]
        if code - count < first { return h.symbols[index + (code - first)] }
        index += count
        first += count
        first <<= 1
        code <<= 1
      }
      throw Failure(message: "a code is not in its Huffman table")
    }

    static let lengthBase = [
      3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
      131, 163, 195, 227, 258,
    ]
    static let lengthExtra = [
      0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBase = [
      1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
      2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra = [
      0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
      13,
    ]

    /// The fixed tables of block type 1 (RFC 1951, 3.2.6).
    static let fixed: (lengths: Huffman, distances: Huffman) = {
      let lengths =
        [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
        + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8)
      // Both tables are well formed, so building them cannot fail.
      let l = (try? Huffman(lengths)) ?? Huffman.empty
      let d = (try? Huffman([Int](repeating: 5, count: 30))) ?? Huffman.empty
      return (l, d)
    }()

    mutating func codes(_ lengths: Huffman, _ distances: Huffman) throws(Failure) {
      while true {
        let symbol = try decode(lengths)
        if symbol < 256 {
          try emit(UInt8(symbol))
        } else if symbol == 256 {
          return
        } else {
          let i = symbol - 257
          guard i < 29 else { throw Failure(message: "a length code is out of range") }
          let length = Self.lengthBase[i] + (try bits(Self.lengthExtra[i]))
          let d = try decode(distances)
          guard d < 30 else { throw Failure(message: "a distance code is out of range") }
          let distance = Self.distanceBase[d] + (try bits(Self.distanceExtra[d]))
          guard distance <= output.count else {
            throw Failure(message: "a distance reaches before the start")
          }
          for _ in 0..<length { try emit(output[output.count - distance]) }
        }
      }
    }

    /// Block type 2's tables, themselves Huffman-coded (RFC 1951, 3.2.7).
    mutating func dynamicTables() throws(Failure) -> (Huffman, Huffman) {
      let literalCount = try bits(5) + 257
      let distanceCount = try bits(5) + 1
      let codeCount = try bits(4) + 4
      guard literalCount <= 286, distanceCount <= 30 else {
        throw Failure(message: "a block declares too many codes")
      }
      let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
      var codeLengths = [Int](repeating: 0, count: 19)
      for i in 0..<codeCount { codeLengths[order[i]] = try bits(3) }
      let lengthCode = try Huffman(codeLengths)
      var lengths: [Int] = []
      while lengths.count < literalCount + distanceCount {
        let symbol = try decode(lengthCode)
        switch symbol {
        case 0..<16: lengths.append(symbol)
        case 16:
          guard let previous = lengths.last else {
            throw Failure(message: "a repeat has nothing to repeat")
          }
          lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
        case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
        default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
        }
      }
      guard lengths.count == literalCount + distanceCount else {
        throw Failure(message: "code lengths run past their count")
      }
      return (
        try Huffman(Array(lengths[..<literalCount])), try Huffman(Array(lengths[literalCount...]))
      )
    }
  }
}

extension Inflate.Huffman {
  static let empty = Inflate.Huffman()
  private init() {}
}
