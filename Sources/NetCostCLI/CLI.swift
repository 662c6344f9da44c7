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
      return HelpCommand.output(nil, context: context)
    }
    switch first {
    case "--version":
      if let extra = argv.dropFirst().first {
        throw UsageError(message: "unexpected argument '\(extra)'")
      }
      return Output(stdout: versionText)
    case "-h", "--help":
      return HelpCommand.output(nil, context: context)
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
    if isUnknownWord(first, context: context) {
      let known = Subcommand.allCases.map(\.name) + SpecCatalog.builtinNames
      throw UsageError(
        message: "unknown command or network '\(first)'",
        help: Suggest.closest(to: first, in: known).map { "did you mean '\($0)'?" }
          ?? "'netcost --help' shows the commands, 'netcost list' the networks")
    }
    return try run(.analyze, argv, context: context)
  }

  private static func run(
    _ command: Subcommand, _ argv: [String], context: Context
  )
    throws(UsageError) -> Output
  {
    var arguments = Arguments(argv, command: command.name)
    if arguments.helpRequested() {
      return HelpCommand.output(command.info, context: context)
    }
    let long = try arguments.value("--output")
    let short = try arguments.value("-o")
    if long != nil && short != nil {
      throw UsageError(message: "'--output' is given more than once", command: command.name)
    }
    // Standard output's own file, by any name (`/dev/stdout`, a link to it, the file `>>`
    // appends to), is `-`: opened by name, it would be a new description of a pipe, or a file
    // replaced where it was appended to.
    let file = (long ?? short).map { context.isStandardOutput($0) ? "-" : $0 }
    arguments.outputFile = file
    if file?.isEmpty == true {
      throw UsageError(message: "'--output' takes a file name", command: command.name)
    }
    var output = try command.run(&arguments, context: context)
    // `-o -` is standard output. The file gets what standard output would have: `verify`'s
    // table even when its verdict is exit 1, nothing when a spec has errors.
    if let file, file != "-", output.exitCode == .success || output.hasStdout {
      // As it is made: a million rows go into the file in chunks (`FileWriter`).
      output.files.insert(Output.File(path: file, body: output.body), at: 0)
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
      result.stderr +=
        "error: cannot write '\(TerminalText.escaped(failure.path))': "
        + TerminalText.escaped(failure.reason) + "\n"
      result.exitCode = .cannotCreate
    }
    return result
  }

  /// A first word that is no command, no built-in network and no file, and does not look like a
  /// path: a mistyped command or network, not a spec to analyse.
  private static func isUnknownWord(_ word: String, context: Context) -> Bool {
    guard !word.hasPrefix("-"), !word.contains("/"), !word.contains("."), !word.contains(":"),
      SpecCatalog.builtin(word) == nil
    else { return false }
    // Asked without reading it: a FIFO read here would lose its bytes, a large file its time.
    if let names = context.names { return !names(word) }
    if case .failure(.notFound) = context.head(word, 1) { return true }
    return false
  }

  /// `--version`: the version, and the toolchain the binary was built with.
  static var versionText: String {
    "\(version)\nbuilt with Swift \(toolchain)\n"
  }

  /// The Swift language mode's compiler, as far as the compiler lets a program know it.
  private static var toolchain: String {
    #if compiler(>=6.4)
      "6.4 or later"
    #elseif compiler(>=6.3)
      "6.3"
    #elseif compiler(>=6.2)
      "6.2"
    #elseif compiler(>=6.1)
      "6.1"
    #else
      "6.0"
    #endif
  }
}
