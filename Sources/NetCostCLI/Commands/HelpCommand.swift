import NetCost

/// `netcost help [<command>]`: the overview, or one command's help.
enum HelpCommand {
  static let info = CommandInfo(
    name: "help",
    abstract: "Show help for a command.",
    usage: "netcost help [<command>]",
    arguments: [.init(name: "command", text: "The command to explain (default: the overview).")],
    examples: ["netcost help", "netcost help sweep"])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let name = arguments.positional()
    try arguments.finish(knownOptions: info.optionNames)
    guard let name else { return Output(stdout: Report.style(context).fitted(Help.overview())) }
    guard let command = Subcommand.named(name) else {
      throw UsageError(
        message: "unknown command '\(name)'",
        help: Suggest.closest(to: name, in: Subcommand.allCases.map(\.info.name))
          .map { "did you mean '\($0)'?" })
    }
    return Output(stdout: Report.style(context).fitted(Help.text(for: command.info)))
  }
}
