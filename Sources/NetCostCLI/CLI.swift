import NetCost

/// The command line: picks the command, runs it, and turns every outcome into an `Output`.
/// A first argument that is not a command means `analyze` (argument-parser's default subcommand).
enum CLI {
  static let version = "0.1.0"

  static func run(_ argv: [String], context: Context) -> Output {
    do throws(UsageError) {
      return try dispatch(argv, context: context)
    } catch {
      return Output(stderr: Help.usageError(error), exitCode: error.exitCode)
    }
  }

  private static func dispatch(_ argv: [String], context: Context) throws(UsageError) -> Output {
    guard let first = argv.first else {
      return Output(stdout: Help.overview())
    }
    switch first {
    case "--version":
      if let extra = argv.dropFirst().first {
        throw UsageError(message: "unexpected argument '\(extra)'")
      }
      return Output(stdout: version + "\n")
    case "-h", "--help":
      return Output(stdout: Help.overview())
    case "help":
      return try help(Array(argv.dropFirst()))
    case "completions":
      return try completions(Array(argv.dropFirst()))
    default:
      break
    }
    if let command = Subcommand.named(first) {
      return try run(command, Array(argv.dropFirst()), context: context)
    }
    if first.hasPrefix("-") && first.count > 1 && !argv.contains(where: { !$0.hasPrefix("-") }) {
      let names = ["--help", "--version"]
      throw UsageError(
        message: "unknown option '\(first)'",
        help: Suggest.closest(to: first, in: names).map { "did you mean '\($0)'?" })
    }
    return try run(.analyze, argv, context: context)
  }

  private static func run(
    _ command: Subcommand, _ argv: [String], context: Context
  )
    throws(UsageError) -> Output
  {
    var arguments = Arguments(argv, command: command.info.name)
    if arguments.helpRequested() { return Output(stdout: Help.text(for: command.info)) }
    let long = try arguments.value("--output")
    let short = try arguments.value("-o")
    if long != nil && short != nil {
      throw UsageError(message: "'--output' is given more than once", command: command.info.name)
    }
    let file = long ?? short
    arguments.outputFile = file
    if file?.isEmpty == true {
      throw UsageError(message: "'--output' takes a file name", command: command.info.name)
    }
    var output = try command.run(&arguments, context: context)
    // `-o -` is standard output. The file gets what standard output would have: `verify`'s
    // table even when its verdict is exit 1, nothing when a spec has errors.
    if let file, file != "-", output.exitCode == .success || !output.stdout.isEmpty {
      output.files.insert(Output.File(path: file, contents: output.stdout), at: 0)
      output.stdout = ""
    }
    return output
  }

  /// Writes the run's files, all whole or none; a file that cannot be written is an error
  /// (exit 73) that names it and says why.
  static func deliver(_ output: Output, context: Context) -> Output {
    var result = output
    result.files = []
    guard !output.files.isEmpty else { return result }
    if case .failure(let failure) = context.writeFiles(output.files) {
      result.stderr += "error: cannot write '\(failure.path)': \(failure.reason)\n"
      result.exitCode = .cannotCreate
    }
    return result
  }

  /// `netcost completions bash|zsh|fish`.
  private static func completions(_ argv: [String]) throws(UsageError) -> Output {
    var arguments = Arguments(argv, command: "completions")
    let short = try arguments.value("-o")
    let long = try arguments.value("--output")
    let file = short ?? long
    let shells = Completions.Shell.allCases.map(\.rawValue)
    let word = arguments.positional()
    guard let word else { throw UsageError.missing("shell", command: nil) }
    guard let shell = Completions.Shell(rawValue: word) else {
      throw UsageError(
        message: "'completions' takes one of "
          + shells.map { "'\($0)'" }.joined(separator: ", ") + ", got '\(word)'",
        help: Suggest.closest(to: word, in: shells).map { "did you mean '\($0)'?" })
    }
    try arguments.finish(knownOptions: ["-o", "--output"])
    let script = Completions.script(for: shell)
    return file.map { Output(files: [Output.File(path: $0, contents: script)]) }
      ?? Output(stdout: script)
  }

  private static func help(_ argv: [String]) throws(UsageError) -> Output {
    guard let name = argv.first else { return Output(stdout: Help.overview()) }
    if let extra = argv.dropFirst().first {
      throw UsageError(message: "unexpected argument '\(extra)'", help: "'help' takes one command")
    }
    guard let command = Subcommand.named(name) else {
      throw UsageError(
        message: "unknown command '\(name)'",
        help: Suggest.closest(to: name, in: Subcommand.allCases.map(\.info.name))
          .map { "did you mean '\($0)'?" })
    }
    return Output(stdout: Help.text(for: command.info))
  }
}
