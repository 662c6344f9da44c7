import NetCost

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a run's files (`-o`, a report and its charts) whole or not at all, and never destroys
/// what it should not: every file is first written to a temporary file beside its target, and
/// only when all are complete are they renamed into place. A path that names a symbolic link
/// writes its target; an existing file keeps its permissions and owner; a file with other hard
/// links is rewritten in place, so the links keep seeing it, but only once the space for the
/// whole output is reserved (a full disk leaves it as it was); a device, a FIFO or a socket
/// (`/dev/stdout`) is written directly, never replaced, and a FIFO nobody reads is refused
/// rather than waited on. An input of the same run (the same file
/// by device and inode, through any link) and a file nobody may write are refused.
struct FileWriter {
  struct Failure: Error, Equatable {
    /// The path as the user gave it.
    var path: String
    var reason: String
  }

  /// The files this run read, by device and inode.
  var inputs: [FileIdentity]

  private enum Plan {
    /// Rename the complete temporary file over the target.
    case rename(temporary: String, target: String)
    /// Rewrite the target itself (a file with other hard links), its space reserved first.
    case rewrite(target: String, body: Output.Body)
    /// Write into a device or a FIFO itself.
    case device(target: String, body: Output.Body)
  }

  func save(_ files: [Output.File]) -> Result<Void, Failure> {
    var plans: [Plan] = []
    func abandon(_ failure: Failure) -> Result<Void, Failure> {
      for plan in plans {
        switch plan {
        case .rename(let temporary, _): unlink(temporary)
        case .rewrite, .device: break
        }
      }
      return .failure(failure)
    }
    func shown(_ target: String) -> String {
      files.first { Self.resolve($0.path) == target }?.shownPath ?? target
    }
    for file in files {
      switch plan(file) {
      case .success(let plan): plans.append(plan)
      case .failure(let failure): return abandon(failure)
      }
    }
    // Writes into files that stay first: they are the ones that can still fail for want of space.
    for case .device(let target, let body) in plans {
      if let reason = Self.writeToDevice(target, body) {
        return abandon(Failure(path: shown(target), reason: reason))
      }
    }
    for case .rewrite(let target, let body) in plans {
      if let reason = Self.rewrite(target, body) {
        return abandon(Failure(path: shown(target), reason: reason))
      }
    }
    for case .rename(let temporary, let target) in plans where rename(temporary, target) != 0 {
      return abandon(Failure(path: target, reason: Self.errorText()))
    }
    return .success(())
  }

  private func plan(_ file: Output.File) -> Result<Plan, Failure> {
    func fail(_ reason: String) -> Result<Plan, Failure> {
      .failure(Failure(path: file.shownPath, reason: reason))
    }
    // Asked of the path as given, the kernel following its links: `/dev/stderr` into a pipe is
    // a link to `/proc/self/fd/2`, whose target `pipe:[…]` is no path netcost could follow.
    var info = stat()
    if stat(file.path, &info) == 0 {
      let type = info.st_mode & S_IFMT
      if type == S_IFDIR { return fail("it is a directory") }
      if inputs.contains(FileIdentity(info)) {
        return fail("it is an input of this command, which netcost never writes over")
      }
      guard type == S_IFREG else { return .success(.device(target: file.path, body: file.body)) }
      let target = Self.resolve(file.path)
      if access(target, W_OK) != 0 { return fail(Self.errorText()) }
      if info.st_mode & 0o222 == 0 { return fail("it is read-only") }
      if info.st_nlink > 1 { return .success(.rewrite(target: target, body: file.body)) }
      return temporary(file, target: target, mode: info.st_mode & 0o7777, owner: info).map {
        .rename(temporary: $0, target: target)
      }
    }
    guard errno == ENOENT else { return fail(Self.errorText()) }
    let target = Self.resolve(file.path)
    let directory = Self.directory(of: target)
    var folder = stat()
    guard stat(directory, &folder) == 0, folder.st_mode & S_IFMT == S_IFDIR else {
      return fail("no such directory '\(directory)'")
    }
    let mask = umask(0)
    umask(mask)
    return temporary(file, target: target, mode: 0o666 & ~mask, owner: nil).map {
      .rename(temporary: $0, target: target)
    }
  }

