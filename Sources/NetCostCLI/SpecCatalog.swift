import BuiltinSpecs
import NetCost

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds a spec by name: a built-in network, or a file the user named.
enum SpecCatalog {
  /// A built-in network: a family's spec, and the variant of it the name chose, if any. The
  /// spec is decoded when asked for: telling a name from a path needs only the lookup.
  struct Builtin {
    var family: String
    var variant: String?

    var source: SourceFile {
      SourceFile(
        name: "<builtin>/\(family).netspec", text: BuiltinSpecs.text(of: family) ?? "")
    }

    var parsed: Pipeline.ParsedSpec {
      var spec = Pipeline.parse(source)
      spec.variant = variant
      return spec
    }
  }

  /// A built-in network's name, its family and the variant it names.
  struct Entry {
    var name: String
    var family: String
    var variant: String?
  }

  /// Every built-in network by name, in `netcost list`'s order: each family (one spec file) and
  /// then the variants it declares.
  static let networks: [Entry] =
    BuiltinSpecs.files.flatMap { spec in
      [Entry(name: spec.name, family: spec.name, variant: nil)]
        + variantNames(bytes: spec.bytes).map { Entry(name: $0, family: spec.name, variant: $0) }
    }

  /// The built-in specs' own names (one per family), which `verify` checks.
  static var familyNames: [String] { BuiltinSpecs.files.map(\.name) }

  /// Every name a built-in network answers to as written (families and variants).
  static var builtinNames: [String] { networks.map(\.name) }

  /// A built-in network as a library spells it: the exact name, else one that differs only in
  /// case, `-`, `_` and `.` (`vgg11-bn` for `vgg11_bn`, `inception_v3` for `inception-v3`),
  /// the first declared winning: so Keras's `InceptionV3`, declared as a variant, is Keras's.
  static func builtin(_ name: String) -> Builtin? {
    // A path is never a built-in's name (each is one word): it is not looked up.
    guard !name.utf8.contains(UInt8(ascii: "/")) else { return nil }
    if BuiltinSpecs.files.contains(where: { $0.name == name }) {
      return Builtin(family: name, variant: nil)
    }
    let key = normalized(name)
    guard
      let entry = networks.first(where: { $0.name == name })
        ?? networks.first(where: { matches($0.name, key) })
    else { return nil }
    return Builtin(family: entry.family, variant: entry.variant)
  }

  /// The other built-in networks whose names differ from `name`'s only in case, `-`, `_` and `.`
  /// (Keras's `ResNet50` and torchvision's `resnet50`), with the library each follows.
  static func namesakes(of name: String) -> [(name: String, library: String?)] {
    let key = normalized(name)
    let alike = networks.filter { $0.name != name && matches($0.name, key) }
    guard !alike.isEmpty else { return [] }
    // A family with variants answers by its variants' names (as `list` shows them), not its own.
    let families = Set(networks.compactMap { $0.variant == nil ? nil : $0.family })
    return alike.filter { $0.variant != nil || !families.contains($0.family) }.compactMap {
      entry in
      guard let family = BuiltinSpecs.files.first(where: { $0.name == entry.family }) else {
        return nil
      }
      return (entry.name, library(of: entry.variant, in: family.bytes))
    }
  }

  /// "resnet50 follows torchvision; for Keras's, 'netcost ResNet50'": a line for each namesake
  /// that follows another library, so that a name typed in the wrong case is noticed.
  static func namesakeLines(of name: String, library: String?) -> [String] {
    namesakes(of: name).compactMap { other in
      guard other.library != library else { return nil }
      let theirs = other.library.map { "\($0)'s" } ?? "the paper's"
      return "\(name) follows \(library ?? "the paper"); for \(theirs), 'netcost \(other.name)'"
    }
  }

  /// A name without case, `-`, `_` and `.`, as bytes (names are compared, never shown).
  private static func normalized(_ name: String) -> [UInt8] {
    name.utf8.compactMap(folded)
  }

