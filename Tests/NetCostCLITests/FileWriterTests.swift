import Foundation
import Testing

@testable import NetCostCLI

/// `-o` on a real disk (issue 10, items 9, 11, 12, 13): never over an input, never destroying a
/// link, a mode or a device, whole or not at all. Each test works in a folder of its own.
@Suite struct FileWriterTests {
  final class Folder {
    let path: String

    init() throws {
      path = NSTemporaryDirectory() + "netcost-test-" + UUID().uuidString
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String, mode: Int = 0o644) throws {
      try text.write(toFile: file(name), atomically: false, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file(name))
    }

    func read(_ name: String) throws -> String {
      try String(contentsOfFile: file(name), encoding: .utf8)
    }

    func mode(_ name: String) throws -> Int {
      try FileManager.default.attributesOfItem(atPath: file(name))[.posixPermissions] as? Int ?? -1
    }

    func entries() throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
  }

  static let spec = "input 8 x 8 x 3\nconv filters = 4, kernel = 1\n"

  /// The real command line with the live context, so reads are recorded as inputs.
  static func run(_ arguments: [String]) -> Output {
    let context = Context.live()
    return CLI.deliver(CLI.run(arguments, context: context), context: context)
  }

  /// `netcost my.netspec -o my.netspec` replaced the spec with its table and exited 0.
  @Test func anInputIsNeverOverwritten() throws {
    let folder = try Folder()
    try folder.write("my.netspec", Self.spec)
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("link.netspec"), withDestinationPath: "my.netspec")
    for (input, output) in [
      ("my.netspec", "my.netspec"), ("link.netspec", "my.netspec"), ("my.netspec", "link.netspec"),
    ] {
      let result = Self.run([folder.file(input), "-o", folder.file(output)])
      #expect(result.exitCode == .cannotCreate)
      #expect(
        result.stderr
          == "error: cannot write '\(folder.file(output))': it is an input of this command, "
          + "which netcost never writes over\n")
      #expect(try folder.read("my.netspec") == Self.spec)
    }
    #expect(try folder.entries() == ["link.netspec", "my.netspec"])
  }

  /// A symbolic link stays a link and its target gets the output; a 0600 file stays 0600.
  @Test func linksAndModesSurvive() throws {
    let folder = try Folder()
    try folder.write("target.txt", "old", mode: 0o600)
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("link.txt"), withDestinationPath: "target.txt")
    let result = Self.run(["alexnet", "-o", folder.file("link.txt")])
    #expect(result.exitCode == .success)
    let link = try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.txt"))
    #expect(link == "target.txt")
    #expect(try folder.read("target.txt").hasPrefix("alexnet:"))
    #expect(try folder.mode("target.txt") == 0o600)
    #expect(try folder.entries() == ["link.txt", "target.txt"])
  }

  /// A hard link keeps seeing the file: it is rewritten in place, not replaced.
  @Test func hardLinksSeeTheNewContents() throws {
    let folder = try Folder()
    try folder.write("a.txt", "old")
    try FileManager.default.linkItem(atPath: folder.file("a.txt"), toPath: folder.file("b.txt"))
    #expect(Self.run(["alexnet", "-o", folder.file("a.txt")]).exitCode == .success)
    #expect(try folder.read("b.txt").hasPrefix("alexnet:"))
  }

  /// A read-only file is refused, even for root, and left as it was.
  @Test func aReadOnlyFileIsRefused() throws {
    let folder = try Folder()
    try folder.write("ro.txt", "keep", mode: 0o444)
    let result = Self.run(["alexnet", "-o", folder.file("ro.txt")])
    #expect(result.exitCode == .cannotCreate)
    #expect(result.stderr == "error: cannot write '\(folder.file("ro.txt"))': it is read-only\n")
    #expect(try folder.read("ro.txt") == "keep")
  }

  /// A device is written, never replaced: `/dev/full` reports its error and stays a device.
  @Test func aDeviceIsWrittenDirectly() throws {
    let result = Self.run(["alexnet", "-o", "/dev/full"])
    #expect(result.exitCode == .cannotCreate)
    #expect(result.stderr == "error: cannot write '/dev/full': no space left on device\n")
    let type =
      try FileManager.default.attributesOfItem(atPath: "/dev/full")[.type] as? FileAttributeType
    #expect(type == .typeCharacterSpecial)
    #expect(Self.run(["alexnet", "-o", "/dev/null"]).exitCode == .success)
  }

  /// `-o /dev/stderr` with standard error a pipe: its link's target `pipe:[…]` is no path, and
  /// netcost looked for a folder `/proc/self/fd` to put a temporary file in. The path is now
  /// asked of the kernel as given, and the pipe written. (A link to the pipe's descriptor, as
  /// `/dev/stderr` is one to descriptor 2.)
  @Test func aPipeByItsProcLinkIsWritten() throws {
    #if os(Linux)
      let folder = try Folder()
      var ends: [Int32] = [0, 0]
      #expect(pipe(&ends) == 0)
      defer { close(ends[0]) }
      try FileManager.default.createSymbolicLink(
        atPath: folder.file("err"), withDestinationPath: "/proc/self/fd/\(ends[1])")
      let result = Self.run(["alexnet", "-o", folder.file("err")])
      close(ends[1])
      #expect(result.exitCode == .success)
      #expect(result.stderr == "")
      var bytes = [UInt8](repeating: 0, count: 64)
      let count = read(ends[0], &bytes, bytes.count)
      #expect(String(decoding: bytes.prefix(max(0, count)), as: UTF8.self).hasPrefix("alexnet: "))
      #expect(try folder.entries() == ["err"])
    #endif
  }

  /// Runs netcost with standard input read from `path` (one test, so that no other test's
  /// standard input is swapped under it).
  static func run(_ arguments: [String], readingStandardInputFrom path: String) -> Output {
    let file = open(path, O_RDONLY)
    let saved = dup(0)
    guard file >= 0, saved >= 0 else { return Output(stderr: "cannot open \(path)") }
    dup2(file, 0)
    defer {
      dup2(saved, 0)
      close(saved)
      close(file)
    }
    return run(arguments)
  }

  /// Standard input as an input (the review of issue 25): `netcost - -o /dev/stdin <
  /// my.netspec` wrote the table over the spec it read, exit 0, for standard input was never
  /// among the inputs `-o` may not write over; and `compare - -` read it twice, the second
  /// time empty ("the spec is empty"), where it is now read once, both the same network.
  @Test func standardInputIsAnInput() throws {
    #if os(Linux)
      let folder = try Folder()
      try folder.write("my.netspec", Self.spec)
      let spec = folder.file("my.netspec")
      let written = Self.run(["-", "-o", "/dev/stdin"], readingStandardInputFrom: spec)
      #expect(written.exitCode == .cannotCreate)
      #expect(
        written.stderr
          == "error: cannot write '/dev/stdin': it is an input of this command, which netcost "
          + "never writes over\n")
      #expect(try folder.read("my.netspec") == Self.spec)
      let twice = Self.run(
        ["compare", "-", "-", "--format", "csv"], readingStandardInputFrom: spec)
      #expect(twice.exitCode == .success)
      #expect(twice.stdout.components(separatedBy: "<stdin>").count - 1 == 2)
    #endif
  }

  /// A missing folder is named in the error; nothing is left behind.
  @Test func aMissingFolderIsNamed() throws {
    let folder = try Folder()
    let path = folder.file("nowhere/report.md")
    let result = Self.run(["report", "mobilenet", "-o", path])
    #expect(result.exitCode == .cannotCreate)
    #expect(
      result.stderr
        == "error: cannot write '\(path)': no such directory '\(folder.file("nowhere"))'\n")
    #expect(try folder.entries() == [])
  }

  /// A report and its charts are written all or none: when one chart cannot be written (a
  /// directory is in its place), neither the report nor any other chart is, no temporary file is
  /// left, and the error names the report the user asked for.
  @Test func aReportIsWholeOrNotAtAll() throws {
    let folder = try Folder()
    try FileManager.default.createDirectory(
      atPath: folder.file("r-mobilenet-alpha.svg"), withIntermediateDirectories: false)
    let result = Self.run(["report", "mobilenet", "-o", folder.file("r.md")])
    #expect(result.exitCode == .cannotCreate)
    #expect(result.stderr == "error: cannot write '\(folder.file("r.md"))': it is a directory\n")
    #expect(try folder.entries() == ["r-mobilenet-alpha.svg"])
  }

  /// A chart's name never comes from unsanitised spec text: `network "a/../../b"` stays in the
  /// folder; two parameter sets of one network get two charts.
  @Test func chartNamesStayInTheFolder() throws {
    let folder = try Folder()
    try folder.write("evil.netspec", "network \"a/../../b\"\n" + Self.spec)
    let result = Self.run(
      [
        "report", folder.file("evil.netspec"), "mobilenet", "mobilenet:alpha=0.5", "-o",
        folder.file("r.md"),
      ])
    #expect(result.exitCode == .success, "\(result.stderr)")
    #expect(
      try folder.entries() == [
        "evil.netspec", "r-a-..-..-b-graph.svg", "r-a-..-..-b-layers.svg",
        "r-mobilenet-alpha.svg", "r-mobilenet-graph-2.svg", "r-mobilenet-graph.svg",
        "r-mobilenet-layers-2.svg", "r-mobilenet-layers.svg", "r-mobilenet-resolution-2.svg",
        "r-mobilenet-resolution.svg", "r.md",
      ])
  }

  /// `verify FILE -o out` with an unexplained figure wrote no file; it writes the table and the
  /// exit code carries the verdict.
  @Test func verifyWritesItsTableWhateverTheVerdict() throws {
    let folder = try Folder()
    try folder.write(
      "f.netspec", Self.spec + "published \"a paper\" {\n  params = 999\n}\n")
    let result = Self.run(["verify", folder.file("f.netspec"), "-o", folder.file("out.txt")])
    #expect(result.exitCode == .specError)
    #expect(try folder.read("out.txt").contains("a paper"))
  }
}

