/// GitHub-flavoured Markdown pipe tables: numbers right-aligned and grouped, as the terminal shows
/// them, so a table pastes into notes and READMEs.
public enum MarkdownRenderer {
  public static func render(_ table: Table) -> String {
    func row(_ cells: [String]) -> String {
      "| " + cells.map { $0.replacingPipes }.joined(separator: " | ") + " |"
    }
    let rule =
      "|"
      + table.columns.map { $0.alignment == .right ? "---:" : "---" }
      .joined(separator: "|") + "|"
    let body = table.rows.map { row($0.map(TableText.text)) }
    return ([row(table.columns.map(\.title)), rule] + body).joined(separator: "\n") + "\n"
  }
}

extension String {
  /// A `|` inside a cell would end it.
  fileprivate var replacingPipes: String {
    var out = ""
    for c in self { out += c == "|" ? "\\|" : String(c) }
    return out
  }
}
