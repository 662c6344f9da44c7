/// What the command line learns of a file before reading it whole: its first bytes, a zip's
/// entry names, whether it is a directory, and which of the paths `RecognisedFormat.probes` names
/// exist. Enough to tell the formats netcost recognises but does not read (`RecognisedFormat`)
/// from a file it reads, at the cost of a few KiB and a zip's directory, whatever the file's size.
public struct FileSample: Sendable {
  /// The path as the user gave it; `-` is standard input.
  public var path: String
  /// The first `RecognisedFormat.sampleBytes` bytes, or all of a shorter file; empty for a
  /// directory.
  public var head: [UInt8]
  public var isDirectory: Bool
  /// Which of `RecognisedFormat.probes(for:isDirectory:)` exist.
  public var existing: Set<String>
  /// What a zip archive's entry names say about it (nil when the file is no zip, or its
  /// directory cannot be read).
  let archive: ArchiveLayout?

  public init(
    path: String, head: [UInt8], isDirectory: Bool = false, zipEntries: [String]? = nil,
    existing: Set<String> = []
  ) {
    self.path = path
    self.head = head
    self.isDirectory = isDirectory
    self.existing = existing
    archive = zipEntries.map(ArchiveLayout.init)
  }

  /// The file's name in lowercase, for the formats known by their extension.
  var lowercasedPath: String { path.lowercased() }

  /// The last component of the path, a directory's trailing `/` ignored.
  var fileName: Substring {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    return trimmed.split(separator: "/").last ?? trimmed
  }

  /// Whether the directory holds an entry named `name` (probed by the command line).
  func holds(_ name: String) -> Bool {
    isDirectory && existing.contains(Self.join(path, name))
  }

  /// Whether a file named as this one, with `suffix` for its extension, lies beside it: the
  /// `.xml` beside an OpenVINO `.bin`.
  func hasSibling(_ suffix: String) -> Bool {
    guard let sibling = Self.sibling(of: path, suffix: suffix) else { return false }
    return existing.contains(sibling)
  }

  static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// `model.bin` → `model.xml`; nil for a path without an extension.
  static func sibling(of path: String, suffix: String) -> String? {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    return String(path[..<dot]) + suffix
  }
}

/// Signatures read from the first bytes.
extension FileSample {
  /// Binary content: a NUL byte, or bytes that are not UTF-8 (a sequence cut by the end of the
  /// sample does not count). The formats known by their extension are only trusted on binary
  /// content, which a spec, a prototxt or JSON never is.
  var isBinary: Bool {
    head.contains(0)
      || String(validating: head.dropLast(cutSequenceLength), as: UTF8.self) == nil
  }

  /// How many bytes at the end begin a UTF-8 sequence that the sample cut short: a lead byte
  /// (C2–F4) followed by fewer continuation bytes than it announces.
  private var cutSequenceLength: Int {
    var lead = head.count - 1
    while lead >= 0, head.count - lead <= 3, head[lead] & 0xC0 == 0x80 { lead -= 1 }
    guard lead >= 0, (0xC2...0xF4).contains(head[lead]) else { return 0 }
    let announced = head[lead] >= 0xF0 ? 4 : head[lead] >= 0xE0 ? 3 : 2
    let present = head.count - lead
    return present < announced ? present : 0
  }

  /// The bytes at `offset` are `signature`.
  func has(_ signature: [UInt8], at offset: Int) -> Bool {
    offset >= 0 && offset <= head.count - signature.count
      && head[offset..<offset + signature.count].elementsEqual(signature)
  }

  /// HDF5's signature, at 0 or after a user block of 512, 1024, 2048 … bytes (the HDF5 File
  /// Format Specification, "Format Signature"): the offsets the sample reaches.
  var hasHDF5Signature: Bool {
    let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
    var offset = 0
    while offset <= head.count - signature.count {
      if has(signature, at: offset) { return true }
      offset = offset == 0 ? 512 : offset * 2
    }
    return false
  }

  /// A pickle (protocol 2 to 5 opens with PROTO, 0x80, and the protocol number): torch.save's
  /// format before PyTorch 1.6, whose first pickle is its magic number.
  var isPickle: Bool {
    head.count >= 2 && head[0] == 0x80 && (2...5).contains(head[1])
  }