extension FileWriterTests {
  /// `-o` onto a FIFO nobody reads was waited on forever; it is refused at once (issue 25).
  @Test func aFIFOWithoutReaderIsRefused() throws {
    let folder = try Folder()
    #expect(mkfifo(folder.file("pipe"), 0o644) == 0)
    let result = Self.run(["alexnet", "-o", folder.file("pipe")])
    #expect(result.exitCode == .cannotCreate)
    #expect(result.stderr.hasSuffix("': it is a FIFO that nothing reads\n"))
  }

  /// A file with another hard link is rewritten in place, whole: a longer output and then a
  /// shorter one leave exactly the last output, seen through both names (the space is reserved
  /// before the old content is touched, so a full disk leaves it as it was).
  @Test func aHardLinkedFileIsRewrittenWhole() throws {
    let folder = try Folder()
    try folder.write("a.txt", "old\n")
    try FileManager.default.linkItem(atPath: folder.file("a.txt"), toPath: folder.file("b.txt"))
    #expect(
      Self.run(["vgg16", "--format", "json", "-o", folder.file("a.txt")]).exitCode == .success)
    #expect(
      Self.run(["alexnet", "--format", "csv", "-o", folder.file("a.txt")]).exitCode == .success)
    let expected = CLI.run(["alexnet", "--format", "csv"], context: .live()).stdout
    #expect(try folder.read("a.txt") == expected)
    #expect(try folder.read("b.txt") == expected)
    // Nothing else is left in the folder.
    #expect(try folder.entries() == ["a.txt", "b.txt"])
  }

  /// The standard output's own names are standard output: opened by name, /dev/stdout on a pipe
  /// was refused ("its folder '/proc/self/fd' is not writable") and a file opened with `>>` was
  /// replaced (a review). A report to /dev/null writes no charts into /dev.
  @Test func standardOutputByName() {
    for name in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
      let output = CLI.run(["alexnet", "-o", name], context: .live())
      #expect(output.files.isEmpty)
      #expect(output.stdout == CLI.run(["alexnet"], context: .live()).stdout)
    }
    let report = CLI.run(["report", "mobilenet", "-o", "/dev/null"], context: .live())
    #expect(report.files.map(\.path) == ["/dev/null"])
  }

  /// By any name: a link to /dev/stdout, a path spelt otherwise, are standard output too (a
  /// review: they were refused into a pipe, and replaced a file `>>` appended to); a report to
  /// a link to /dev/null draws no charts, and one into a folder under /dev draws them.
  @Test func standardOutputByIdentity() throws {
    let folder = try Folder()
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("out"), withDestinationPath: "/dev/stdout")
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("nul.md"), withDestinationPath: "/dev/null")
    for name in [folder.file("out"), "/dev//stdout", "/dev/./stdout"] {
      #expect(CLI.run(["alexnet", "-o", name], context: .live()).files.isEmpty)
    }
    let report = CLI.run(["report", "alexnet", "-o", folder.file("nul.md")], context: .live())
    #expect(report.files.map(\.path) == [folder.file("nul.md")])
    let charted = CLI.run(["report", "alexnet", "-o", folder.file("r.md")], context: .live())
    #expect(charted.files.count == 3)
  }

  /// `-o` writes the output as it is made, as standard output is: a million maxpools' JSON (570
  /// MB) was first made one string, 1.27 GB and 13 s (issue 25). The file holds what standard
  /// output would.
  @Test func anOutputFileIsWrittenAsItIsMade() throws {
    let folder = try Folder()
    let arguments = ["vgg16", "--format", "json"]
    let output = CLI.run(arguments + ["-o", folder.file("v.json")], context: .live())
    let streamed = if case .stream = output.files.first?.body { true } else { false }
    #expect(streamed)
    #expect(CLI.deliver(output, context: .live()).exitCode == .success)
    #expect(try folder.read("v.json") == CLI.run(arguments, context: .live()).stdout)
    #expect(try folder.entries() == ["v.json"])
  }
}