  /// The contents in a complete temporary file beside `target`, with the mode (and owner) the
  /// target has or would have; its path.
  private func temporary(
    _ file: Output.File, target: String, mode: mode_t, owner: stat?
  ) -> Result<String, Failure> {
    let directory = Self.directory(of: target)
    var template = Array((directory + "/.netcost-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard descriptor >= 0 else {
      let reason = Self.errorText()
      return .failure(
        Failure(
          path: file.shownPath, reason: "its folder '\(directory)' is not writable: \(reason)"))
    }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var reason = Self.writeWhole(file.body, to: descriptor).map(Self.errorText)
    if reason == nil, fchmod(descriptor, mode) != 0 { reason = Self.errorText() }
    if let owner { _ = fchown(descriptor, owner.st_uid, owner.st_gid) }
    if close(descriptor) != 0 && reason == nil { reason = Self.errorText() }
    if let reason {
      unlink(temporary)
      return .failure(Failure(path: file.shownPath, reason: reason))
    }
    return .success(temporary)
  }

  /// A file with other hard links is not truncated first: the output's space is reserved, then
  /// written over the old content, then the file cut to its length, so a full disk fails before
  /// anything changed. Its text is made whole first, to know its length (the one case where an
  /// output is held whole; a temporary copy would need the folder writable and room for two).
  private static func rewrite(_ target: String, _ body: Output.Body) -> String? {
    let contents = Output.text(of: body)
    let descriptor = open(target, O_WRONLY)
    guard descriptor >= 0 else { return errorText() }
    let length = contents.utf8.count
    if length > 0 {
      let failed = posix_fallocate(descriptor, 0, off_t(length))
      if failed != 0 {
        close(descriptor)
        return failed == EOPNOTSUPP || failed == EINVAL
          ? "it has other hard links, and its file system cannot reserve the space to rewrite it "
            + "whole: write elsewhere, or remove the other links"
          : errorText(failed)
      }
    }
    var reason = writeAll(contents, to: descriptor)
    if reason == nil, ftruncate(descriptor, off_t(length)) != 0 { reason = errorText() }
    if close(descriptor) != 0 && reason == nil { return errorText() }
    return reason
  }

  /// A device or a FIFO (`/dev/stdout`), written as it is: a FIFO is opened without waiting for
  /// a reader.
  private static func writeToDevice(_ target: String, _ body: Output.Body) -> String? {
    let descriptor = open(target, O_WRONLY | O_NONBLOCK)
    guard descriptor >= 0 else {
      let code = errno
      let reason = errorText()
      var info = stat()
      let fifo = stat(target, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO
      return fifo && code == ENXIO ? "it is a FIFO that nothing reads" : reason
    }
    // Writes block again once open: a reader that is there is waited for as usual.
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    let reason = writeWhole(body, to: descriptor).map(errorText)
    if close(descriptor) != 0 && reason == nil { return errorText() }
    return reason
  }

  /// A body written whole to `descriptor`, a stream as it is made (after a failure, the rest of
  /// it is not written); the `errno` of a failure. Standard output is written so too.
  static func writeWhole(_ body: Output.Body, to descriptor: Int32) -> Int32? {
    switch body {
    case .text(let text): return writeAllReportingError(text, to: descriptor)
    case .stream(let stream):
      var failure: Int32?
      var writer = TextWriter { bytes in
        guard failure == nil else { return }
        failure = writeAllReportingError(bytes, to: descriptor)
      }
      stream(&writer)
      writer.finish()
      return failure
    }
  }

  /// Writes every byte, retrying short writes; the reason when it cannot.
  static func writeAll(_ text: String, to descriptor: Int32) -> String? {
    writeAllReportingError(text, to: descriptor).map { String(cString: strerror($0)).lowercased() }
  }

  /// `writeAll`, with the `errno` of a failure.
  static func writeAllReportingError(_ text: String, to descriptor: Int32) -> Int32? {
    var text = text
    // A native string's bytes are written where they are, not copied first.
    return text.withUTF8 { writeAllReportingError(UnsafeRawBufferPointer($0), to: descriptor) }
  }

  /// Bytes written whole, with the `errno` of a failure.
  static func writeAllReportingError(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    bytes.withUnsafeBytes { writeAllReportingError($0, to: descriptor) }
  }

  private static func writeAllReportingError(
    _ buffer: UnsafeRawBufferPointer, to descriptor: Int32
  ) -> Int32? {
    var rest = buffer
    while !rest.isEmpty {
      let written = write(descriptor, rest.baseAddress, rest.count)
      if written < 0 && errno == EINTR { continue }
      if written <= 0 { return written < 0 ? errno : EIO }
      rest = UnsafeRawBufferPointer(rebasing: rest[written...])
    }
    return nil
  }

  /// The file a path finally names, following symbolic links (at most 40, as the kernel does);
  /// a dangling link names the file it would create.
  static func resolve(_ path: String) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count > 0 else { return current }
      let link = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = link.hasPrefix("/") ? link : directory(of: current) + "/" + link
    }
    return current
  }

  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  static func errorText() -> String { errorText(errno) }

  static func errorText(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
  }
}

/// A file by device and inode: the same file under any name or link.
struct FileIdentity: Equatable {
  var device: UInt64
  var inode: UInt64

  init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
  }

  /// The identity of the file `path` names, following links; nil when there is none.
  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    self.init(info)
  }

  /// The identity of the file or pipe open as `descriptor`; nil for a device (a terminal,
  /// `/dev/null`), which a write destroys nothing of.
  init?(descriptor: Int32) {
    var info = stat()
    guard fstat(descriptor, &info) == 0,
      info.st_mode & S_IFMT == S_IFREG || info.st_mode & S_IFMT == S_IFIFO
    else { return nil }
    self.init(info)
  }
}