  /// Whether `name` is `key` once normalized, read without making its key: every run compares
  /// all the built-ins' hundred names (for namesakes).
  private static func matches(_ name: String, _ key: [UInt8]) -> Bool {
    var next = key.startIndex
    for byte in name.utf8 {
      guard let byte = folded(byte) else { continue }
      guard next < key.endIndex, key[next] == byte else { return false }
      next += 1
    }
    return next == key.endIndex
  }

  /// A byte of a name as `normalized` keeps it: nil for a separator, lower case for a letter.
  private static func folded(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): nil
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
    default: byte
    }
  }

  /// A network read and parsed in its language: a spec, Caffe prototxt, Keras JSON or archive,
  /// or an ONNX model (mapped, never read whole).
  static func spec(
    _ argument: String, context: Context, command: String, skipping: Set<String> = []
  ) throws(UsageError) -> Pipeline.ParsedSpec {
    if argument.lowercased().hasSuffix(".onnx"), builtin(argument) == nil {
      // A model of another format named .onnx (a TorchScript archive renamed) is named for what
      // it is before the ONNX reader sees it; a pipe, read whole to sample it, is parsed from
      // those bytes.
      var whole: [UInt8]?
      if case .success(let first) = context.head(argument, RecognisedFormat.sampleBytes) {
        let archive =
          ZipArchive.looksLikeArchive(first.head)
          ? try? openArchive(argument, first, context: context, command: command) : nil
        try refuseRecognised(argument, first, archive: archive, context: context, command: command)
        whole = first.whole
      }
      let parsed: Result<Pipeline.ParsedSpec, Context.FileError>
      if let whole {
        parsed = .success(
          whole.withUnsafeBytes { Pipeline.parse(onnx: $0, name: argument, skipping: skipping) })
      } else if let map = context.mapFile {
        parsed = map(argument) { Pipeline.parse(onnx: $0, name: argument, skipping: skipping) }
      } else {
        parsed = context.readFile(argument).map { bytes in
          bytes.withUnsafeBytes { Pipeline.parse(onnx: $0, name: argument, skipping: skipping) }
        }
      }
      switch parsed {
      case .success(let spec): return spec
      case .failure(let error):
        throw UsageError(
          message: "cannot read '\(argument)': " + describe(error), command: command,
          exitCode: .noInput)
      }
    }
    if let builtin = builtin(argument) { return builtin.parsed }
    switch try load(argument, context: context, command: command) {
    case .source(let source): return Pipeline.parse(source, skipping: skipping)
    case .program(let source): return Pipeline.parse(program: source, skipping: skipping)
    case .onnx(let bytes, let name):
      return bytes.withUnsafeBytes { Pipeline.parse(onnx: $0, name: name, skipping: skipping) }
    }
  }

  /// What a path held: text (or a Keras archive's config) to parse, or an ONNX model's bytes
  /// (an ONNX file under another name, or on standard input).
  enum Loaded {
    case source(SourceFile)
    /// A `.pt2` archive's program, read as one whatever it holds.
    case program(SourceFile)
    case onnx([UInt8], name: String)
  }

  /// A built-in network by name, else a file by path (`-` is standard input). A word that is
  /// neither gets "did you mean". A file is first sampled, so that a model in a format netcost
  /// recognises but does not read is named as such, whatever its size (`RecognisedFormat`).
  static func load(
    _ argument: String, context: Context, command: String
  ) throws(UsageError)
    -> Loaded
  {
    if let builtin = builtin(argument) { return .source(builtin.source) }
    let first: Context.Head
    switch context.head(argument, RecognisedFormat.sampleBytes) {
    case .success(let read): first = read
    case .failure(.isDirectory):
      try refuseRecognised(directory: argument, context: context, command: command)
      throw cannotRead(argument, .isDirectory, command: command)
    case .failure(let error): throw cannotRead(argument, error, command: command)
    }
    let archive = try openArchive(argument, first, context: context, command: command)
    // The directory is read once, for the format and for the program a `.pt2` holds.
    let entries = archive.flatMap { try? $0.entryNames() }
    try refuseRecognised(argument, first, entries: entries, context: context, command: command)
    if let archive {
      if let entries, let entry = PT2Archive.programEntry(in: entries) {
        return .program(
          try exportedProgram(archive, entry: entry, path: argument, command: command))
      }
      // A .pt2 archive that netcost cannot find its program in, not a Keras archive.
      if PT2Archive.isMeantAsOne(named: argument, entries: entries ?? []) {
        throw unreadableProgram(
          argument,
          "it has no '<folder>/models/model.json' (nor one other "
            + "'<folder>/models/*.json')", command: command)
      }
      return .source(try kerasConfig(archive, path: argument, command: command))
    }
    let bytes = try whole(argument, first, context: context, command: command)
    if Pipeline.looksLikeONNX(bytes) {
      return .onnx(bytes, name: argument == "-" ? "<stdin>" : argument)
    }
    return .source(try decode(bytes, path: argument, command: command))
  }

  /// The whole file: what was read of it already, when that was all of it (standard input,
  /// tests), else read now, at most `Context.maxFileBytes`.
  private static func whole(
    _ argument: String, _ first: Context.Head, context: Context, command: String
  ) throws(UsageError) -> [UInt8] {
    if let whole = first.whole { return whole }
    switch context.readFile(argument) {
    case .success(let bytes): return bytes
    case .failure(let error): throw cannotRead(argument, error, command: command)
    }
  }

  /// The zip archive a file is, read by its directory: a file that starts like one, or one named
  /// `.keras` (a damaged one is then refused as a Keras archive). nil for any other file.
  private static func openArchive(
    _ argument: String, _ first: Context.Head, context: Context, command: String
  ) throws(UsageError) -> ZipArchive? {
    let named = argument.lowercased().hasSuffix(".keras")
    if argument != "-", first.whole == nil, named || ZipArchive.looksLikeArchive(first.head),
      let open = context.openArchive
    {
      switch open(argument) {
      case .success(let archive): return archive
      case .failure(let error): throw cannotRead(argument, error, command: command)
      }
    }
    guard ZipArchive.looksLikeArchive(first.head) else { return nil }
    return ZipArchive(bytes: try whole(argument, first, context: context, command: command))
  }

  /// The paths `RecognisedFormat` asks about for `path` that exist.
  private static func probe(_ path: String, isDirectory: Bool, context: Context) -> Set<String> {
    guard path != "-" else { return [] }
    return Set(RecognisedFormat.probes(for: path, isDirectory: isDirectory).filter(context.exists))
  }

  /// A file in a format netcost recognises but does not read, told by its first bytes, its zip
  /// directory (when it is a zip) and the files beside it, is refused by its format.
  private static func refuseRecognised(
    _ argument: String, _ first: Context.Head, archive: ZipArchive?, context: Context,
    command: String
  ) throws(UsageError) {
    try refuseRecognised(
      argument, first, entries: try? archive?.entryNames(), context: context, command: command)
  }

  private static func refuseRecognised(
    _ argument: String, _ first: Context.Head, entries: [String]?, context: Context,
    command: String
  ) throws(UsageError) {
    try refuseRecognised(
      FileSample(
        path: argument, head: first.head, zipEntries: entries,
        existing: probe(argument, isDirectory: false, context: context)),
      command: command)
  }

  /// A directory that is a model (a SavedModel, a Core ML package) is refused by its format.
  private static func refuseRecognised(
    directory: String, context: Context, command: String
  ) throws(UsageError) {
    try refuseRecognised(
      FileSample(
        path: directory, head: [], isDirectory: true,
        existing: probe(directory, isDirectory: true, context: context)),
      command: command)
  }

  /// A file in a format netcost recognises but does not read: exit 1, as for a spec with errors
  /// (the input is at fault, not the command line), with the way to a file netcost reads.
  private static func refuseRecognised(
    _ sample: FileSample, command: String
  ) throws(UsageError) {
    guard let refusal = RecognisedFormat.recognise(sample) else { return }
    throw UsageError(
      message: refusal.message, help: refusal.help, command: command, exitCode: .specError)
  }

  /// "cannot read 'x': no such file", exit 66; for a bare word that names no file, "no built-in
  /// network or file named", exit 64, with "did you mean".
  private static func cannotRead(
    _ argument: String, _ error: Context.FileError, command: String
  ) -> UsageError {
    let looksLikePath = argument.contains("/") || argument.contains(".")
    if error == .notFound, !looksLikePath {
      return UsageError(
        message: "no built-in network or file named '\(argument)'",
        help: Suggest.closest(to: argument, in: builtinNames).map { "did you mean '\($0)'?" }
          ?? "'netcost list' shows the built-in networks",
        command: command)
    }
    return UsageError(
      message: "cannot read '\(argument)': " + describe(error), command: command,
      exitCode: .noInput)
  }

  /// A `.pt2` archive's program (`entry`, `<prefix>/models/model.json`), read by the archive's
  /// directory without its weights.
  static func exportedProgram(
    _ archive: ZipArchive, entry: String, path: String, command: String
  ) throws(UsageError) -> SourceFile {
    do throws(ZipArchive.Failure) {
      return try PT2Archive.program(in: archive, entry: entry, path: path == "-" ? "<stdin>" : path)
    } catch {
      throw unreadableProgram(path, error.message, command: command)
    }
  }

  private static func unreadableProgram(
    _ path: String, _ reason: String, command: String
  ) -> UsageError {
    UsageError(
      message: "cannot read '\(path)' as a PyTorch ExportedProgram: " + reason,
      help: "netcost reads the models/*.json inside a .pt2 archive (torch.export.save)",
      command: command, exitCode: .noInput)
  }

  /// A Keras archive's `config.json`, read by the archive's directory without its weights.
  static func kerasConfig(
    _ archive: ZipArchive, path: String, command: String
  ) throws(UsageError) -> SourceFile {
    let name = (path == "-" ? "<stdin>" : path) + "/config.json"
    do throws(ZipArchive.Failure) {
      let bytes = try archive.entry("config.json", limit: Context.maxFileBytes)
      guard let source = SourceFile(name: name, utf8: bytes) else {
        throw ZipArchive.Failure(message: "its config.json is not UTF-8 text")
      }
      return source
    } catch {
      throw UsageError(
        message: "cannot read '\(path)' as a Keras archive: " + error.message,
        help: "netcost reads the config.json inside a .keras file (saved by model.save())",
        command: command, exitCode: .noInput)
    }
  }

  /// A spec must be UTF-8 text: a binary file is refused before the lexer sees it.
  private static func decode(
    _ bytes: [UInt8], path: String, command: String
  ) throws(UsageError)
    -> SourceFile
  {
    let hasZero = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
    }
    if hasZero {
      throw UsageError(
        message: "cannot read '\(path)': it is a binary file, not a spec",
        command: command, exitCode: .noInput)
    }
    guard let source = SourceFile(name: path == "-" ? "<stdin>" : path, utf8: bytes) else {
      throw UsageError(
        message: "cannot read '\(path)': it is not UTF-8 text", command: command,
        exitCode: .noInput)
    }
    return source
  }

  private static func describe(_ error: Context.FileError) -> String {
    switch error {
    case .notFound: "no such file"
    case .isDirectory: "it is a directory"
    case .unreadable(let reason): reason
    case .tooLarge(let limit): "it is larger than the \(limit / 1024 / 1024) MiB netcost reads"
    }
  }
}
