import BuiltinSpecs
import Foundation
import NetCost
import Testing

@testable import NetCostCLI

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
      writeFiles: { _ in .success(()) }, environment: [:], stderrIsTerminal: false)
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

  /// Issue 11, item 2: every command's help, both ways, exits 0 and shows that command.
  @Test(arguments: Subcommand.allCases.map(\.info.name))
  func everyCommandHasHelp(_ name: String) {
    for arguments in [["help", name], [name, "--help"], [name, "-h"]] {
      let output = Self.run(arguments)
      #expect(output.exitCode == .success, "\(arguments)")
      let info = Subcommand.named(name)?.info
      #expect(output.stdout.hasPrefix("OVERVIEW: \(info?.abstract ?? "")\n"), "\(arguments)")
      #expect(output.stdout.contains("USAGE: \(info?.usage ?? "")\n"), "\(arguments)")
    }
  }

  /// The overview names every command, and shows that a network is the main form.
  @Test func theOverviewShowsTheMainForm() {
    let output = Self.run([])
    #expect(output.exitCode == .success)
    #expect(output.stdout.contains("USAGE: netcost <network|file> [<options>]"))
    for command in Subcommand.allCases {
      #expect(output.stdout.contains("\n  \(command.info.name)"), "\(command.info.name)")
    }
  }

  /// `--version` names the toolchain too, and every completion script offers it.
  @Test func versionNamesTheToolchain() {
    let lines = Self.run(["--version"]).stdout.split(separator: "\n")
    #expect(lines.first.map(String.init) == CLI.version)
    #expect(lines.dropFirst().first?.hasPrefix("built with Swift 6.") == true)
    for shell in ["bash", "zsh", "fish"] {
      #expect(Self.run(["completions", shell]).stdout.contains("version"), "\(shell)")
    }
  }

  /// Figures that shrink as the parameter grows are said to, with two points that show it, and
  /// nothing is answered (`FitTests.figuresThatDoNotGrowAreSaidSo`).
  @Test func fitRefusesFiguresThatShrink() {
    let spec = "param p = 1 in [1, 100]\ninput 8 x 8 x 3\nconv filters = 101 - p, kernel = 1\n"
    let out = Self.run(
      ["fit", "t.netspec", "--vary", "p", "--macs", "192"], files: ["t.netspec": spec])
    #expect(out.exitCode == .usage)
    #expect(
      out.stderr.hasPrefix(
        "error: the figures do not grow with 'p': p = 1 exceeds the limits and p = 100 fits; fit "
          + "finds the largest value of a parameter whose figures grow with it\n"
          + "help: compare its values with 'netcost sweep t.netspec --set p=…'\n"))
  }

  /// Issue 15: `fit` answers with the largest α and the step beyond it, or the frontier, and its
  /// JSON has the issue's keys.
  @Test func fitAnswers() throws {
    let one = Self.run(["fit", "mobilenet", "--macs", "300M", "--vary", "alpha"])
    #expect(one.exitCode == .success)
    #expect(one.stdout.contains("largest alpha that fits: 0.72\n"))
    #expect(one.stdout.contains("chosen      0.72  299,816,242     2,425,946  yes\n"))
    #expect(one.stdout.contains("next step   0.73  306,572,464     2,480,555  no: MACs over\n"))
    let two = Self.run([
      "fit", "mobilenet", "--macs", "300M", "--peak-memory", "2MB", "--vary", "alpha,resolution",
      "--step", "alpha=0.25", "--step", "resolution=32", "--format", "json",
    ])
    #expect(two.exitCode == .success)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [String: Any])
    #expect(object["network"] as? String == "mobilenet")
    let limits = try #require(object["limits"] as? [String: Int])
    #expect(limits == ["macs": 300_000_000, "peak-memory": 2_097_152])
    let points = try #require(object["points"] as? [[String: Any]])
    #expect(points.count >= 5)
    for point in points {
      let totals = try #require(point["totals"] as? [String: Any])
      #expect((totals["macs"] as? Int ?? .max) <= 300_000_000)
      #expect((totals["peakActivationBytes"] as? Int ?? .max) <= 2_097_152)
      #expect(point["parameters"] is [String: Any])
    }
  }

  /// Issue 11, item 11: a spec with no published figures gets one line from `verify`.
  @Test func verifyWithNothingToCheck() {
    let output = Self.run(
      ["verify", "plain.netspec"], files: ["plain.netspec": "input 8 x 8 x 3\nrelu\n"])
    #expect(output.exitCode == .success)
    #expect(output.stdout == "'plain.netspec' records no published figures to check\n")
  }

  /// A spec whose published figures all have errors gets its errors alone (exit 1), not an
  /// empty table beside them (an adversarial review), in every format.
  @Test func verifyWithOnlyErrors() {
    let spec = "input 8 x 8 x 3\nc: conv filters = 3, kernel = 1\npublished \"x\" { macs = 0 = }\n"
    for format in ["table", "json", "markdown", "csv"] {
      let output = Self.run(
        ["verify", "bad.netspec", "--format", format], files: ["bad.netspec": spec])
      #expect(output.exitCode == .specError)
      #expect(output.stdout.isEmpty)
      #expect(output.stderr.hasPrefix("bad.netspec:3:"))
    }
  }

  /// A path with `:` is a path when what follows the colon has no `=`.
  @Test func aPathWithAColonIsAPath() {
    let spec = "input 8 x 8 x 3\nconv filters = 4, kernel = 1\n"
    let plain = Self.run(["compare", "runs:v1.netspec", "vgg16"], files: ["runs:v1.netspec": spec])
    #expect(plain.exitCode == .success)
  }

  /// `-o -` is standard output; `-` as the spec is standard input (read by the context).
  @Test func dashMeansTheStandardStreams() {
    let spec = "input 8 x 8 x 3\nconv filters = 4, kernel = 1\n"
    let output = Self.run(["-", "-o", "-"], files: ["-": spec])
    #expect(output.exitCode == .success)
    #expect(output.files.isEmpty)
    #expect(output.stdout.contains("conv_1"))
  }

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
    #expect(
      implicit.stdout.contains(
        "MACs                   325,400,448  (325.40 M multiply-accumulates)"))
  }

  /// A spec with errors: located diagnostics on stderr, nothing on stdout, exit 1.
  @Test func specErrorsExitOne() {
    let output = Self.run(
      ["net.netspec"],
      files: ["net.netspec": "input 8 x 8 x 3\nconv filters = 4, kernel = 3, strid = 2\n"])
    #expect(output.exitCode == .specError)
    #expect(output.stdout.isEmpty)
    #expect(
      output.stderr == """
        net.netspec:2:31: error: unknown key 'strid' in 'conv'
          |
        2 | conv filters = 4, kernel = 3, strid = 2
          |                               ^^^^^
          = help: did you mean 'stride'?

        """)
  }

  @Test func userFileAnalyzes() {
    let output = Self.run(
      ["tiny.netspec", "--format", "json"],
      files: ["tiny.netspec": "input 4 x 4 x 1\nconv filters = 2, kernel = 3, bias = false\n"])
    #expect(output.exitCode == .success)
    #expect(output.stdout.contains("\"network\": \"tiny\""))
    #expect(output.stdout.contains("\"macs\": 72"))  // 2·2 outputs · 3·3·1 taps · 2 filters
  }

  /// `netcost conventions resnet50 --format json`: one entry per convention, each the papers'
  /// count plus its breakdown, the values the tools print (ConventionTests measures them).
  @Test func conventionsBreakdownsSumToTheDifference() throws {
    let output = Self.run(["conventions", "resnet50", "--format", "json"])
    #expect(output.exitCode == .success)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    #expect(json["network"] as? String == "resnet50")
    let entries = try #require(json["conventions"] as? [[String: Any]])
    #expect(entries.map { $0["name"] as? String } == Convention.allCases.map(\.rawValue))
    let paper = try #require(entries.first?["value"] as? Int)
    #expect(paper == 4_089_184_256)
    var values: [String: Int] = [:]
    for entry in entries {
      let name = try #require(entry["name"] as? String)
      let value = try #require(entry["value"] as? Int)
      let parts = try #require(entry["breakdown"] as? [[String: Any]])
      #expect(paper + parts.compactMap { $0["value"] as? Int }.reduce(0, +) == value, "\(name)")
      values[name] = value
    }
    // The tools' own totals (issue 14's table).
    #expect(values["torchinfo"] == 4_089_238_376)
    #expect(values["fvcore"] == 4_111_512_576)
    #expect(values["ptflops"] == 4_132_436_968)
    #expect(values["ptflops-aten"] == 4_089_185_256)
    #expect(values["thop"] == 4_133_742_592)
    let table = Self.run(["conventions", "resnet50"]).stdout
    #expect(table.contains("+ batch norm 22,227,968 (0.54 %)"))
    #expect(table.contains("+ counted twice 10,511,872 (0.26 %)"))
  }

  /// `netcost conventions vit_b_16`: for a network with attention, each convention's count by
  /// how the reference runs its layers. nn.MultiheadAttention's eval fast path hides the
  /// attention from every tool but ptflops' pytorch backend: the totals are what the tools
  /// print (Tests/Fixtures/conventions/tools-issue27.jsonl, measure_tools.py --every).
  @Test func conventionsShowWhereTheToolsPartOnAttention() {
    let output = Self.run(["conventions", "vit_b_16", "--format", "markdown"])
    #expect(output.exitCode == .success)
    #expect(output.stdout.contains("leave out its 715,327,488 MACs of activation products"))
    let table = output.stdout.components(separatedBy: "\n\n").last ?? ""
    #expect(
      table == """
        | convention | torch = module | torch = fastpath | count |
        |---|---:|---:|---:|
        | paper | 11,271,124,992 | 5,577,375,744 | 16,848,500,736 |
        | torchinfo | 173,232,616 | 0 | 173,232,616 |
        | fvcore | 11,290,036,992 | 0 | 11,290,036,992 |
        | ptflops | 11,298,661,096 | 6,307,369,488 | 17,606,030,584 |
        | ptflops-aten | 11,280,354,280 | 0 | 11,280,354,280 |
        | thop | 11,286,254,592 | 0 | 11,286,254,592 |
        | keras | 11,271,124,992 | 5,577,375,744 | 16,848,500,736 |
        | flops | 22,568,574,720 | 0 | 22,568,574,720 |
        | flop-counter | 22,542,249,984 | 0 | 22,542,249,984 |

        """)
  }

  /// The catalog reads variants' names off their lines; the parser agrees, for every built-in.
  @Test func variantNamesAreTheParsers() {
    for spec in BuiltinSpecs.all {
      let parsed = Pipeline.parse(SourceFile(name: spec.name, text: spec.text)).variants
      #expect(SpecCatalog.variantNames(spec.text) == parsed, "\(spec.name)")
    }
  }

  /// The catalog reads libraries off the lines too; the parser agrees for every built-in network
  /// (21 families with Keras's, the papers' and torchvision's among them).
  @Test func librariesAreTheParsers() {
    var libraries: Set<String> = []
    for spec in BuiltinSpecs.all {
      let parsed = Pipeline.parse(SourceFile(name: spec.name, text: spec.text))
      for variant in [nil] + parsed.variants {
        let read = SpecCatalog.library(of: variant, in: spec.text)
        #expect(read == parsed.library(of: variant), "\(spec.name) \(variant ?? "")")
        if let read { libraries.insert(read) }
      }
    }
    #expect(libraries.isSuperset(of: ["Keras", "torchvision"]))
  }

  /// Library spellings find the same network: `_`, `-`, `.` and case do not matter, but an exact
  /// name wins (Keras's `InceptionV3` is Keras's variant, `inception_v3` torchvision's).
  @Test(arguments: [
    ("vgg11-bn", "vgg11_bn"), ("VGG16", "vgg16"), ("wide-resnet50-2", "wide_resnet50_2"),
    ("efficientnet-b0", "efficientnet_b0"), ("InceptionV3", "InceptionV3"),
    ("inception_v3", "inception_v3"), ("inceptionv3", "inception-v3"), ("ResNet50", "ResNet50"),
    ("resnext50-32x4d", "resnext50_32x4d"),
    ("squeezenet1_1", "squeezenet-1.1"), ("squeezenet1_0", "squeezenet1_0"),
    ("shufflenet_v2_x2_0", "shufflenet_v2_x2_0"), ("EfficientNetB2", "EfficientNetB2"),
    ("efficientnet-b2", "efficientnet_b2"), ("ResNet152", "ResNet152"),
    ("MobileNetV3Small", "mobilenet-v3-small"), ("mobilenet_v2", "mobilenet-v2"),
    ("DenseNet201", "densenet201"),
  ])
  func libraryNames(_ given: String, _ network: String) {
    let output = Self.run([given, "--format", "json"])
    #expect(output.exitCode == .success, "\(given)")
    #expect(output.stdout.contains("\"network\": \"\(network)\""), "\(given)")
  }

  /// A family with variants is listed as its variants, each with the family's name beside it;
  /// a family without, as itself.
  @Test func listShowsEveryBuiltin() {
    let output = Self.run(["list"])
    #expect(output.exitCode == .success)
    let families = Set(SpecCatalog.networks.compactMap { $0.variant == nil ? nil : $0.family })
    for entry in SpecCatalog.networks {
      let listed = entry.variant != nil || !families.contains(entry.family)
      #expect(output.stdout.contains("\n" + entry.name + " ") == listed, "\(entry.name)")
      #expect(output.stdout.contains(" " + entry.family + " "), "\(entry.family)")
    }
  }
}
