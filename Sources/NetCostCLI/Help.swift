import NetCost

/// Help and usage text, generated from the commands' `CommandInfo`, laid out as
/// swift-argument-parser lays it out.
enum Help {
  static func overview() -> String {
    var out = """
      OVERVIEW: netcost \(CLI.version): what a convolutional network costs, layer by layer:
      output shapes, parameters, multiply-accumulates (MACs) and activation memory.

      USAGE: netcost <network|file> [<options>]   (analyze, the default command)
             netcost <subcommand> [<arguments>] [<options>]

      OPTIONS:

      """
    out += entries([
      ("--version", "Show the version."), (CommandInfo.help.label, CommandInfo.help.text),
    ])
    out += "\nSUBCOMMANDS:\n"
    out += entries(
      Subcommand.allCases.map {
        ($0.info.name + ($0 == .analyze ? " (default)" : ""), $0.info.abstract)
      })
    out += "\n  See 'netcost help <subcommand>' for detailed help.\n"
    return out
  }

  static func text(for info: CommandInfo) -> String {
    var out = "OVERVIEW: \(info.abstract)\n\nUSAGE: \(info.usage)\n"
    if !info.arguments.isEmpty {
      out += "\nARGUMENTS:\n" + entries(info.arguments.map { ("<\($0.name)>", $0.text) })
    }
    out += "\nOPTIONS:\n" + entries((info.options + [CommandInfo.help]).map { ($0.label, $0.text) })
    if !info.examples.isEmpty {
      out += "\nEXAMPLES:\n" + info.examples.map { "  " + $0 + "\n" }.joined()
    }
    return out
  }

  /// `error: …`, an optional `help: …`, then the command's usage and where to read more.
  static func usageError(_ error: UsageError) -> String {
    var out = "error: \(error.message)\n"
    if let help = error.help { out += "help: \(help)\n" }
    guard error.exitCode == .usage else { return out }
    let info = error.command.flatMap { Subcommand.named($0)?.info }
    if let info {
      out += "usage: \(info.usage)\n  See 'netcost help \(info.name)' for more information.\n"
    } else {
      out +=
        "usage: netcost <network|file> [<options>]\n       netcost <subcommand> [<arguments>]\n"
        + "  See 'netcost --help' for more information.\n"
    }
    return out
  }

  /// Two columns: names padded to a common width, wrapped text after them.
  private static func entries(_ rows: [(String, String)]) -> String {
    let width = max(24, (rows.map(\.0.count).max() ?? 0) + 2)
    return rows.map { name, text in
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      var out = "  " + name.rightPadded(to: width) + (lines.first.map(String.init) ?? "") + "\n"
      for line in lines.dropFirst() {
        out += String(repeating: " ", count: width + 2) + line + "\n"
      }
      return out
    }.joined()
  }
}

extension String {
  func rightPadded(to width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
