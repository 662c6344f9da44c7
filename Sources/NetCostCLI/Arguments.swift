import NetCost

/// A consuming reader over argv, in swift-argument-parser's manner: a command takes the options and
/// positionals it knows, then `finish()` rejects whatever is left, with "did you mean".
struct Arguments {
  private var items: [Item]
  let command: String
  /// `-o FILE`, taken out by `CLI` for every command; a command that writes more files beside it
  /// (a report's charts) reads it here.
  var outputFile: String?

  private struct Item {
    var text: String
    var used = false
    /// After `--`, everything is positional.
    var positionalOnly: Bool
  }

  init(_ arguments: [String], command: String) {
    self.command = command
    var afterTerminator = false
    items = []
    for argument in arguments {
      if argument == "--" && !afterTerminator {
        afterTerminator = true
        continue
      }
      items.append(Item(text: argument, positionalOnly: afterTerminator))
    }
  }

  /// Whether option `name` is given (as `name value` or `name=value`), without taking it.
  func has(_ name: String) -> Bool {
    items.contains {
      !$0.used && !$0.positionalOnly && ($0.text == name || $0.text.hasPrefix(name + "="))
    }
  }

  /// Whether `-h` or `--help` appears before any `--`.
  mutating func helpRequested() -> Bool {
    flag("--help", short: "-h")
  }

  mutating func flag(_ name: String, short: String? = nil) -> Bool {
    var found = false
    for i in items.indices
    where !items[i].used && !items[i].positionalOnly
      && (items[i].text == name || items[i].text == short)
    {
      items[i].used = true
      found = true
    }
    return found
  }

  /// Every value of a repeatable option, `--set a=1 --set=b=2`, in order.
  mutating func values(_ name: String) throws(UsageError) -> [String] {
    var result: [String] = []
    var i = 0
    while i < items.count {
      defer { i += 1 }
      guard !items[i].used, !items[i].positionalOnly else { continue }
      let text = items[i].text
      if text == name {
        items[i].used = true
        guard i + 1 < items.count, !items[i + 1].used else {
          throw UsageError(
            message: "missing value for '\(name) \(placeholder(name))'", command: command)
        }
        items[i + 1].used = true
        result.append(items[i + 1].text)
        i += 1
      } else if text.hasPrefix(name + "=") {
        items[i].used = true
        result.append(String(text.dropFirst(name.count + 1)))
      }
    }
    return result
  }

  /// `<value>` for `--alpha`: how the command's help writes the option's value.
  private func placeholder(_ name: String) -> String {
    let options = Subcommand.named(command)?.info.options ?? []
    return options.first { $0.names.contains(name) }?.value ?? "<value>"
  }

  /// A single-valued option; given twice is an error, as in argument-parser.
  mutating func value(_ name: String) throws(UsageError) -> String? {
    let all = try values(name)
    if all.count > 1 {
      throw UsageError(message: "'\(name)' is given more than once", command: command)
    }
    return all.first
  }

  /// An option whose value may be left out (`--explain` or `--explain conv1`): nil when absent,
  /// "" when given bare. A following word is its value only if `positionals` other words remain
  /// for the command's own arguments.
  mutating func optionalValue(
    _ name: String, leaving positionals: Int
  ) throws(UsageError) -> String? {
    let given = items.filter {
      !$0.used && !$0.positionalOnly && ($0.text == name || $0.text.hasPrefix(name + "="))
    }
    if given.count > 1 {
      throw UsageError(message: "'\(name)' is given more than once", command: command)
    }
    guard
      let i = items.firstIndex(where: {
        !$0.used && !$0.positionalOnly
          && ($0.text == name
            || $0.text.hasPrefix(name + "="))
      })
    else { return nil }
    items[i].used = true
    if items[i].text.hasPrefix(name + "=") {
      return String(items[i].text.dropFirst(name.count + 1))
    }
    let free = items.indices.filter { !items[$0].used && !isOption(items[$0]) }
    if let next = free.first(where: { $0 == i + 1 }), free.count > positionals {
      items[next].used = true
      return items[next].text
    }
    return ""
  }

  private func isOption(_ item: Item) -> Bool {
    !item.positionalOnly && item.text.hasPrefix("-") && item.text.count > 1
  }

  /// The next unused argument that is not an option.
  mutating func positional() -> String? {
    for i in items.indices where !items[i].used {
      if !items[i].positionalOnly && items[i].text.hasPrefix("-") && items[i].text.count > 1 {
        continue
      }
      items[i].used = true
      return items[i].text
    }
    return nil
  }

  /// Rejects what no one took: unknown options (with the closest known one) and extra arguments.
  func finish(knownOptions: [String]) throws(UsageError) {
    guard let left = items.first(where: { !$0.used }) else { return }
    if !left.positionalOnly && left.text.hasPrefix("-") && left.text.count > 1 {
      let name = String(left.text.prefix { $0 != "=" })
      throw UsageError(
        message: "unknown option '\(name)'",
        help: Suggest.closest(to: name, in: knownOptions + ["--help"]).map {
          "did you mean '\($0)'?"
        },
        command: command)
    }
    throw UsageError(message: "unexpected argument '\(left.text)'", command: command)
  }
}
