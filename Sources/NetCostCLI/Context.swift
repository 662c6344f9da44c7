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
  /// Writes a whole file atomically: a temporary file beside it, then a rename.
  var writeFile: (String, String) -> Result<Void, FileError>
  var environment: [String: String]
  var stderrIsTerminal: Bool
  /// The terminal's width when standard output is one; nil for a file or a pipe.
  var terminalWidth: Int? = nil

  static func live() -> Context {
    Context(
      readFile: readFromDisk, writeFile: writeToDisk, environment: currentEnvironment(),
      stderrIsTerminal: isatty(2) == 1, terminalWidth: isatty(1) == 1 ? currentWidth() : nil)
  }

  /// Reads a whole file with the C library: Foundation stays off the start-up path.
  private static func readFromDisk(_ path: String) -> Result<[UInt8], FileError> {
    var info = stat()
    guard stat(path, &info) == 0 else {
      return errno == ENOENT ? .failure(.notFound) : .failure(.unreadable(errorText()))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.isDirectory) }
    guard let file = fopen(path, "rb") else { return .failure(.unreadable(errorText())) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
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

  /// Never leaves a half-written file: the text goes to a temporary file in the same directory,
  /// which replaces the target only once it is complete.
  private static func writeToDisk(_ path: String, _ text: String) -> Result<Void, FileError> {
    var info = stat()
    if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.isDirectory) }
    let directory =
      path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
    var template = Array(((directory.isEmpty ? "" : directory) + "/.netcost-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard descriptor >= 0 else { return .failure(.unreadable(errorText())) }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written <= 0 {
        let reason = errorText()
        close(descriptor)
        unlink(temporary)
        return .failure(.unreadable(reason))
      }
      bytes = bytes.dropFirst(written)
    }
    fchmod(descriptor, 0o644)
    guard close(descriptor) == 0, rename(temporary, path) == 0 else {
      let reason = errorText()
      unlink(temporary)
      return .failure(.unreadable(reason))
    }
    return .success(())
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
