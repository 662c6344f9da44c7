import NetCost

/// `netcost completions bash|zsh|fish`: a completion script for the shell.
enum CompletionsCommand {
  static let info = CommandInfo(
    name: Subcommand.completions.name,
    abstract: "Print a completion script for bash, zsh or fish.",
    usage: "netcost completions <shell> [-o <file>]",
    arguments: [.init(name: "shell", text: "bash, zsh or fish.")],
    options: [Options.outputHelp],
    examples: [
      "source <(netcost completions bash)",
      "netcost completions zsh -o ~/.zfunc/_netcost",
      "netcost completions fish -o ~/.config/fish/completions/netcost.fish",
    ])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    let shells = Completions.Shell.allCases.map(\.rawValue)
    let word = arguments.positional()
    try arguments.finish(knownOptions: info.optionNames)
    guard let word else { throw UsageError.missing("shell", command: info.name) }
    guard let shell = Completions.Shell(rawValue: word) else {
      throw UsageError(
        message: "'completions' takes one of "
          + shells.map { "'\($0)'" }.joined(separator: ", ") + ", got '\(word)'",
        help: Suggest.closest(to: word, in: shells).map { "did you mean '\($0)'?" },
        command: info.name)
    }
    return Output(stdout: Completions.script(for: shell))
  }
}
