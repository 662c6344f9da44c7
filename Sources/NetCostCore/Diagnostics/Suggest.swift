/// "Did you mean" for every name netcost knows: layer kinds, keys, parameters, blocks, layers,
/// networks and CLI options.
///
/// Rules after SwiftFormat's `bestMatch` and Elm's `Suggest`: compare case-insensitively by
/// Levenshtein distance; accept a candidate when the distance is at most a third of the word's length
/// (at least 1), or at most half of it when the two share their first letter; stay silent on a tie.
public enum Suggest {
  /// The single closest candidate to `word`, or nil when none is close or two are equally close.
  ///
  /// The work is bounded: a word longer than `maxLength` gets no suggestion (nobody mistypes a
  /// name that long), and a candidate whose length alone puts it past the limit is not compared.
  public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    guard word.unicodeScalars.count <= maxLength else { return nil }
    let lowered = Array(word.lowercased().unicodeScalars)
    var best: (name: String, distance: Int)?
    var tied = false
    for candidate in candidates where candidate != word {
      let length = candidate.unicodeScalars.count
      let sharesFirst = candidate.unicodeScalars.first.map { lower($0) } == lowered.first
      let limit = sharesFirst ? max(1, lowered.count / 2) : max(1, lowered.count / 3)
      guard abs(length - lowered.count) <= limit else { continue }
      let other = Array(candidate.lowercased().unicodeScalars)
      let distance = editDistance(lowered, other)
      guard distance <= limit else { continue }
      if let current = best {
        if distance < current.distance {
          best = (candidate, distance)
          tied = false
        } else if distance == current.distance, candidate != current.name {
          tied = true
        }
      } else {
        best = (candidate, distance)
      }
    }
    return tied ? nil : best?.name
  }

  /// The longest word a suggestion is looked for.
  static let maxLength = 128

  private static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    String(scalar).lowercased().unicodeScalars.first ?? scalar
  }

  /// `'a', 'b', 'c'`: how a list of known names is offered when none is close.
  public static func quotedList(_ names: [String]) -> String {
    names.map { "'\($0)'" }.joined(separator: ", ")
  }

  /// The Levenshtein distance: insertions, deletions and substitutions each cost 1.
  static func editDistance<C: Equatable>(_ a: [C], _ b: [C]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
