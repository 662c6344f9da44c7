import NetCost

/// Shell completion scripts for bash, zsh and fish, generated from the commands' `CommandInfo`
/// and the built-in networks, so they never fall out of step with the CLI.
enum Completions {
  enum Shell: String, CaseIterable {
    case bash, zsh, fish
  }

  static let commandNames = Subcommand.allCases.map(\.name)

  static func script(for shell: Shell) -> String {
    switch shell {
    case .bash: bash()
    case .zsh: zsh()
    case .fish: fish()
    }
  }

  private static var networks: String { SpecCatalog.builtinNames.joined(separator: " ") }
  private static var formats: String {
    Options.Format.allCases.map(\.rawValue).joined(separator: " ")
  }
  /// `graph` writes pictures, not tables: its formats and colours are its own.
  private static var graphFormats: String {
    GraphCommand.Format.allCases.map(\.rawValue).joined(separator: " ")
  }
  private static var metrics: String {
    GraphMetric.allCases.map(\.rawValue).joined(separator: " ")
  }
  private static var conventions: String {
    Convention.allCases.map(\.rawValue).joined(separator: " ")
  }

  /// A command's options; the default command's include the top level's `--version`.
  private static func options(_ command: Subcommand) -> String {
    (command.info.optionNames + ["--output", "-o", "--help", "-h"]
      + (command == .analyze ? ["--version"] : []))
      .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
      .joined(separator: " ")
  }

  private static func bash() -> String {
    let cases = Subcommand.allCases.map { "    \($0.name)) options=\"\(options($0))\" ;;" }
      .joined(separator: "\n")
    return """
      # bash completion for netcost: `source <(netcost completions bash)`, or save it in
      # /etc/bash_completion.d/netcost.
      _netcost() {
        local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
        local commands="\(commandNames.joined(separator: " "))"
        local networks="\(networks)"
        local command=analyze i
        for ((i = 1; i < COMP_CWORD; i++)); do
          case "${COMP_WORDS[i]}" in
            \(Subcommand.allCases.map(\.name).joined(separator: "|"))) command="${COMP_WORDS[i]}"; break ;;
          esac
        done
        case "$prev" in
          --format)
            if [[ $command == graph ]]; then COMPREPLY=($(compgen -W "\(graphFormats)" -- "$cur"))
            else COMPREPLY=($(compgen -W "\(formats)" -- "$cur")); fi
            return ;;
          --color) COMPREPLY=($(compgen -W "\(metrics)" -- "$cur")); return ;;
          --convention) COMPREPLY=($(compgen -W "\(conventions)" -- "$cur")); return ;;
          --by) COMPREPLY=($(compgen -W "kind" -- "$cur")); return ;;
          -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
          completions) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
          help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
        esac
        local options=""
        case "$command" in
      \(cases)
        esac
        if [[ "$cur" == -* ]]; then
          COMPREPLY=($(compgen -W "$options" -- "$cur"))
        elif [[ $COMP_CWORD -eq 1 ]]; then
          COMPREPLY=($(compgen -W "$commands $networks" -- "$cur") $(compgen -f -X '!*.netspec' -- "$cur"))
        else
          COMPREPLY=($(compgen -W "$networks" -- "$cur") $(compgen -f -X '!*.netspec' -- "$cur"))
        fi
      }
      complete -F _netcost netcost

      """
  }

  private static func zsh() -> String {
    let cases = Subcommand.allCases.map { "    \($0.name)) options=(\(options($0))) ;;" }
      .joined(separator: "\n")
    return """
      #compdef netcost
      # zsh completion for netcost: save as _netcost in a directory on $fpath.
      _netcost() {
        local -a commands networks options
        commands=(\(commandNames.joined(separator: " ")))
        networks=(\(networks))
        local command=analyze
        (( ${commands[(Ie)$words[2]]} )) && command=$words[2]
        case $words[CURRENT-1] in
          --format)
            if [[ $command == graph ]]; then compadd \(graphFormats); else compadd \(formats); fi
            return ;;
          --color) compadd \(metrics); return ;;
          --convention) compadd \(conventions); return ;;
          --by) compadd kind; return ;;
          -o|--output) _files; return ;;
          completions) compadd bash zsh fish; return ;;
          help) compadd -a commands; return ;;
        esac
        case $command in
      \(cases)
        esac
        if [[ $words[CURRENT] == -* ]]; then
          compadd -a options
        elif (( CURRENT == 2 )); then
          compadd -a commands networks; _files -g '*.netspec'
        else
          compadd -a networks; _files -g '*.netspec'
        fi
      }
      _netcost "$@"

      """
  }

  private static func fish() -> String {
    var lines = [
      "# fish completion for netcost: save as ~/.config/fish/completions/netcost.fish",
      "complete -c netcost -f",
    ]
    for command in Subcommand.allCases {
      lines.append(
        "complete -c netcost -n __fish_use_subcommand -a \(command.name) -d "
          + quoted(command.info.abstract))
      for option in command.info.options {
        for name in option.names where name.hasPrefix("--") {
          let value = option.value == nil ? "" : " -r"
          lines.append(
            "complete -c netcost -n '__fish_seen_subcommand_from \(command.name)' "
              + "-l \(name.dropFirst(2))\(value) -d \(quoted(option.text))")
        }
      }
    }
    lines += [
      "complete -c netcost -n '__fish_seen_subcommand_from completions' -a 'bash zsh fish'",
      "complete -c netcost -n 'not __fish_seen_subcommand_from graph' -l format -x -a '\(formats)'",
      "complete -c netcost -n '__fish_seen_subcommand_from graph' -l format -x -a '\(graphFormats)'",
      "complete -c netcost -l color -x -a '\(metrics)'",
      "complete -c netcost -l convention -x -a '\(conventions)'",
      "complete -c netcost -s o -l output -r -F",
      "complete -c netcost -s h -l help -d 'Show help information.'",
      "complete -c netcost -l version -d 'Show the version.'",
      "complete -c netcost -a '\(networks)' -d 'built-in network'",
      "complete -c netcost -a '(__fish_complete_suffix .netspec)'",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// A fish single-quoted string.
  private static func quoted(_ text: String) -> String {
    let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
    var out = "'"
    for c in firstLine {
      if c == "'" || c == "\\" { out += "\\" }
      out.append(c)
    }
    return out + "'"
  }
}
