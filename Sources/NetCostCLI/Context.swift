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
  var environment: [String: String]
  var stderrIsTerminal: Bool

  static func live() -> Context {
    Context(readFile: readFromDisk, environment: currentEnvironment(),
      stderrIsTerminal: isatty(2) == 1)
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
