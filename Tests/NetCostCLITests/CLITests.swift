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

  static let cases: [Case] = [
    Case(arguments: ["--version"], exitCode: .success, firstLine: CLI.version),
    Case(
      arguments: ["resnet50", "--memory", "pytorh"], exitCode: .usage,
      firstLine: "error: '--memory' must be one of 'ideal', 'pytorch', got 'pytorh'",
      help: "help: did you mean 'pytorch'?"),
    Case(
      arguments: ["resnet50", "--optimizer", "rmsprop"], exitCode: .usage,
      firstLine: "error: '--optimizer' must be one of 'sgd', 'momentum', 'adam', got 'rmsprop'"),
    Case(
      arguments: ["resnet50", "--dtype", "fp64"], exitCode: .usage,
      firstLine: "error: '--dtype' must be one of 'fp32', 'fp16', 'bf16', 'int8', got 'fp64'"),
    Case(
      arguments: ["fit", "mobilenet", "--macs", "300M"], exitCode: .usage,
      firstLine: "error: 'fit' needs '--vary' with the parameter to search",
      help: "help: for example '--vary alpha' or '--vary alpha,resolution'"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha"], exitCode: .usage,
      firstLine: "error: 'fit' needs a budget",
      help: "help: give '--macs', '--params', '--peak-memory' or '--training-memory'"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha", "--macs", "lots"], exitCode: .usage,
      firstLine: "error: '--macs' takes a positive amount such as '300M' or '300000000', got 'lots'"
    ),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha", "--peak-memory", "1.5B"], exitCode: .usage,
      firstLine:
        "error: '--peak-memory' takes a positive amount such as '2MB' or '2097152', got '1.5B'"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alhpa", "--macs", "300M"], exitCode: .usage,
      firstLine: "error: network 'mobilenet' has no parameter 'alhpa'",
      help: "help: did you mean 'alpha'?"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha,alpha", "--macs", "300M"], exitCode: .usage,
      firstLine: "error: '--vary' takes one parameter or two different ones, got 'alpha,alpha'"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha", "--macs", "300M", "--alpha", "0.5"],
      exitCode: .usage, firstLine: "error: parameter 'alpha' is both searched ('--vary') and set"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha", "--macs", "3G", "--step", "alpha=1e-9"],
      exitCode: .usage,
      firstLine: "error: parameter 'alpha' would take more than 100000 values at this step",
      help: "help: give a larger '--step alpha=<value>'"),
    Case(
      arguments: ["mobilenet", "--device", "t4", "--dtype", "bf16"], exitCode: .usage,
      firstLine: "error: 't4' has no bf16 peak in its data sheet"),
    Case(
      arguments: ["mobilenet", "--columns", "rf", "--by", "kind"], exitCode: .usage,
      firstLine: "error: '--columns rf' and '--by kind' cannot be combined"),
    Case(
      arguments: ["mobilenet", "--device", "peak=10T"], exitCode: .usage,
      firstLine: "error: '--device' needs both 'peak' and 'bandwidth', got 'peak=10T'"),
    Case(
      arguments: ["mobilenet", "--device", "peak=10T,bandwidth=-1"], exitCode: .usage,
      firstLine: "error: '--device bandwidth' takes a number of at least 1 such as '10T', got '-1'"),
    Case(
      arguments: ["vgg16", "--device", "peak=1e-300,bandwidth=1e-300", "--format", "json"],
      exitCode: .usage,
      firstLine:
        "error: '--device peak' takes a number of at least 1 such as '10T', got '1e-300'"),
    Case(
      arguments: [
        "fit", "mobilenet", "--vary", "alpha,resolution", "--macs", "3G", "--step", "alpha=0.001",
      ],
      exitCode: .usage,
      firstLine: "error: the search may analyse 56,000 points of 84 layers; a search may analyse "
        + "at most 2,000,000 layers in all",
      help: "help: search fewer values with a larger '--step'"),
    Case(
      arguments: ["resnet50", "--batch", "0"], exitCode: .usage,
      firstLine: "error: '--batch' takes a whole number from 1 to 1,000,000, got '0'"),
    Case(
      arguments: ["resnet50", "--batch", "2.5"], exitCode: .usage,
      firstLine: "error: '--batch' takes a whole number from 1 to 1,000,000, got '2.5'"),
    Case(
      arguments: ["resnet50", "--convention", "torchinf"], exitCode: .usage,
      firstLine:
        "error: '--convention' must be one of 'paper', 'torchinfo', 'fvcore', 'ptflops', "
        + "'ptflops-aten', 'thop', 'keras', 'flops', 'flop-counter', got 'torchinf'",
      help: "help: did you mean 'torchinfo'?"),
    Case(
      arguments: ["resnet50", "--flops", "--convention", "thop"], exitCode: .usage,
      firstLine: "error: '--flops' and '--convention thop' cannot be combined",
      help: "help: '--flops' is short for '--convention flops'"),
    Case(
      arguments: ["conventions"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(
      arguments: [], exitCode: .success,
      firstLine:
        "OVERVIEW: netcost \(CLI.version): what a convolutional network costs, layer by layer:"),
    Case(
      arguments: ["--help"], exitCode: .success,
      firstLine:
        "OVERVIEW: netcost \(CLI.version): what a convolutional network costs, layer by layer:"),
    Case(
      arguments: ["help", "analyze"], exitCode: .success,
      firstLine: "OVERVIEW: Print a network's cost, layer by layer, with totals."),
    Case(
      arguments: ["mobilenet", "-h"], exitCode: .success,
      firstLine: "OVERVIEW: Print a network's cost, layer by layer, with totals."),
    Case(
      arguments: ["list", "--help"], exitCode: .success,
      firstLine: "OVERVIEW: List the built-in networks."),
    Case(
      arguments: ["help", "lst"], exitCode: .usage, firstLine: "error: unknown command 'lst'",
      help: "help: did you mean 'list'?"),
    Case(
      arguments: ["mobilenet", "--alpah", "0.5"], exitCode: .usage,
      firstLine: "error: unknown option '--alpah'", help: "help: did you mean '--alpha'?"),
    Case(
      arguments: ["--verison"], exitCode: .usage, firstLine: "error: unknown option '--verison'",
      help: "help: did you mean '--version'?"),
    Case(
      arguments: ["mobilnet"], exitCode: .usage,
      firstLine: "error: unknown command or network 'mobilnet'",
      help: "help: did you mean 'mobilenet'?"),
    // Issue 11, item 3: a misspelled command is not "unexpected argument".
    Case(
      arguments: ["comapre", "vgg16", "mobilenet"], exitCode: .usage,
      firstLine: "error: unknown command or network 'comapre'",
      help: "help: did you mean 'compare'?"),
    Case(
      arguments: ["analyse", "alexnet", "--by", "kind"], exitCode: .success,
      firstLine: "alexnet: AlexNet (EECS 498 / torchvision layout)"),
    Case(
      arguments: ["frobnicate"], exitCode: .usage,
      firstLine: "error: unknown command or network 'frobnicate'",
      help: "help: 'netcost --help' shows the commands, 'netcost list' the networks"),
    // Issue 11, item 6: options that do not apply are refused, not ignored.
    Case(
      arguments: ["alexnet", "--explain", "conv1", "--format", "json"], exitCode: .usage,
      firstLine: "error: '--explain' prints text and takes no '--format'"),
    Case(
      arguments: ["alexnet", "--explain", "--by", "kind"], exitCode: .usage,
      firstLine: "error: '--explain' and '--by kind' cannot be combined",
      help: "help: '--explain' shows each row's arithmetic; '--by kind' sums rows by kind"),
    Case(
      arguments: ["mobilenet", "--alpha"], exitCode: .usage,
      firstLine: "error: missing value for '--alpha <value>'"),
    Case(
      arguments: ["mobilenet", "--alpha", "big"], exitCode: .usage,
      firstLine: "error: '--alpha' takes a number, got 'big'"),
    Case(
      arguments: ["mobilenet", "--alpha", "0.5", "--alpha", "0.25"], exitCode: .usage,
      firstLine: "error: '--alpha' is given more than once"),
    Case(
      arguments: ["mobilenet", "--alpha", "4.5"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' must be in (0, 4], got 4.5"),
    Case(
      arguments: ["mobilenet", "--alpha", "0"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' must be in (0, 4], got 0"),
    Case(
      arguments: ["mobilenet", "--resolution", "224.5"], exitCode: .usage,
      firstLine: "error: parameter 'resolution' takes whole numbers, got 224.5"),
    Case(
      arguments: ["vgg16", "--alpha", "0.5"], exitCode: .usage,
      firstLine: "error: network 'vgg16' has no parameter 'alpha'",
      help: "help: its parameters are 'depth', 'bn', 'resolution', 'classes'"),
    Case(
      arguments: ["mobilenet", "--set", "clases=10"], exitCode: .usage,
      firstLine: "error: network 'mobilenet' has no parameter 'clases'",
      help: "help: did you mean 'classes'?"),
    Case(
      arguments: ["mobilenet", "--set", "classes"], exitCode: .usage,
      firstLine: "error: '--set' takes <name>=<value>, got 'classes'"),
    Case(
      arguments: ["mobilenet", "--format", "jsn"], exitCode: .usage,
      firstLine: "error: '--format' must be one of 'table', 'json', 'markdown', 'csv', got 'jsn'",
      help: "help: did you mean 'json'?"),
    Case(
      arguments: ["mobilenet", "vgg16"], exitCode: .usage,
      firstLine: "error: unexpected argument 'vgg16'"),
    Case(
      arguments: ["--alpha", "0.5"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(
      arguments: ["sweep", "--alpha", "1,0.5"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(
      arguments: ["chart"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(
      arguments: ["report"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(
      arguments: ["completions"], exitCode: .usage,
      firstLine: "error: missing expected argument '<shell>'"),
    Case(
      arguments: ["missing.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'missing.netspec': no such file"),
    Case(
      arguments: ["dir"], exitCode: .noInput,
      firstLine: "error: cannot read 'dir': it is a directory"),
    Case(
      arguments: ["binary.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'binary.netspec': it is a binary file, not a spec"),
    Case(
      arguments: ["latin1.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'latin1.netspec': it is not UTF-8 text"),
    Case(
      arguments: ["mobilenet", "--", "--alpha"], exitCode: .usage,
      firstLine: "error: unexpected argument '--alpha'"),
    // Issue 10, item 18: options given twice, extra words, numbers past exactness.
    Case(
      arguments: ["alexnet", "--explain", "conv1", "--explain", "conv2"], exitCode: .usage,
      firstLine: "error: '--explain' is given more than once"),
    Case(
      arguments: ["compare", "mobilenet:alpha=0.5,alpha=0.75", "vgg16"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' is set more than once"),
    Case(
      arguments: ["--version", "extra"], exitCode: .usage,
      firstLine: "error: unexpected argument 'extra'"),
    Case(
      arguments: ["help", "sweep", "extra"], exitCode: .usage,
      firstLine: "error: unexpected argument 'extra'"),
    Case(
      arguments: ["mobilenet", "--resolution", "9007199254740993"], exitCode: .usage,
      firstLine:
        "error: '--resolution' takes a number, got '9007199254740993', which is too large to hold exactly"
    ),
    Case(
      arguments: ["runs:v1.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'runs:v1.netspec': no such file"),
    Case(
      arguments: ["compare", "runs:v1.netspec", "vgg16"], exitCode: .noInput,
      firstLine: "error: cannot read 'runs:v1.netspec': no such file"),
  ]

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

/// The literature commands end to end.
@Suite struct LiteratureCommandTests {
  static let cases: [CLITests.Case] = [
    .init(
      arguments: ["sweep", "mobilenet"], exitCode: .usage, firstLine: "error: nothing to sweep",
      help: "help: give values with '--alpha', '--resolution' or '--set <name>=<values>'"),
    .init(
      arguments: ["sweep", "mobilenet", "--alpha", "1,x"], exitCode: .usage,
      firstLine: "error: '--alpha' takes a number, got 'x'"),
    .init(
      arguments: ["sweep", "mobilenet", "--alpha", "1,5"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' must be in (0, 4], got 5"),
    .init(
      arguments: ["sweep", "vgg16", "--alpha", "1"], exitCode: .usage,
      firstLine: "error: network 'vgg16' has no parameter 'alpha'"),
    .init(
      arguments: [
        "sweep", "mobilenet", "--alpha",
        Array(repeating: "0.5", count: 1000).joined(separator: ","),
        "--resolution", Array(repeating: "224", count: 1000).joined(separator: ","),
      ], exitCode: .usage,
      firstLine: "error: the sweep has 1000000 points; it may have at most 500000"),
    .init(
      arguments: ["compare", "vgg16"], exitCode: .usage,
      firstLine: "error: compare needs at least two networks, got 1"),
    .init(
      arguments: ["compare", "vgg16", "mobilenet", "--baseline", "mobilnet"], exitCode: .usage,
      firstLine: "error: the baseline 'mobilnet' is not among the networks compared",
      help: "help: did you mean 'mobilenet'?"),
    .init(
      arguments: ["compare", "vgg16", "mobilenet:alpha"], exitCode: .usage,
      firstLine: "error: 'mobilenet' takes <name>=<value>, got 'alpha'"),
    .init(
      arguments: ["compare", "vgg16", "mobilenet:alpha=5"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' must be in (0, 4], got 5"),
    .init(
      arguments: ["verify", "mobilnet"], exitCode: .usage,
      firstLine: "error: no built-in network or file named 'mobilnet'"),
    .init(
      arguments: ["verify", "squeezenet"], exitCode: .success,
      firstLine:
        "network     at  figure                                published       computed  difference  status       source"
    ),
  ]

  @Test(arguments: cases)
  func exitCodesAndMessages(_ c: CLITests.Case) {
    CLITests().exitCodesAndMessages(c)
  }

  /// `netcost compare vgg16 mobilenet googlenet squeezenet alexnet-2012` (issue: one aligned table).
  @Test func compareFiveNetworks() throws {
    let output = CLITests.run([
      "compare", "vgg16", "mobilenet", "googlenet", "squeezenet", "alexnet-2012",
    ])
    #expect(output.exitCode == .success)
    let lines = output.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines[0]
        == "network       params (paper, M)   MACs (M)  memory (MB)  param memory (MB)  params (paper) ratio    MACs ratio"
    )
    #expect(
      lines[3]
        == "mobilenet                  4.21     568.74        19.24              16.23          32.86× fewer  27.20× fewer"
    )
    #expect(lines.prefix(7).allSatisfy { $0.count == lines[0].count })
  }

  /// The efficient networks side by side (issue: one table), MobileNet the baseline.
  @Test func compareEfficientNetworks() {
    let output = CLITests.run([
      "compare", "mobilenet", "mobilenet-v2", "mobilenet-v3-large",
      "shufflenet-v2", "squeezenet", "resnet50",
    ])
    #expect(output.exitCode == .success)
    let lines = output.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines[3]
        == "mobilenet-v2                     3.47    300.77        26.31              13.50           1.21× fewer  1.89× fewer"
    )
    #expect(
      lines[7]
        == "resnet50                        25.50  4,089.18        64.23              97.69            6.06× more   7.19× more"
    )
    #expect(lines.prefix(8).allSatisfy { $0.count == lines[0].count })
  }

  /// `docs/reproductions.md` is the Markdown output of `netcost verify`; regenerate it with
  /// `swift run netcost verify --format markdown > docs/reproductions.md`.
  @Test func reproductionsAreUpToDate() throws {
    let output = CLITests.run(["verify", "--format", "markdown"])
    #expect(output.exitCode == .success)
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/reproductions.md")
    #expect(
      try String(contentsOf: url, encoding: .utf8) == output.stdout,
      "docs/reproductions.md is out of date: swift run netcost verify --format markdown > docs/reproductions.md"
    )
    #expect(output.stdout.contains("unexplained"))
  }

  /// The sweep's JSON has the documented shape, with the published figures of each row.
  @Test func sweepJSON() throws {
    let output = CLITests.run(["sweep", "mobilenet", "--alpha", "1,0.75", "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    #expect(object["network"] as? String == "mobilenet")
    let rows = try #require(object["rows"] as? [[String: Any]])
    #expect(rows.count == 2)
    let totals = try #require(rows[1]["totals"] as? [String: Any])
    #expect(totals["macs"] as? Int == 325_400_448)
    let published = try #require(rows[1]["published"] as? [String: Any])
    let macs = try #require(published["macs"] as? [String: Any])
    #expect(macs["text"] as? String == "325 M")
  }
}
