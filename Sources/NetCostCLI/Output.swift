/// What a run of netcost produces; `main.swift` writes it and exits. Nothing else prints.
struct Output: Equatable {
  var stdout = ""
  var stderr = ""
  var exitCode: ExitCode = .success
}

/// Exit codes, as swift-argument-parser and sysexits.h use them.
enum ExitCode: Int32, Equatable {
  case success = 0
  /// The spec has errors (diagnostics were printed).
  case specError = 1
  /// The command line is wrong (EX_USAGE).
  case usage = 64
  /// A named file is missing or unreadable (EX_NOINPUT).
  case noInput = 66
}

/// A command line netcost cannot act on; printed with the command's usage, exit 64.
struct UsageError: Error, Equatable {
  var message: String
  var help: String?
  /// The command whose usage to show; nil for the top level.
  var command: String?
  var exitCode: ExitCode = .usage
}
