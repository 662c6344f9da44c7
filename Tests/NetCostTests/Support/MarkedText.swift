import NetCost

/// Spec text with location markers (`1️⃣`, `2️⃣`, …) in it, as swift-format's tests write them:
/// the markers are removed and their positions kept, so a test can say where a diagnostic points.
struct MarkedText {
  let text: String
  let markers: [String: NetCost.SourceLocation]

  init(_ marked: String) {
    var text = ""
    var markers: [String: NetCost.SourceLocation] = [:]
    var line = 1
    var column = 1
    for character in marked {
      if Self.markerNames.contains(String(character)) {
        markers[String(character)] = NetCost.SourceLocation(line: line, column: column)
        continue
      }
      text.append(character)
      if character == "\n" {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    self.text = text
    self.markers = markers
  }

  static let markerNames = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]
}