  /// safetensors: an 8-byte little-endian header length, then that many bytes of JSON that open
  /// with `{`. The length is checked against safetensors' own limit on a header (100 MB), so that
  /// any 8 bytes followed by `{` are not taken for one.
  var isSafetensors: Bool {
    guard head.count >= 9, head[8] == UInt8(ascii: "{") else { return false }
    // Accumulated in UInt64, which 8 bytes cannot overflow; the limit is then compared.
    let length = head[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return length >= 2 && length <= 100_000_000
  }

  /// The first line, without its line ending, if the sample holds one.
  var firstLine: Substring? {
    guard let end = head.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
    return Substring(String(decoding: head[..<end], as: UTF8.self))
  }

  /// An XML document whose root element is `<net … version=…>`: OpenVINO's IR. A byte order
  /// mark, the XML declaration, comments and white space may come before the root.
  var isOpenVINOXML: Bool {
    var prologue = XMLPrologue(head)
    guard let tag = prologue.rootTag() else { return false }
    let words = String(decoding: tag, as: UTF8.self).split {
      $0 == " " || $0.isNewline || $0 == "\t"
    }
    return words.first == "net"
      && words.dropFirst().contains { $0 == "version" || $0.hasPrefix("version=") }
  }
}

/// The entry names of a zip archive, sorted by what they say: PyTorch writes every file of an
/// archive under one folder (`<prefix>/data.pkl`), named after the file it saved to.
struct ArchiveLayout: Sendable {
  /// Prefixes holding `data.pkl` (a pickle: torch.save and torch.jit.save) and `code/`
  /// (TorchScript's Python source).
  var pickles: Set<Substring> = []
  var code: Set<Substring> = []
  /// Whether an entry is torch.export.save's: `archive_format` or `models/*.json` (PyTorch 2.8
  /// and later), or `serialized_exported_program.json` (before 2.8, at the top level).
  var exported = false
  /// Whether it holds a program netcost reads (`PT2Archive.programEntry`).
  var readable = false

  init(_ names: [String]) {
    readable = PT2Archive.programEntry(in: names) != nil
    for name in names {
      guard let slash = name.firstIndex(of: "/") else {
        if name == "serialized_exported_program.json" { exported = true }
        continue
      }
      let prefix = Substring(name[..<slash])
      let rest = name[name.index(after: slash)...]
      if rest == "data.pkl" {
        pickles.insert(prefix)
      } else if rest.hasPrefix("code/") {
        code.insert(prefix)
      } else if rest == "archive_format" || rest == "serialized_exported_program.json"
        || rest.hasPrefix("models/") && rest.hasSuffix(".json")
      {
        exported = true
      }
    }
  }

  var isTorchScript: Bool { !pickles.isDisjoint(with: code) }
  var isCheckpoint: Bool { !pickles.subtracting(code).isEmpty }
  /// An ExportedProgram netcost does not read: one without a `models/*.json` (before PyTorch
  /// 2.8, `serialized_exported_program.json`); one with it is read (`PT2Archive`).
  var isExportedProgram: Bool { exported && !readable }
}

/// Walks what may come before an XML document's root element, over bytes that may be cut short.
struct XMLPrologue {
  let bytes: [UInt8]
  var offset = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
  }

  /// The root element's start tag, between `<` and `>` (the name and attributes); nil when the
  /// document does not reach one within the bytes.
  mutating func rootTag() -> ArraySlice<UInt8>? {
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        offset += 1
      } else if starts("<?") {
        guard skip(past: "?>") else { return nil }
      } else if starts("<!--") {
        guard skip(past: "-->") else { return nil }
      } else if starts("<!") {
        guard skip(past: ">") else { return nil }
      } else if byte == UInt8(ascii: "<") {
        guard let end = bytes[offset...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        return bytes[offset + 1..<end]
      } else {
        return nil
      }
    }
    return nil
  }

  private func starts(_ text: String) -> Bool {
    bytes[offset...].starts(with: text.utf8)
  }

  /// Moves past the next `end`; false when the bytes end first.
  private mutating func skip(past end: String) -> Bool {
    let pattern = Array(end.utf8)
    var i = offset
    while i <= bytes.count - pattern.count {
      if bytes[i..<i + pattern.count].elementsEqual(pattern) {
        offset = i + pattern.count
        return true
      }
      i += 1
    }
    return false
  }
}
