/// The model formats netcost recognises by their content but does not read, and what it says
/// of each: the format's name and the way to a file netcost reads (ONNX, or a Keras file). The one
/// catalogue of these messages is the table `all` (RecognisedFormat+Catalog.swift); docs/importing.md
/// shows it and Tests/NetCostCLITests/FormatTests.swift holds every row with a real file.
///
/// The command line asks before it reads a file whole, with a `FileSample`: the first
/// `sampleBytes` bytes, a zip's entry names and the paths `probes` names. So a 5 GB checkpoint
/// costs a few KiB of reads, and a file in none of these formats is read as before.
public struct RecognisedFormat: Sendable {
  /// What the file is, as the message says it after "is": "a TorchScript archive (torch.jit.save)".
  public let name: String
  /// "which netcost does not read", or "… yet" for a format netcost is meant to read one day.
  public let verdict: String
  /// The way to a file netcost reads. `{file}` stands for the file's path, `{folder}` for the
  /// directory that is or holds the model, each as a command line may spell it.
  public let help: String
  /// A file of the format, as docs/importing.md names it; also the file's name in the help when
  /// its own cannot be written there (standard input, a name with quotes or spaces).
  public let example: String
  /// The signature in words, for docs/importing.md.
  public let signature: String
  /// Entries of a directory, and files beside a file named as it with these extensions, whose
  /// existence the command line probes for `matches`.
  package let entries: [String]
  let siblings: [String]
  /// The signature: whether a sample is in this format.
  let matches: @Sendable (FileSample) -> Bool

  init(
    _ name: String, example: String, signature: String,
    verdict: String = "which netcost does not read", help: String, entries: [String] = [],
    siblings: [String] = [], matches: @escaping @Sendable (FileSample) -> Bool
  ) {
    self.name = name
    self.example = example
    self.signature = signature
    self.verdict = verdict
    self.help = help
    self.entries = entries
    self.siblings = siblings
    self.matches = matches
  }

  /// What netcost says of a file it recognises.
  public struct Refusal: Equatable, Sendable {
    public var message: String
    public var help: String
  }

  /// How many bytes from the start of a file `recognise` looks at: enough for every signature
  /// here, HDF5's after a user block of up to 4 KiB included.
  public static let sampleBytes = 8192

  /// The first format in `all` whose signature the sample has, with what to say of it.
  public static func recognise(_ sample: FileSample) -> Refusal? {
    guard let format = all.first(where: { $0.matches(sample) }) else { return nil }
    return format.refusal(for: sample)
  }

  /// The paths whose existence `recognise` needs to know for `path`: a directory's entries that
  /// make it a model (a SavedModel's `saved_model.pb`), or the files beside a `.bin` that say
  /// whose weights it holds.
  public static func probes(for path: String, isDirectory: Bool) -> [String] {
    if isDirectory {
      return all.flatMap(\.entries).map { FileSample.join(path, $0) }
    }
    guard path.lowercased().hasSuffix(".bin") else { return [] }
    return all.flatMap(\.siblings).compactMap { FileSample.sibling(of: path, suffix: $0) }
  }

  /// What netcost says of `sample`, in this format.
  public func refusal(for sample: FileSample) -> Refusal {
    let shown = sample.path == "-" ? "standard input" : "'\(sample.path)'"
    let file = Self.word(sample.path) ?? example
    let folder = Self.word(sample.isDirectory ? sample.path : Self.parent(of: sample.path))
    let help = Self.fill(help, ["file": file, "folder": folder ?? example])
    return Refusal(message: "\(shown) is \(name), \(verdict)", help: help)
  }

  /// `template` with each `{key}` of `values` replaced by its value.
  static func fill(_ template: String, _ values: [String: String]) -> String {
    var out = ""
    var i = template.startIndex
    while i < template.endIndex {
      if template[i] == "{", let close = template[i...].firstIndex(of: "}"),
        let value = values[String(template[template.index(after: i)..<close])]
      {
        out += value
        i = template.index(after: close)
      } else {
        out.append(template[i])
        i = template.index(after: i)
      }
    }
    return out
  }

  /// `path` if a shell command and a Python string can both hold it as it is; nil for standard
  /// input and for names with spaces, quotes or other characters that would need escaping.
  static func word(_ path: String) -> String? {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/+-@:,=")
    guard path != "-", !path.isEmpty, !path.hasPrefix("-"), path.allSatisfy(allowed.contains)
    else { return nil }
    return path
  }

  /// The directory a file lies in, as a path: `.` for a bare name.
  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
