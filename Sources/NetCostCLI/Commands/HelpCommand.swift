import NetCost

/// `netcost help [<command>]`: the overview, or one command's help.
enum HelpCommand {
  static let info = CommandInfo(
    name: Subcommand.help.name,
    abstract: "Show help for a command.",
    usage: "netcost help [<command>]",
    arguments: [.init(name: "command", text: "The command to explain (default: the overview).")],
    examples: ["netcost help", "netcost help sweep"])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let name = arguments.positional()
    try arguments.finish(knownOptions: info.optionNames)
    guard let name else { return output(nil, context: context) }
    guard let command = Subcommand.named(name) else {
      throw UsageError(
        message: "unknown command '\(name)'",
        help: Suggest.closest(to: name, in: Subcommand.allCases.map(\.info.name))
          .map { "did you mean '\($0)'?" })
    }
    return output(command.info, context: context)
  }

  /// One command's help, or the overview, wrapped as swift-argument-parser wraps it (the
  /// terminal's width, `COLUMNS`, or 80): what every way of asking for help prints (`help X`,
  /// `X --help`, `--help`, no arguments).
  static func output(_ info: CommandInfo?, context: Context) -> Output {
    let width = context.helpWidth
    let text = info.map { Help.text(for: $0, width: width) } ?? Help.overview(width: width)
    return Output(stdout: Report.style(context).fitted(text))
  }
}
