/// What `netcost help` says about a command, and what its usage errors show (argument-parser's
/// `CommandConfiguration`).
struct CommandInfo {
  struct Argument {
    var name: String
    var text: String
  }

  struct Option {
    var names: [String]
    /// The value's placeholder as help shows it (`<value>`); nil for a flag.
    var value: String?
    /// The sentence is made when help shows it: every run reads its command's options to
    /// parse its arguments, and some sentences are built (the conventions' list).
    private let describe: @Sendable () -> String
    var text: String { describe() }

    init(
      names: [String], value: String? = nil, text: @autoclosure @escaping @Sendable () -> String
    ) {
      (self.names, self.value, describe) = (names, value, text)
    }

    var label: String { names.joined(separator: ", ") + (value.map { " " + $0 } ?? "") }
  }

  var name: String
  var abstract: String
  var usage: String
  var arguments: [Argument] = []
  var options: [Option] = []
  var examples: [String] = []

  /// Every option spelling, for "did you mean".
  var optionNames: [String] { options.flatMap(\.names) }

  static let help = Option(names: ["-h", "--help"], text: "Show help information.")
}

/// netcost's subcommands; the first is the default.
enum Subcommand: CaseIterable {
  case analyze
  case sweep
  case compare
  case verify
  case conventions
  case fit
  case chart
  case graph
  case report
  case convert
  case list
  case help
  case completions

  /// The command's name, as typed; kept apart from `info` so that finding a command does not
  /// build every command's help.
  var name: String {
    switch self {
    case .analyze: "analyze"
    case .sweep: "sweep"
    case .compare: "compare"
    case .verify: "verify"
    case .conventions: "conventions"
    case .fit: "fit"
    case .chart: "chart"
    case .graph: "graph"
    case .report: "report"
    case .convert: "convert"
    case .list: "list"
    case .help: "help"
    case .completions: "completions"
    }
  }

  var info: CommandInfo {
    switch self {
    case .analyze: AnalyzeCommand.info
    case .sweep: SweepCommand.info
    case .compare: CompareCommand.info
    case .verify: VerifyCommand.info
    case .conventions: ConventionsCommand.info
    case .fit: FitCommand.info
    case .chart: ChartCommand.info
    case .graph: GraphCommand.info
    case .report: ReportCommand.info
    case .convert: ConvertCommand.info
    case .list: ListCommand.info
    case .help: HelpCommand.info
    case .completions: CompletionsCommand.info
    }
  }

  func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    switch self {
    case .analyze: try AnalyzeCommand.run(&arguments, context: context)
    case .sweep: try SweepCommand.run(&arguments, context: context)
    case .compare: try CompareCommand.run(&arguments, context: context)
    case .verify: try VerifyCommand.run(&arguments, context: context)
    case .conventions: try ConventionsCommand.run(&arguments, context: context)
    case .fit: try FitCommand.run(&arguments, context: context)
    case .chart: try ChartCommand.run(&arguments, context: context)
    case .graph: try GraphCommand.run(&arguments, context: context)
    case .report: try ReportCommand.run(&arguments, context: context)
    case .convert: try ConvertCommand.run(&arguments, context: context)
    case .list: try ListCommand.run(&arguments, context: context)
    case .help: try HelpCommand.run(&arguments, context: context)
    case .completions: try CompletionsCommand.run(&arguments, context: context)
    }
  }

  /// A command by name; `analyse` is `analyze`, as people spell it on both sides of the Atlantic.
  static func named(_ name: String) -> Subcommand? {
    name == "analyse" ? .analyze : allCases.first { $0.name == name }
  }
}
