/// Optional counts (indices, bytes: never negative), each stored as a plain integer with −1 for
/// none: half the bytes of `[Int?]`, whose optional takes a word of its own. The memory walks
/// and the analysis keep several by layer, and a million layers' walks run beside the rows
/// (issue 25).
struct OptionalCounts: RandomAccessCollection {
  private var values: [Int]

  init(repeating value: Int?, count: Int) {
    values = Array(repeating: value ?? -1, count: count)
  }

  init() { values = [] }

  var startIndex: Int { values.startIndex }
  var endIndex: Int { values.endIndex }

  subscript(index: Int) -> Int? {
    get { values[index] < 0 ? nil : values[index] }
    set {
      assert(newValue.map { $0 >= 0 } ?? true, "a count is never negative")
      values[index] = newValue ?? -1
    }
  }

  mutating func append(_ value: Int?) {
    assert(value.map { $0 >= 0 } ?? true, "a count is never negative")
    values.append(value ?? -1)
  }

  mutating func reserveCapacity(_ n: Int) { values.reserveCapacity(n) }
}
