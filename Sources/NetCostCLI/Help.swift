import NetCost

/// Help and usage text, generated from the commands' `CommandInfo`, laid out as
/// swift-argument-parser lays it out: at a terminal's width, descriptions wrap within their own
/// column, the usage line breaks between its bracketed groups, and no flag is split.
enum Help {
  static func overview(width: Int? = nil) -> String {
    let about =
      "OVERVIEW: netcost \(CLI.version): what a convolutional network costs, layer by layer: "
      + "output shapes, parameters, multiply-accumulates (MACs) and activation memory."
    // Wrapped at 80 without a width: the lines as they are written.
    var out = paragraph(about, indent: "", width: width ?? 80) + "\n"
    // The default command's usage, its note beside it where that fits, else under it.
    let note = "(analyze, the default command)"
    let first = usage("netcost <network|file> [<options>]", width: width).dropLast()
    let last = first.split(separator: "\n").last ?? first
    out +=
      last.count + 3 + note.count <= width ?? .max
      ? first + "   " + note + "\n" : first + "\n         " + note + "\n"
    out += usage("netcost <subcommand> [<arguments>] [<options>]", width: width, prefix: "       ")
    out += "\nOPTIONS:\n"
    out += entries(
      [("--version", "Show the version."), (CommandInfo.help.label, CommandInfo.help.text)],
      width: width)
    out += "\nSUBCOMMANDS:\n"
    out += entries(
      Subcommand.allCases.map {
        ($0.info.name + ($0 == .analyze ? " (default)" : ""), $0.info.abstract)
      }, width: width)
    out +=
      "\n"
      + paragraph(
        "  See 'netcost help <subcommand>' for detailed help.", indent: "  ", width: width)
    return out
  }

  static func text(for info: CommandInfo, width: Int? = nil) -> String {
    var out = paragraph("OVERVIEW: " + info.abstract, indent: "  ", width: width) + "\n"
    out += usage(info.usage, width: width)
    if !info.arguments.isEmpty {
      out +=
        "\nARGUMENTS:\n"
        + entries(info.arguments.map { ("<\($0.name)>", $0.text) }, width: width)
    }
    out +=
      "\nOPTIONS:\n"
      + entries((info.options + [CommandInfo.help]).map { ($0.label, $0.text) }, width: width)
    if !info.examples.isEmpty {
      out +=
        "\nEXAMPLES:\n"
        + info.examples.map { paragraph("  " + $0, indent: "      ", width: width) }.joined()
    }
    return out
  }

  /// `USAGE: netcost …`, broken between bracketed groups (`[--alpha <value>]` stays whole),
  /// continuation lines aligned under the command.
  static func usage(_ text: String, width: Int?, prefix: String = "USAGE: ") -> String {
    guard let width, prefix.count + text.unicodeScalars.count > width else {
      return prefix + text + "\n"
    }
    var groups: [String] = []
    var depth = 0
    for word in text.split(separator: " ") {
      if depth > 0, let last = groups.popLast() {
        groups.append(last + " " + word)
      } else {
        groups.append(String(word))
      }
      depth += word.filter { $0 == "[" || $0 == "<" }.count
      depth -= word.filter { $0 == "]" || $0 == ">" }.count
      depth = max(depth, 0)
    }
    let indent = String(repeating: " ", count: prefix.count)
    var lines = [prefix]
    for group in groups {
      let line = lines[lines.count - 1]
      let fresh = line == prefix || line == indent
      if !fresh, line.unicodeScalars.count + 1 + group.unicodeScalars.count > width {
        lines.append(indent + group)
      } else {
        lines[lines.count - 1] = line + (fresh ? "" : " ") + group
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One line of prose, wrapped at the width (continuation lines indented) when there is one.
  private static func paragraph(_ text: String, indent: String, width: Int?) -> String {
    guard let width, text.unicodeScalars.count > width else { return text + "\n" }
    return text.wrapped(to: width, indent: indent).map { $0 + "\n" }.joined()
  }

  /// `error: …`, an optional `help: …`, then the command's usage and where to read more.
  static func usageError(_ error: UsageError) -> String {
    // Messages quote what was typed (a path, a name): escaped, as every name from a file is.
    var out = "error: \(TerminalText.escaped(error.message))\n"
    if let help = error.help { out += "help: \(TerminalText.escaped(help))\n" }
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

  /// Two columns: names padded to a common width, their text after them. At a terminal's width
  /// the text is one paragraph wrapped within its column; without one, its own lines are kept.
  private static func entries(_ rows: [(String, String)], width: Int? = nil) -> String {
    let column = max(24, (rows.map(\.0.count).max() ?? 0) + 2)
    let margin = String(repeating: " ", count: column + 2)
    return rows.map { name, text in
      let lines: [String]
      if let width {
        // The text's own breaks were made for a wide terminal; at this width it is re-flowed.
        let prose = text.split(separator: "\n").joined(separator: " ")
        let room = width - column - 2
        guard room >= 20 else {
          // Too narrow for two columns: the text goes under its name, indented.
          let under = prose.wrapped(to: max(width - 6, 20), indent: "")
          return "  " + name + "\n" + under.map { "      " + $0 + "\n" }.joined()
        }
        lines = prose.wrapped(to: room, indent: "")
      } else {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      }
      var out = "  " + name.rightPadded(to: column) + (lines.first ?? "") + "\n"
      for line in lines.dropFirst() { out += margin + line + "\n" }
      return out
    }.joined()
  }
}

extension String {
  func rightPadded(to width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
