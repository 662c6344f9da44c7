import BuiltinSpecs
import NetCost

/// Finds a spec by name: a built-in network, or a file the user named.
enum SpecCatalog {
  static var builtinNames: [String] { BuiltinSpecs.all.map(\.name) }

  static func builtin(_ name: String) -> SourceFile? {
    BuiltinSpecs.all.first { $0.name == name }.map {
      SourceFile(name: "<builtin>/\($0.name).netspec", text: $0.text)
    }
  }

  /// A network read and parsed in its language: a spec, Caffe prototxt, Keras JSON or archive,
  /// or an ONNX model (mapped, never read whole).
  static func spec(
    _ argument: String, context: Context, command: String, skipping: Set<String> = []
  ) throws(UsageError) -> Pipeline.ParsedSpec {
    if argument.lowercased().hasSuffix(".onnx"), builtin(argument) == nil {
      let parsed: Result<Pipeline.ParsedSpec, Context.FileError>
      if let map = context.mapFile {
        parsed = map(argument) { Pipeline.parse(onnx: $0, name: argument) }
      } else {
        parsed = context.readFile(argument).map { bytes in
          bytes.withUnsafeBytes { Pipeline.parse(onnx: $0, name: argument) }
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
    return Pipeline.parse(
      try load(argument, context: context, command: command), skipping: skipping)
  }

  /// A built-in network by name, else a file by path (`-` is standard input). A word that is
  /// neither gets "did you mean".
  static func load(
    _ argument: String, context: Context, command: String
  ) throws(UsageError)
    -> SourceFile
  {
    if let source = builtin(argument) { return source }
    let looksLikePath = argument.contains("/") || argument.contains(".")
    if argument.lowercased().hasSuffix(".keras"), argument != "-", let open = context.openArchive {
      switch open(argument) {
      case .success(let archive): return try kerasConfig(archive, path: argument, command: command)
      case .failure(let error):
        throw UsageError(
          message: "cannot read '\(argument)': " + describe(error), command: command,
          exitCode: .noInput)
      }
    }
    switch context.readFile(argument) {
    case .success(let bytes):
      if ZipArchive.looksLikeArchive(bytes) {
        return try kerasConfig(ZipArchive(bytes: bytes), path: argument, command: command)
      }
      return try decode(bytes, path: argument, command: command)
    case .failure(.notFound) where !looksLikePath:
      throw UsageError(
        message: "no built-in network or file named '\(argument)'",
        help: Suggest.closest(to: argument, in: builtinNames).map { "did you mean '\($0)'?" }
          ?? "'netcost list' shows the built-in networks",
        command: command)
    case .failure(let error):
      throw UsageError(
        message: "cannot read '\(argument)': " + describe(error), command: command,
        exitCode: .noInput)
    }
  }

  /// A Keras archive's `config.json`, read by the archive's directory without its weights.
  static func kerasConfig(
    _ archive: ZipArchive, path: String, command: String
  ) throws(UsageError) -> SourceFile {
    let name = (path == "-" ? "<stdin>" : path) + "/config.json"
    do throws(ZipArchive.Failure) {
      let bytes = try archive.entry("config.json", limit: Context.maxFileBytes)
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw ZipArchive.Failure(message: "its config.json is not UTF-8 text")
      }
      return SourceFile(name: name, text: text)
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
    if bytes.contains(0) {
      throw UsageError(
        message: "cannot read '\(path)': it is a binary file, not a spec",
        command: command, exitCode: .noInput)
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw UsageError(
        message: "cannot read '\(path)': it is not UTF-8 text", command: command,
        exitCode: .noInput)
    }
    return SourceFile(name: path == "-" ? "<stdin>" : path, text: text)
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
