import NetCost

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Everything a run needs from outside: files, environment, terminal. `live()` builds the real one;
/// tests build their own, so no test touches the disk or the terminal.
struct Context {
  enum FileError: Error, Equatable {
    case notFound
    case isDirectory
    case unreadable(String)
    case tooLarge(limit: Int)
  }

  /// The largest spec file netcost reads: far above any real network, far below trouble.
  static let maxFileBytes = 4 * 1024 * 1024

  var readFile: (String) -> Result<[UInt8], FileError>
  /// A file's first bytes, and the whole file when it was read whole to get them.
  typealias Head = (head: [UInt8], whole: [UInt8]?)
  /// The first bytes of a file, at most the count asked for, to tell its format before it is read
  /// whole (`RecognisedFormat`), and the whole file when it had to be read whole to get them (a
  /// pipe, whose bytes cannot be read twice); nil takes them from `readFile` (tests).
  var readHead: ((String, Int) -> Result<Head, FileError>)? = nil
  /// Whether a path exists: a directory's entry that makes it a model (a SavedModel's
  /// `saved_model.pb`), or a file beside another (the `.xml` beside an OpenVINO `.bin`).
  var exists: (String) -> Bool = { _ in false }
  /// Whether a path names anything, asked without reading it (a FIFO read twice loses its
  /// bytes); nil asks `head` instead (tests).
  var names: ((String) -> Bool)? = nil
  /// Opens a zip archive for reads of its parts (a `.keras` file of any size); nil reads the
  /// whole file with `readFile` instead (tests, and the limit that goes with it).
  var openArchive: ((String) -> Result<ZipArchive, FileError>)? = nil
  /// Maps a file (an ONNX model of up to `maxMappedBytes`) for `body` to read; nil reads it
  /// whole with `readFile` instead.
  var mapFile:
    (
      (String, (UnsafeRawBufferPointer) -> Pipeline.ParsedSpec)
        -> Result<Pipeline.ParsedSpec, FileError>
    )? = nil

  /// The largest ONNX model netcost maps: protobuf's own limit for one message, 2 GiB.
  static let maxMappedBytes = 2 << 30
  /// Writes a run's files, all of them whole or none (`FileWriter`).
  var writeFiles: ([Output.File]) -> Result<Void, FileWriter.Failure>
  var environment: [String: String]
  var stderrIsTerminal: Bool
  /// The terminal's width when standard output is one; nil for a file or a pipe.
  var terminalWidth: Int? = nil
  /// The width help wraps to, as swift-argument-parser wraps it: `COLUMNS`, else the
  /// terminal's, else 80, a pipe and a file included; nil leaves it unwrapped (tests).
  var helpWidth: Int? = nil
  /// Whether a path names standard output's own file (`/dev/stdout`, a link to it, the file
  /// `>>` appends to): `-o` there is standard output, not a file to replace.
  var isStandardOutput: (String) -> Bool = { _ in false }
  /// Whether a path names a device, a FIFO or a socket (`/dev/null`, a link to one): a report
  /// written there has no folder to put its charts in.
  var isDevice: (String) -> Bool = { _ in false }

  /// The files a run has read, so that it never writes over one of them.
  private final class Reads {
    var identities: [FileIdentity] = []
    /// Standard input as read the first time: what is read of it cannot be read again, and
    /// `compare - -` names it twice.
    var standardInput: Result<[UInt8], FileError>?
  }

  /// The first `count` bytes of a file: by `readHead`, else the whole file's first bytes (and
  /// the whole file, so that it is not read twice). Standard input is always read whole: what
  /// is read of it cannot be read again.
  func head(_ path: String, _ count: Int) -> Result<Head, FileError> {
    if path != "-", let readHead { return readHead(path, count) }
    return readFile(path).map { (Array($0.prefix(count)), $0) }
  }

  static func live() -> Context {
    let reads = Reads()
    return Context(
      readFile: { path in
        if path == "-", let once = reads.standardInput { return once }
        let result = readFromDisk(path)
        if path == "-" { reads.standardInput = result }
        // Standard input by what it is: `netcost - -o /dev/stdin < my.netspec` is a write over
        // the spec it reads.
        let identity = path == "-" ? FileIdentity(descriptor: 0) : FileIdentity(path: path)
        if let identity { reads.identities.append(identity) }
        return result
      },
      readHead: { path, count in
        let result = readHeadFromDisk(path, count)
        if let identity = FileIdentity(path: path) { reads.identities.append(identity) }
        return result
      },
      exists: { path in
        var info = stat()
        return stat(path, &info) == 0
      },
      names: { path in
        var info = stat()
        return stat(path, &info) == 0 || errno != ENOENT
      },
      openArchive: { path in
        let result = openFromDisk(path)
        if let identity = FileIdentity(path: path) { reads.identities.append(identity) }
        return result
      },
      mapFile: { path, body in
        let result = mapFromDisk(path, body)
        if let identity = FileIdentity(path: path) { reads.identities.append(identity) }
        return result
      },
      writeFiles: { FileWriter(inputs: reads.identities).save($0) },
      environment: currentEnvironment(),
      stderrIsTerminal: isatty(2) == 1, terminalWidth: isatty(1) == 1 ? currentWidth() : nil,
      helpWidth: currentWidth(),
      isStandardOutput: { path in
        var named = stat()
        var output = stat()
        return stat(path, &named) == 0 && fstat(1, &output) == 0
          && named.st_dev == output.st_dev && named.st_ino == output.st_ino
      },
      isDevice: { path in
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
      })
  }

