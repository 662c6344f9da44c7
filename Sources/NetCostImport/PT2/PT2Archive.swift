import NetCostCore

/// Where a `.pt2` archive (torch.export.save, PyTorch 2.8 and later) keeps its program:
/// `<prefix>/models/<name>.json`, the prefix any folder name. Only that entry is read, by the
/// archive's directory: the weights (`<prefix>/data/weights/…`) are never touched.
package enum PT2Archive {
  /// The most text of a program read: torchvision's mobilenet_v2 writes 0.5 MB, and parsing
  /// costs some 26 bytes of memory a byte, so 16 MiB stays within the 512 MB a hostile file may
  /// take (docs/fuzzing.md).
  package static let largestProgram = 16 << 20

  /// The entry holding the program: `models/model.json` (torch.export.save's name), else the
  /// only `models/*.json`; nil when the archive holds none, or several and no `model.json`.
  package static func programEntry(in names: [String]) -> String? {
    let programs = names.filter { name in
      guard name.hasSuffix(".json") else { return false }
      let parts = name.split(separator: "/", omittingEmptySubsequences: false)
      return parts.count == 3 && parts[1] == "models" && parts[2].hasSuffix(".json")
        && !parts[0].isEmpty && parts[2].count > 5
    }
    return programs.first { $0.hasSuffix("/models/model.json") }
      ?? (programs.count == 1 ? programs[0] : nil)
  }

  /// Whether an archive without a program entry (`programEntry`) is still meant as a `.pt2`:
  /// named so, or holding a program where torch.export.save writes none (`models/model.json`
  /// at its root).
  package static func isMeantAsOne(named name: String, entries: [String]) -> Bool {
    name.lowercased().hasSuffix(".pt2")
      || entries.contains { $0.hasSuffix(".json") && $0.contains("models/") }
  }

  /// The program's text, as a source file named `<path>/<entry>` so that an error points into
  /// it; nil when the archive is not a `.pt2` of this layout.
  package static func program(
    in archive: ZipArchive, path: String
  ) throws(ZipArchive.Failure) -> SourceFile? {
    guard let entry = programEntry(in: try archive.entryNames()) else { return nil }
    return try program(in: archive, entry: entry, path: path)
  }

  /// The text of the archive's `entry`, a program.
  package static func program(
    in archive: ZipArchive, entry: String, path: String
  ) throws(ZipArchive.Failure) -> SourceFile {
    let bytes = try archive.entry(entry, limit: largestProgram)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw ZipArchive.Failure(message: "its \(entry) is not UTF-8 text")
    }
    return SourceFile(name: path + "/" + entry, text: text)
  }
}
