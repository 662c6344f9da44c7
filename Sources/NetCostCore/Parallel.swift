import Dispatch

/// Work spread over the machine's cores, its results in order: `compare` and sweeps analyse a
/// network on each core, and a table, JSON array or converted spec of a million rows is made a
/// piece of rows on each (issue 25's bound is wall time on a 2-core machine).
package enum Parallel {
  /// `transform` applied to every element on every core, results in order.
  package static func map<T: Sendable, U: Sendable>(
    _ items: [T], _ transform: @Sendable (T) -> U
  )
    -> [U]
  {
    let results = UnsafeMutableBufferPointer<U?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    let slots = Slots(results)
    // Many small items go sixteen to a task; a few (a comparison, each maybe a million
    // layers) one to a task, so that they run side by side.
    let chunk = items.count < 64 ? 1 : 16
    DispatchQueue.concurrentPerform(iterations: (items.count + chunk - 1) / chunk) { c in
      for i in c * chunk..<min(items.count, (c + 1) * chunk) {
        slots.buffer[i] = transform(items[i])
      }
    }
    return results.compactMap { $0 }
  }

  /// The pieces `0..<count` is cut into, `size` items each (the last one fewer).
  package static func pieces(of count: Int, size: Int) -> [Range<Int>] {
    let size = max(1, size)
    return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
  }

  /// `make` for each of `pieces` on the machine's cores, and each result handed to `take` on the
  /// calling thread in the pieces' order, as soon as it and those before it are made: the caller
  /// writes one piece out while the next are made. At most `wave` pieces are made and not yet
  /// taken, so a million rows made into text are never all in memory; one piece is made on the
  /// calling thread, no thread started.
  package static func inOrder<U: Sendable>(
    _ pieces: [Range<Int>], wave: Int = 4, make: @Sendable (Range<Int>) -> U,
    take: (U) -> Void
  ) {
    guard pieces.count > 1 else {
      for piece in pieces { take(make(piece)) }
      return
    }
    let wave = max(1, wave)
    let results = UnsafeMutableBufferPointer<U?>.allocate(capacity: pieces.count)
    results.initialize(repeating: nil)
    let made = pieces.map { _ in DispatchSemaphore(value: 0) }
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    let slots = Slots(results)
    withoutActuallyEscaping(make) { make in
      // The tasks reach `make` through a pointer, which is emptied once every piece started
      // has been waited for: a task's block, released after its piece is signalled made, then
      // holds no reference to it, and `make` does not outlive this call.
      let maker = Maker(make)
      defer { maker.empty() }
      func start(_ k: Int) {
        DispatchQueue.global(qos: .userInitiated).async {
          slots.buffer[k] = maker.make(pieces[k])
          made[k].signal()
        }
      }
      for k in 0..<min(wave, pieces.count) { start(k) }
      for k in pieces.indices {
        made[k].wait()
        let result = slots.buffer[k]
        slots.buffer[k] = nil
        if k + wave < pieces.count { start(k + wave) }
        if let result { take(result) }
      }
    }
  }
}

/// `inOrder`'s function, held in memory the tasks share rather than captured by each.
private struct Maker<U>: @unchecked Sendable {
  private let pointer: UnsafeMutablePointer<@Sendable (Range<Int>) -> U>

  init(_ make: @escaping @Sendable (Range<Int>) -> U) {
    pointer = .allocate(capacity: 1)
    pointer.initialize(to: make)
  }

  func make(_ piece: Range<Int>) -> U { pointer.pointee(piece) }

  func empty() {
    pointer.deinitialize(count: 1)
    pointer.deallocate()
  }
}

/// Result slots written from several threads, each index by exactly one of them.
private struct Slots<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>
  init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