  /// Reads a whole file with the C library (Foundation stays off the start-up path); `-` is
  /// standard input. A FIFO or a device is read without waiting on it for ever (`readStream`).
  private static func readFromDisk(_ path: String) -> Result<[UInt8], FileError> {
    let file: UnsafeMutablePointer<FILE>
    var size: Int?
    if path == "-" {
      guard let input = fdopen(dup(0), "rb") else { return .failure(.unreadable(errorText())) }
      file = input
    } else {
      var info = stat()
      guard stat(path, &info) == 0 else {
        return errno == ENOENT ? .failure(.notFound) : .failure(.unreadable(errorText()))
      }
      if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.isDirectory) }
      if (info.st_mode & S_IFMT) != S_IFREG { return readStream(path) }
      guard let opened = fopen(path, "rb") else { return .failure(.unreadable(errorText())) }
      file = opened
      size = Int(info.st_size)
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    if let size {
      // A file read in one call into its own array, one byte more than its size to see its end
      // (a file that grew since is read on in chunks).
      let first = min(size, maxFileBytes) + 1
      bytes = [UInt8](unsafeUninitializedCapacity: first) { buffer, count in
        count = fread(buffer.baseAddress, 1, first, file)
      }
      if bytes.count < first {
        return ferror(file) != 0 ? .failure(.unreadable(errorText())) : .success(bytes)
      }
    }
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = fread(&chunk, 1, chunk.count, file)
      if count > 0 { bytes += chunk[0..<count] }
      if bytes.count > maxFileBytes { return .failure(.tooLarge(limit: maxFileBytes)) }
      if count < chunk.count {
        if ferror(file) != 0 { return .failure(.unreadable(errorText())) }
        return .success(bytes)
      }
    }
  }

  /// How long a FIFO or device may keep netcost waiting for its next bytes.
  static let streamWaitMilliseconds: Int32 = 1000
  /// How long reading a FIFO or device may take in all: a writer that sends a byte every half
  /// second would otherwise keep netcost for the 24 days 4 MiB take (an adversarial review).
  static let streamMilliseconds = 10_000

  /// A FIFO or a device, read to its end or `maxFileBytes`, never waited on for ever: opened
  /// without waiting for a writer, then read while bytes keep coming, each wait at most
  /// `streamWaitMilliseconds` (a FIFO nobody writes ends in an error, not a hang) and the whole
  /// read at most `streamMilliseconds` (`inAll`, for tests).
  static func readStream(
    _ path: String, inAll: Int = streamMilliseconds
  ) -> Result<[UInt8], FileError> {
    let deadline = milliseconds() + inAll
    let seconds = (Double(inAll) / 1000).shortDescription
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { return .failure(.unreadable(errorText())) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    // Only a FIFO reads "nothing" before its writer comes; a device (/dev/null) at its end is
    // at its end.
    var info = stat()
    var sawWriter = !(fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    while true {
      let count = read(descriptor, &chunk, chunk.count)
      if count > 0 {
        sawWriter = true
        bytes += chunk[0..<count]
        if bytes.count > maxFileBytes { return .failure(.tooLarge(limit: maxFileBytes)) }
        continue
      }
      if count < 0 && errno != EAGAIN && errno != EINTR {
        return .failure(.unreadable(errorText()))
      }
      // The end once a writer has come and gone; before that, or with none yet, wait a while.
      if count == 0 && sawWriter { return .success(bytes) }
      let left = deadline - milliseconds()
      if left <= 0 {
        return .failure(
          .unreadable(
            "it did not reach its end within \(seconds) s (a writer that trickles?); "
              + "netcost reads a FIFO or device for \(seconds) s at most"))
      }
      var wait = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let ready = poll(&wait, 1, Int32(min(Int(streamWaitMilliseconds), left)))
      if ready == 0 && left <= Int(streamWaitMilliseconds) { continue }
      if ready == 0 {
        return .failure(
          .unreadable(
            "nothing arrived from it for \(streamWaitMilliseconds / 1000) second (a FIFO with no "
              + "writer?); netcost reads a FIFO or device only while it writes"))
      }
      if ready < 0 && errno != EINTR { return .failure(.unreadable(errorText())) }
      if wait.revents & Int16(POLLHUP) != 0 && wait.revents & Int16(POLLIN) == 0 {
        sawWriter = true
      }
    }
  }

  /// A monotonic clock, in milliseconds.
  private static func milliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
  }

  /// The first `count` bytes of a file (all of a shorter one), read without reading the rest;
  /// anything but a regular file (a pipe, `<(…)`) is read whole, since what is read of it is gone.
  private static func readHeadFromDisk(_ path: String, _ count: Int) -> Result<Head, FileError> {
    var info = stat()
    guard stat(path, &info) == 0 else {
      return errno == ENOENT ? .failure(.notFound) : .failure(.unreadable(errorText()))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.isDirectory) }
    if (info.st_mode & S_IFMT) != S_IFREG {
      return readFromDisk(path).map { (Array($0.prefix(count)), $0) }
    }
    guard let file = fopen(path, "rb") else { return .failure(.unreadable(errorText())) }
    defer { fclose(file) }
    var bytes = [UInt8](repeating: 0, count: max(count, 0))
    let read = count > 0 ? fread(&bytes, 1, count, file) : 0
    if read < count, ferror(file) != 0 { return .failure(.unreadable(errorText())) }
    return .success((Array(bytes.prefix(read)), nil))
  }

  /// An archive read in parts: each read opens the file, seeks and reads, so only the parts
  /// asked for are read (a 550 MB `.keras` file costs its directory and `config.json`). A FIFO
  /// or device is read whole, within `maxFileBytes`.
  private static func openFromDisk(_ path: String) -> Result<ZipArchive, FileError> {
    var info = stat()
    guard stat(path, &info) == 0 else {
      return errno == ENOENT ? .failure(.notFound) : .failure(.unreadable(errorText()))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.isDirectory) }
    if (info.st_mode & S_IFMT) != S_IFREG { return readStream(path).map(ZipArchive.init(bytes:)) }
    guard let probe = fopen(path, "rb") else { return .failure(.unreadable(errorText())) }
    fclose(probe)
    return .success(
      ZipArchive(size: Int(info.st_size)) { offset, count in
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        guard fseeko(file, off_t(offset), SEEK_SET) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = count == 0 ? 0 : fread(&bytes, 1, count, file)
        return read == count ? bytes : nil
      })
  }

  /// Maps a file read-only for `body`: pages are read only when touched, so an ONNX model's
  /// weights, which the reader skips, cost neither time nor memory.
  private static func mapFromDisk(
    _ path: String, _ body: (UnsafeRawBufferPointer) -> Pipeline.ParsedSpec
  ) -> Result<Pipeline.ParsedSpec, FileError> {
    var info = stat()
    guard stat(path, &info) == 0 else {
      return errno == ENOENT ? .failure(.notFound) : .failure(.unreadable(errorText()))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.isDirectory) }
    // A FIFO or device cannot be mapped: it is read (within `maxFileBytes`) and handed over.
    if (info.st_mode & S_IFMT) != S_IFREG {
      return readStream(path).map { bytes in bytes.withUnsafeBytes { body($0) } }
    }
    let size = Int(info.st_size)
    guard size <= maxMappedBytes else { return .failure(.tooLarge(limit: maxMappedBytes)) }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return .failure(.unreadable(errorText())) }
    defer { close(fd) }
    guard size > 0 else { return .success(body(UnsafeRawBufferPointer(start: nil, count: 0))) }
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
      return .failure(.unreadable(errorText()))
    }
    defer { munmap(base, size) }
    // The readers touch a few bytes of each weight's header and jump over its values by their
    // length: no read-ahead around those bytes (a ViT-B/16 of 346 MB, read from a cold cache,
    // peaks at 23 MB).
    _ = madvise(base, size, MADV_RANDOM)
    return .success(body(UnsafeRawBufferPointer(start: base, count: size)))
  }

  /// The terminal's columns: `COLUMNS` if set, else the window size, else 80.
  private static func currentWidth() -> Int {
    if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 {
      return columns
    }
    var size = winsize()
    if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    return 80
  }

  private static func errorText() -> String {
    String(cString: strerror(errno)).lowercased()
  }

  private static func currentEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    for name in ["NO_COLOR"] {
      if let value = getenv(name) { result[name] = String(cString: value) }
    }
    return result
  }
}
