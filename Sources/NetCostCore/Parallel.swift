#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Work spread over the machine's cores, its results in order: `compare` and sweeps analyse a
/// network on each core, the memory walks are made beside the rows, and a table, JSON array or converted
/// spec is made a piece of rows on each (issue 25's bound is wall time on a 2-core machine).
///
/// The calling thread works too, beside threads started for the call and joined before it
/// returns. Not Dispatch: its first use in a process costs some 0.5 ms of start-up, a tenth of
/// a built-in network's whole analysis (issue 27's bound is 2× a hello-world's run), where
/// starting a thread costs some tens of microseconds.
package enum Parallel {
  /// `transform` applied to every element on every core, results in order.
  package static func map<T: Sendable, U: Sendable>(
    _ items: [T], _ transform: @Sendable (T) -> U
  )
    -> [U]
  {
    // Many small items go sixteen to a piece; a few (a comparison, each maybe a million
    // layers) one to a piece, so that they run side by side.
    let chunk = items.count < 64 ? 1 : 16
    var results: [U] = []
    results.reserveCapacity(items.count)
    inOrder(pieces(of: items.count, size: chunk), wave: Int.max) { piece in
      piece.map { transform(items[$0]) }
    } take: {
      results += $0
    }
    return results
  }

  /// Items a piece of `count` has: two halves, each made on a core of its own, once a half is
  /// worth a thread's start (some tens of microseconds; a row's text takes some), and at most
  /// `most`, so that a million rows are made a few pieces at a time.
  package static func pieceSize(of count: Int, atLeast least: Int, most: Int) -> Int {
    count < 2 * least ? max(1, count) : min(most, (count + 1) / 2)
  }

  /// The pieces `0..<count` is cut into, `size` items each (the last one fewer).
  package static func pieces(of count: Int, size: Int) -> [Range<Int>] {
    let size = max(1, size)
    return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
  }

  /// `make` for each of `pieces` on the machine's cores, and each result handed to `take` on the
  /// calling thread in the pieces' order, as soon as it and those before it are made: the caller
  /// writes one piece out while the next are made. At most `wave` pieces are made and not yet
  /// taken, so a million rows made into text are never all in memory. The caller makes the
  /// next piece itself when no thread has begun it, and a later one while a thread makes that;
  /// one piece is made with no thread started.
  package static func inOrder<U: Sendable>(
    _ pieces: [Range<Int>], wave: Int = 4, make: @Sendable (Range<Int>) -> U,
    take: (U) -> Void
  ) {
    let helpers = min(cores - 1, pieces.count - 1)
    guard helpers > 0 else {
      for piece in pieces { take(make(piece)) }
      return
    }
    let claims = Claims(count: pieces.count, ahead: max(1, wave))
    let results = UnsafeMutableBufferPointer<U?>.allocate(capacity: pieces.count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    let slots = Slots(results)
    withoutActuallyEscaping(make) { make in
      // Every thread started here is joined before this returns: `make` does not outlive it.
      let threads = (0..<helpers).compactMap { _ in
        Worker.start {
          while let k = claims.claim() {
            slots.buffer[k] = make(pieces[k])
            claims.finish(k)
          }
        }
      }
      for k in pieces.indices {
        // The caller makes the piece it takes next when no thread has begun it; while a thread
        // makes that one, it makes a later one (a million rows' text: as many makers as cores).
        while !claims.isMade(k) {
          if let j = claims.claimNext(taking: k) {
            slots.buffer[j] = make(pieces[j])
            claims.finish(j)
          } else {
            claims.wait(for: k)
          }
        }
        let result = slots.buffer[k]
        slots.buffer[k] = nil
        claims.took(k)
        if let result { take(result) }
      }
      for thread in threads { thread.join() }
    }
  }

  /// The cores this process may run on, as the system counts them online.
  package static let cores: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

/// A value made on a thread of its own while the caller goes on: the memory walks of a million
/// layers are made beside the rows. `take` waits for it; with one core (or no thread to be had)
/// `take` makes it.
package final class Pending<Value: Sendable>: @unchecked Sendable {
  private let make: @Sendable () -> Value
  private var worker: Worker?
  /// Written by the worker, read by the caller once the worker is joined.
  private var made: Value?

  package init(_ make: @escaping @Sendable () -> Value) {
    self.make = make
    guard Parallel.cores > 1 else { return }
    worker = Worker.start { [self] in made = make() }
  }

  /// The value, once made; taken once.
  package func take() -> Value {
    if let worker {
      worker.join()
      self.worker = nil
    }
    if let made { return made }
    let value = make()
    made = value
    return value
  }
}

/// A total that tasks on several threads add to, under a lock: a comparison's layers, counted
/// as its networks are resolved side by side.
package final class SharedTotal: @unchecked Sendable {
  private let lock = Lock()
  private var total = 0

  package init() {}

  package var value: Int { lock.locked { total } }

  package func add(_ amount: Int) { lock.locked { total = total.saturatingAdd(amount) } }
}

/// Which pieces are begun, made and taken, shared by the caller and its threads under one lock.
private final class Claims: @unchecked Sendable {
  private let lock = Lock()
  private let count: Int
  private let ahead: Int
  /// The first piece nobody has begun; pieces are begun in order.
  private var next = 0
  /// The pieces the caller has taken, all those before this.
  private var taken = 0
  private var made: [Bool]

  init(count: Int, ahead: Int) {
    (self.count, self.ahead) = (count, ahead)
    made = Array(repeating: false, count: count)
  }

  /// A thread's next piece, waiting while `ahead` pieces are begun and not taken; nil once every
  /// piece is begun.
  func claim() -> Int? {
    lock.locked {
      while next < count && next - taken >= ahead { lock.wait() }
      guard next < count else { return nil }
      next += 1
      return next - 1
    }
  }

  /// The caller's claim of the next piece nobody has begun, without waiting: the one it takes
  /// next (`k`), or, while a thread makes that one, a later one within `ahead`; nil when there
  /// is none to begin.
  func claimNext(taking k: Int) -> Int? {
    lock.locked {
      guard next < count, next == k || next - taken < ahead else { return nil }
      next += 1
      lock.broadcast()
      return next - 1
    }
  }

  func isMade(_ k: Int) -> Bool { lock.locked { made[k] } }

  func finish(_ k: Int) {
    lock.locked {
      made[k] = true
      lock.broadcast()
    }
  }

  func wait(for k: Int) {
    lock.locked { while !made[k] { lock.wait() } }
  }

  func took(_ k: Int) {
    lock.locked {
      taken = k + 1
      lock.broadcast()
    }
  }
}

/// A mutex, and a condition its holders wait on and announce changes by.
private final class Lock: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  init() {
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(changed, nil)
  }

  deinit {
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(mutex)
    changed.deallocate()
    mutex.deallocate()
  }

  func locked<R>(_ body: () -> R) -> R {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return body()
  }

  /// Waits for a change, the lock held (within `locked`).
  func wait() { pthread_cond_wait(changed, mutex) }

  /// Announces a change, the lock held.
  func broadcast() { pthread_cond_broadcast(changed) }
}

/// A thread of its own running one function, joined by whoever started it.
private struct Worker {
  private let thread: pthread_t

  /// The thread, started; nil when the system starts no more (the caller does the work).
  static func start(_ body: @escaping () -> Void) -> Worker? {
    let box = Unmanaged.passRetained(Body(body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    // A main thread's room: a comparison resolves nested blocks on these threads.
    pthread_attr_setstacksize(&attributes, 8 << 20)
    #if canImport(Glibc)
      var thread = pthread_t()
    #else
      var thread: pthread_t? = nil
    #endif
    let started = pthread_create(
      &thread, &attributes,
      { context in
        guard let context else { return nil }
        Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
        return nil
      }, box)
    guard started == 0 else {
      Unmanaged<Body>.fromOpaque(box).release()
      return nil
    }
    #if canImport(Glibc)
      return Worker(thread: thread)
    #else
      guard let thread else { return nil }
      return Worker(thread: thread)
    #endif
  }

  func join() { pthread_join(thread, nil) }

  private final class Body {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
  }
}

/// Result slots written from several threads, each index by exactly one of them.
private struct Slots<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>
  init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