extension FileWriterTests {
  /// A FIFO as input with no writer was waited on forever; it is an error once nothing has
  /// arrived for a second (issue 25). With a writer, it is read like a file.
  @Test func aFIFOInputWithoutWriterEnds() throws {
    let folder = try Folder()
    #expect(mkfifo(folder.file("in.netspec"), 0o644) == 0)
    let result = Self.run([folder.file("in.netspec")])
    #expect(result.exitCode == .noInput)
    #expect(result.stderr.contains("nothing arrived from it for 1 second (a FIFO with no writer?)"))
  }

  /// A device at its end is at its end: /dev/null was read forever, taken for a FIFO whose
  /// writer had not come (a review's find).
  @Test func devNullIsAnEmptySpec() {
    let result = Self.run(["/dev/null"])
    #expect(result.exitCode == .specError)
    #expect(result.stderr.contains("the spec is empty"))
  }

  /// A FIFO at `path` whose writer, a thread of its own (not the test's pool), opens it once
  /// the reader has, without ever blocking (ENXIO means no reader yet, so it tries again, for
  /// at most five seconds), then runs `write` on it and closes it.
  static func fifo(at path: String, writer write: @escaping @Sendable (Int32) -> Void) {
    #expect(mkfifo(path, 0o644) == 0)
    Thread {
      for _ in 0..<500 {
        let descriptor = open(path, O_WRONLY | O_NONBLOCK)
        if descriptor >= 0 {
          write(descriptor)
          close(descriptor)
          return
        }
        usleep(10_000)
      }
    }.start()
  }

