/// The last `capacity` values kept, the oldest given up first: what a new row or layer is
/// compared with, to share what a recent one holds (`RecentInputs`, `RecentFigures`,
/// `OutputShapes`). Each compares with at most `capacity`.
struct Recent<Element> {
  private(set) var values: [Element] = []
  private var oldest = 0
  let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// Keeps `value` in place of the oldest once `capacity` are kept.
  mutating func keep(_ value: Element) {
    if values.count < capacity {
      values.append(value)
    } else {
      values[oldest] = value
      oldest = (oldest + 1) % capacity
    }
  }
}
