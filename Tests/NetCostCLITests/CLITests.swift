@testable import NetCostCLI
import Testing

/// The command line end to end through `CLI.run`: stdout, stderr and exit code, no process spawned
/// and no disk touched (the context's file reader is a dictionary).
@Suite struct CLITests {
  static func run(_ arguments: [String], files: [String: String] = [:]) -> Output {
    let context = Context(
      readFile: { path in
        if path == "dir" { return .failure(.isDirectory) }
        if path == "binary.netspec" { return .success([0x69, 0x00, 0x6E]) }
        if path == "latin1.netspec" { return .success([0x69, 0xE9]) }
        guard let text = files[path] else { return .failure(.notFound) }
        return .success(Array(text.utf8))
      },
      environment: [:], stderrIsTerminal: false)
    return CLI.run(arguments, context: context)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var exitCode: ExitCode
    /// The first line of stderr, or of stdout when stderr is empty.
    var firstLine: String
    var help: String? = nil
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let cases: [Case] = [
    Case(arguments: ["--version"], exitCode: .success, firstLine: CLI.version),
    Case(arguments: [], exitCode: .success,
      firstLine: "OVERVIEW: netcost \(CLI.version): what a convolutional network costs, layer by layer:"),
    Case(arguments: ["--help"], exitCode: .success,
      firstLine: "OVERVIEW: netcost \(CLI.version): what a convolutional network costs, layer by layer:"),
    Case(arguments: ["help", "analyze"], exitCode: .success,
      firstLine: "OVERVIEW: Print a network's cost, layer by layer, with totals."),
    Case(arguments: ["mobilenet", "-h"], exitCode: .success,
      firstLine: "OVERVIEW: Print a network's cost, layer by layer, with totals."),
    Case(arguments: ["list", "--help"], exitCode: .success,
      firstLine: "OVERVIEW: List the built-in networks."),
    Case(arguments: ["help", "lst"], exitCode: .usage, firstLine: "error: unknown command 'lst'",
      help: "help: did you mean 'list'?"),
    Case(arguments: ["mobilenet", "--alpah", "0.5"], exitCode: .usage,
      firstLine: "error: unknown option '--alpah'", help: "help: did you mean '--alpha'?"),
    Case(arguments: ["--verison"], exitCode: .usage, firstLine: "error: unknown option '--verison'",
      help: "help: did you mean '--version'?"),
    Case(arguments: ["mobilnet"], exitCode: .usage,
      firstLine: "error: no built-in network or file named 'mobilnet'",
      help: "help: did you mean 'mobilenet'?"),
    Case(arguments: ["mobilenet", "--alpha"], exitCode: .usage,
      firstLine: "error: missing value for '--alpha'"),
    Case(arguments: ["mobilenet", "--alpha", "big"], exitCode: .usage,
      firstLine: "error: '--alpha' takes a number, got 'big'"),
    Case(arguments: ["mobilenet", "--alpha", "0.5", "--alpha", "0.25"], exitCode: .usage,
      firstLine: "error: '--alpha' is given more than once"),
    Case(arguments: ["mobilenet", "--alpha", "1.5"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' must be in (0, 1], got 1.5"),
    Case(arguments: ["mobilenet", "--alpha", "0"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' must be in (0, 1], got 0"),
    Case(arguments: ["mobilenet", "--resolution", "224.5"], exitCode: .usage,
      firstLine: "error: parameter 'resolution' takes whole numbers, got 224.5"),
    Case(arguments: ["vgg16", "--alpha", "0.5"], exitCode: .usage,
      firstLine: "error: network 'vgg16' has no parameter 'alpha'",
      help: "help: its parameters are 'resolution', 'classes'"),
    Case(arguments: ["mobilenet", "--set", "clases=10"], exitCode: .usage,
      firstLine: "error: network 'mobilenet' has no parameter 'clases'",
      help: "help: did you mean 'classes'?"),
    Case(arguments: ["mobilenet", "--set", "classes"], exitCode: .usage,
      firstLine: "error: '--set' takes <name>=<value>, got 'classes'"),
    Case(arguments: ["mobilenet", "--format", "jsn"], exitCode: .usage,
      firstLine: "error: '--format' must be one of 'table', 'json', got 'jsn'",
      help: "help: did you mean 'json'?"),
    Case(arguments: ["mobilenet", "vgg16"], exitCode: .usage,
      firstLine: "error: unexpected argument 'vgg16'"),
    Case(arguments: ["--alpha", "0.5"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(arguments: ["missing.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'missing.netspec': no such file"),
    Case(arguments: ["dir"], exitCode: .noInput, firstLine: "error: cannot read 'dir': it is a directory"),
    Case(arguments: ["binary.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'binary.netspec': it is a binary file, not a spec"),
    Case(arguments: ["latin1.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'latin1.netspec': it is not UTF-8 text"),
    Case(arguments: ["mobilenet", "--", "--alpha"], exitCode: .usage,
      firstLine: "error: unexpected argument '--alpha'"),
  ]

  @Test(arguments: cases)
  func exitCodesAndMessages(_ c: Case) {
    let output = Self.run(c.arguments)
    #expect(output.exitCode == c.exitCode)
    let text = output.stderr.isEmpty ? output.stdout : output.stderr
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first == c.firstLine)
    if let help = c.help { #expect(lines.dropFirst().first == help) }
    if c.exitCode == .success { #expect(output.stderr.isEmpty) }
    if c.exitCode != .success { #expect(output.stdout.isEmpty) }
  }

  @Test func analyzeIsTheDefaultCommand() {
    let implicit = Self.run(["mobilenet", "--alpha", "0.75"])
    let explicit = Self.run(["analyze", "mobilenet", "--alpha=0.75"])
    #expect(implicit == explicit)
    #expect(implicit.exitCode == .success)
    #expect(implicit.stdout.contains("MACs                   325,400,448  (325.40 M multiply-accumulates)"))
  }

  /// A spec with errors: located diagnostics on stderr, nothing on stdout, exit 1.
  @Test func specErrorsExitOne() {
    let output = Self.run(["net.netspec"],
      files: ["net.netspec": "input 8 x 8 x 3\nconv filters = 4, kernel = 3, strid = 2\n"])
    #expect(output.exitCode == .specError)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr == """
      net.netspec:2:31: error: unknown key 'strid' in 'conv'
        |
      2 | conv filters = 4, kernel = 3, strid = 2
        |                               ^^^^^
        = help: did you mean 'stride'?

      """)
  }

  @Test func userFileAnalyzes() {
    let output = Self.run(["tiny.netspec", "--format", "json"],
      files: ["tiny.netspec": "input 4 x 4 x 1\nconv filters = 2, kernel = 3, bias = false\n"])
    #expect(output.exitCode == .success)
    #expect(output.stdout.contains("\"network\": \"tiny\""))
    #expect(output.stdout.contains("\"macs\": 72"))  // 2·2 outputs · 3·3·1 taps · 2 filters
  }

  @Test func listShowsEveryBuiltin() {
    let output = Self.run(["list"])
    #expect(output.exitCode == .success)
    for name in SpecCatalog.builtinNames {
      #expect(output.stdout.contains("\n" + name + " "), "\(name)")
    }
  }
}