  @Test func aFIFOInputWithAWriterIsRead() throws {
    let folder = try Folder()
    let path = folder.file("in.netspec")
    Self.fifo(at: path) { _ = FileWriter.writeAll(Self.spec, to: $0) }
    let result = Self.run([path])
    #expect(result.exitCode == .success)
    #expect(result.stdout.contains("conv_1"))
  }

  /// A writer that sends a byte every 0.2 s never lets a wait reach a second: the whole read is
  /// bounded too (10 s; 0.8 s here), or 4 MiB at a byte a second would take days (an
  /// adversarial review).
  @Test func aFIFOThatTricklesEnds() throws {
    let folder = try Folder()
    let path = folder.file("in.netspec")
    // A byte every 0.2 s while the reader reads, then open but silent until it has gone
    // (nothing written then: no SIGPIPE).
    Self.fifo(at: path) { descriptor in
      for _ in 0..<4 {
        _ = FileWriter.writeAll("#", to: descriptor)
        usleep(200_000)
      }
      usleep(1_000_000)
    }
    guard case .failure(.unreadable(let reason)) = Context.readStream(path, inAll: 800) else {
      Issue.record("the trickle was read as a whole file")
      return
    }
    #expect(
      reason == "it did not reach its end within 0.8 s (a writer that trickles?); netcost "
        + "reads a FIFO or device for 0.8 s at most")
  }
}

extension ImportCommandTests {
  /// An ONNX model on standard input, or under a name without `.onnx`, is read by its content
  /// (its first byte, ModelProto's ir_version tag), not refused as a binary spec (issue 25).
  @Test func onnxByContent() throws {
    let bytes = Array(
      try Data(contentsOf: Self.fixtures.appendingPathComponent("onnx/malformed/valid.onnx")))
    let stdin = Self.run(["-"], extra: ["-": bytes])
    #expect(stdin.exitCode == .success)
    #expect(stdin.stdout.hasPrefix("<stdin>\nsource: ONNX <stdin>\n"))
    let renamed = Self.run(["model.bin"], extra: ["model.bin": bytes])
    #expect(renamed.stdout.contains("relu"))
  }
}
