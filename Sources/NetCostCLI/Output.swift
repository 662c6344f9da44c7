import NetCost

/// What a run of netcost produces; `main.swift` writes it and exits. Nothing else prints.
struct Output: Equatable {
  /// Standard output: text, or a function that writes it as it is made, so a million-row
  /// table or JSON document goes out in chunks instead of being held whole (issue 25).
  enum Body {
    case text(String)
    case stream(@Sendable (inout TextWriter) -> Void)
  }

  /// A file to write, whole or not at all.
  struct File: Equatable {
    var path: String
    /// Its text, or a function that writes it as it is made: `-o` of a million-row table or JSON
    /// document goes into the file in chunks, never held whole (issue 25).
    var body: Body
    /// The path an error names, when not this file's own: a report's charts are named after the
    /// report the user asked for.
    var partOf: String? = nil

    init(path: String, contents: String, partOf: String? = nil) {
      self.init(path: path, body: .text(contents), partOf: partOf)
    }

    init(path: String, body: Body, partOf: String? = nil) {
      self.path = path
      self.body = body
      self.partOf = partOf
    }

    var shownPath: String { partOf ?? path }

    /// The whole text (a stream is run to make it): for tests.
    var contents: String { Output.text(of: body) }

    static func == (a: File, b: File) -> Bool {
      a.path == b.path && a.contents == b.contents && a.partOf == b.partOf
    }
  }

  var body = Body.text("")
  var stderr = ""
  var exitCode: ExitCode = .success
  /// Files the run produced (`-o FILE`, a report's charts), written by `CLI.deliver`.
  var files: [File] = []

  init(stdout: String = "", stderr: String = "", exitCode: ExitCode = .success, files: [File] = [])
  {
    self.body = .text(stdout)
    self.stderr = stderr
    self.exitCode = exitCode
    self.files = files
  }

  init(writing stream: @escaping @Sendable (inout TextWriter) -> Void) {
    self.body = .stream(stream)
  }

  /// Standard output as one string (a stream is run to make it): for `-o` and for tests.
  var stdout: String {
    get { Self.text(of: body) }
    set { body = .text(newValue) }
  }

  static func text(of body: Body) -> String {
    switch body {
    case .text(let text): return text
    case .stream(let stream):
      var out = TextWriter()
      stream(&out)
      return out.text
    }
  }

  /// Whether anything goes to standard output, without running a stream.
  var hasStdout: Bool {
    if case .text(let text) = body { return !text.isEmpty }
    return true
  }

  static func == (a: Output, b: Output) -> Bool {
    a.stdout == b.stdout && a.stderr == b.stderr && a.exitCode == b.exitCode && a.files == b.files
  }
}

/// Exit codes, as swift-argument-parser and sysexits.h use them.
enum ExitCode: Int32, Equatable {
  case success = 0
  /// The input is at fault: the spec has errors (diagnostics were printed), or the file is a
  /// model in a format netcost recognises but does not read (`RecognisedFormat`).
  case specError = 1
  /// The command line is wrong (EX_USAGE).
  case usage = 64
  /// A named file is missing or unreadable (EX_NOINPUT).
  case noInput = 66
  /// An output file cannot be written (EX_CANTCREAT).
  case cannotCreate = 73
  /// Standard output cannot be written: a full disk, a closed descriptor (EX_IOERR).
  case ioError = 74
}

/// A command line netcost cannot act on; printed with the command's usage, exit 64.
struct UsageError: Error, Equatable {
  var message: String
  var help: String?
  /// The command whose usage to show; nil for the top level.
  var command: String?
  var exitCode: ExitCode = .usage

  /// A required positional argument is absent, worded as swift-argument-parser words it.
  static func missing(_ argument: String, command: String?) -> UsageError {
    UsageError(message: "missing expected argument '<\(argument)>'", command: command)
  }
}
