import NetCostCore

/// A small SVG 1.1 writer: elements as text, with attributes and content escaped.
struct SVG {
  private(set) var body: [String] = []
  let width: Int
  let height: Int

  init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String,
    title: String? = nil
  ) {
    let tooltip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
    body.append(
      "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(width, 0)))\" "
        + "height=\"\(n(max(height, 0)))\" fill=\"\(fill)\">\(tooltip)</rect>")
  }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#999",
    width: Double = 1
  ) {
    body.append(
      "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" "
        + "stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"/>")
  }

  mutating func circle(x: Double, y: Double, r: Double, fill: String, title: String? = nil) {
    let tooltip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
    body.append(
      "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(fill)\">\(tooltip)</circle>")
  }

  enum Anchor: String {
    case start, middle, end
  }

  mutating func text(
    _ content: String, x: Double, y: Double, size: Double = 12,
    anchor: Anchor = .start, rotate: Double? = nil, bold: Bool = false
  ) {
    let transform = rotate.map { " transform=\"rotate(\(n($0)) \(n(x)) \(n(y)))\"" } ?? ""
    let weight = bold ? " font-weight=\"bold\"" : ""
    body.append(
      "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" "
        + "text-anchor=\"\(anchor.rawValue)\"\(weight)\(transform)>\(Self.escape(content))</text>")
  }

  /// The whole document, valid SVG 1.1 standing alone.
  var rendered: String {
    [
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" "
        + "height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\">",
      "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"white\"/>",
    ]
    .joined(separator: "\n") + "\n" + body.joined(separator: "\n") + "\n</svg>\n"
  }

  private func n(_ value: Double) -> String { Self.number(value) }

  /// Coordinates to two decimals: enough for a screen, and stable text for golden files.
  static func number(_ value: Double) -> String {
    NumberFormat.trimmed(NumberFormat.fixed(value, places: 2)).replacingGroupSeparators
  }

  /// Text for XML content or a quoted attribute. Names come from model files: control
  /// characters, which XML 1.0 forbids even as references, are shown escaped as a terminal
  /// shows them (`\u{1B}`), as are U+FFFE and U+FFFF, which XML forbids too.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in TerminalText.escaped(text).unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\u{FFFE}", "\u{FFFF}":
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

extension String {
  /// `1,234.5` → `1234.5`: SVG numbers take no group separators.
  fileprivate var replacingGroupSeparators: String { filter { $0 != "," } }
}
