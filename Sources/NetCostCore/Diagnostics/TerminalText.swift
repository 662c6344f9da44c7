/// Spec text shown on a terminal: control characters escaped so a spec cannot move the cursor,
/// ring the bell or reorder the line (bidirectional overrides), each character's width in columns
/// so carets line up under wide (CJK) characters, and long quoted names shortened.
public enum TerminalText {
  /// How one character of a spec is shown: its escape when it is a control character, else
  /// itself; and the columns it takes.
  static func shown(_ scalar: Unicode.Scalar) -> (text: String, columns: Int) {
    if scalar == "\t" { return (" ", 1) }
    if isControl(scalar) {
      let escaped = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      return (escaped, escaped.count)
    }
    return (String(scalar), columns(scalar))
  }

  /// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
  package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// Columns a printable character takes: 0 for combining marks and format characters, 2 for
  /// East Asian wide and full-width characters and emoji, else 1 (after `wcwidth`).
  static func columns(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      return 2
    default:
      return 1
    }
  }

  /// Whether `text` has a character `escaped` would change. Its UTF-8 bytes first: a C0 control
  /// or DEL is one byte, and a C1 control or a bidirectional override starts with 0xC2 or 0xE2,
  /// so plain text is passed over without decoding it.
  package static func hasControls(_ text: String) -> Bool {
    // The bytes first, over the string's own storage where it has one (a million-row table
    // checks every name): only a string with a byte that can start a control is decoded.
    let candidate =
      text.utf8.withContiguousStorageIfAvailable { $0.contains(where: mayStartControl) }
      ?? text.utf8.contains(where: mayStartControl)
    return candidate && text.unicodeScalars.contains(where: isControl)
  }

  /// Whether a UTF-8 byte may start a character `isControl` takes: a C0 control or DEL is one
  /// byte, and a C1 control or a bidirectional override starts with 0xC2 or 0xE2.
  /// Inlinable: the JSON writer asks it of every byte of every name.
  @inlinable
  package static func mayStartControl(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2
  }

  /// `text` with its control characters escaped.
  public static func escaped(_ text: String) -> String {
    guard hasControls(text) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      out += isControl(scalar) ? shown(scalar).text : String(scalar)
    }
    return out
  }

  /// The longest name a message quotes whole; a longer one keeps its start and end.
  static let maxQuoted = 60

  /// `text` with every '…'-quoted part longer than `maxQuoted` characters shortened to its first
  /// and last characters around an ellipsis, and control characters escaped: a one-megabyte name
  /// makes a one-line headline.
  static func message(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count > maxQuoted else { return escaped(text) }
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      out.append(scalars[i])
      guard scalars[i] == "'", let close = scalars[(i + 1)...].firstIndex(of: "'") else {
        i += 1
        continue
      }
      let quoted = scalars[(i + 1)..<close]
      if quoted.count > maxQuoted {
        out.append(contentsOf: quoted.prefix(maxQuoted - 12))
        out.append("…")
        out.append(contentsOf: quoted.suffix(10))
      } else {
        out.append(contentsOf: quoted)
      }
      out.append("'")
      i = close + 1
    }
    let result = escaped(String(out))
    guard result.unicodeScalars.count > maxMessage else { return result }
    return String(String.UnicodeScalarView(result.unicodeScalars.prefix(maxMessage))) + "…"
  }

  /// The longest message shown whole, whatever it quotes.
  static let maxMessage = 400
}
