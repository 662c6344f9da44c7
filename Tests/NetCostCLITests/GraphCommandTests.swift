import Foundation
import NetCost
import Testing

@testable import NetCostCLI

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `netcost graph`: its formats (from `--format` or `-o`'s extension), its colours, its usage
/// errors (exit 64, as every command's), and imported models, hostile names included.
@Suite struct GraphCommandTests {
  static func run(_ arguments: [String]) -> Output {
    ImportCommandTests.run(arguments, extra: ["m.prototxt": HostileNamesTests.model])
  }

  /// The file `-o` wrote, or standard output.
  static func written(_ output: Output) -> String {
    output.files.first?.contents ?? output.stdout
  }

  struct FormatCase: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var start: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let formats: [FormatCase] = [
    .init(arguments: ["graph", "googlenet"], start: "<?xml version=\"1.0\""),
    .init(arguments: ["graph", "googlenet", "-o", "g.svg"], start: "<?xml version=\"1.0\""),
    .init(arguments: ["graph", "googlenet", "-o", "g.html"], start: "<!DOCTYPE html>"),
    .init(arguments: ["graph", "googlenet", "-o", "g.HTM"], start: "<!DOCTYPE html>"),
    .init(arguments: ["graph", "googlenet", "--format", "dot"], start: "digraph \"googlenet\" {"),
    .init(arguments: ["graph", "googlenet", "-o", "g.txt", "--format", "dot"], start: "digraph"),
    .init(arguments: ["graph", "googlenet", "-o", "-", "--format", "html"], start: "<!DOCTYPE"),
  ]

  @Test(arguments: formats)
  func formatFromOptionOrExtension(_ c: FormatCase) {
    let output = Self.run(c.arguments)
    #expect(output.exitCode == .success, "\(output.stderr)")
    #expect(Self.written(output).hasPrefix(c.start))
  }

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var firstLine: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let errors: [ErrorCase] = [
    .init(
      arguments: ["graph", "googlenet", "--color", "flops"],
      firstLine: "error: '--color' must be one of 'macs', 'memory', 'params', 'time', got 'flops'"),
    .init(
      arguments: ["graph", "googlenet", "--color", "time"],
      firstLine: "error: '--color time' colours by the roofline's time, which needs '--device'"),
    .init(
      arguments: ["graph", "googlenet", "-o", "g.png"],
      firstLine: "error: cannot tell the format from '-o g.png'"),
    .init(
      arguments: ["graph", "googlenet", "--format", "png"],
      firstLine: "error: '--format' must be one of 'svg', 'html', 'dot', got 'png'"),
    .init(arguments: ["graph"], firstLine: "error: missing expected argument '<network>'"),
    .init(
      arguments: ["graph", "googlenet", "--colour", "macs"],
      firstLine: "error: unknown option '--colour'"),
    .init(
      arguments: ["graph", "googlenet", "--input", "224x224x3"],
      firstLine:
        "error: '--input' sets the input of an imported model; '<builtin>/googlenet.netspec' is a spec"
    ),
  ]

  @Test(arguments: errors)
  func usageErrorsExit64(_ c: ErrorCase) {
    let output = Self.run(c.arguments)
    #expect(output.exitCode == .usage)
    #expect(output.stderr.split(separator: "\n").first.map(String.init) == c.firstLine)
    #expect(output.stdout.isEmpty && output.files.isEmpty)
  }

  /// Colours by another metric, with the legend naming it: googlenet's conv2/3x3 holds 21.91 %
  /// of its MACs (346,816,512 of 1,582,671,872) and so the darkest colour.
  @Test func colourByMetric() {
    let macs = Self.written(Self.run(["graph", "googlenet"]))
    #expect(macs.contains("colour: share of MACs"))
    #expect(macs.contains("21.91 % of the network's MACs"))
    let time = Self.written(Self.run(["graph", "googlenet", "--color", "time", "--device", "t4"]))
    #expect(time.contains("colour: share of roofline time"))
    #expect(time.contains(" ms on t4</text>"))
    let memory = Self.written(Self.run(["graph", "googlenet", "--color", "memory"]))
    #expect(memory.contains("colour: share of output memory"))
  }

  /// An imported ONNX model: a node per row of its analysis (ResNet-50's 72 from the dynamo
  /// exporter, as `netcost onnx/resnet50.dynamo.onnx` prints them).
  @Test func importedONNX() {
    let output = Self.run(["graph", "onnx/resnet50.dynamo.onnx", "-o", "r.html"])
    #expect(output.exitCode == .success, "\(output.stderr)")
    #expect(Self.written(output).components(separatedBy: "<g class=\"node\"").count - 1 == 72)
  }

  /// A layer named with a terminal escape, a bell and a newline stays text in every format.
  @Test(arguments: ["svg", "html", "dot"])
  func hostileNamesAreEscaped(_ format: String) {
    let output = Self.run(["graph", "m.prototxt", "--format", format])
    #expect(output.exitCode == .success)
    #expect(
      !output.stdout.unicodeScalars.contains {
        $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{202E}"
      })
    #expect(output.stdout.contains(format == "dot" ? #"r\\u{1B}]0;pwned"# : #"r\u{1B}]0;pwned"#))
  }

  /// docs/graph.md lists every option of `graph`, and the README names the command.
  @Test func docsListEveryOption() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let page = try String(
      contentsOf: root.appendingPathComponent("docs/graph.md"), encoding: .utf8)
    for name in GraphCommand.info.optionNames where name.hasPrefix("--") && name != "--output" {
      #expect(page.contains("`\(name)"), "\(name)")
    }
    for format in GraphCommand.Format.allCases { #expect(page.contains(format.rawValue)) }
    let color = GraphCommand.info.options.first { $0.names == ["--color"] }?.text ?? ""
    for metric in GraphMetric.allCases {
      #expect(page.contains(metric.rawValue) && color.contains(metric.rawValue), "\(metric)")
    }
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("| `netcost graph` |"))
  }

  /// Markup in names stays text: the SVG parses as XML with the names as they were written
  /// (control characters shown escaped), and the page runs no script but its own.
  @Test func markupInNamesStaysText() throws {
    let model = Array(
      #"""
      input: "data"
      input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
      layer { name: "a<b>&\"c'" type: "Convolution" bottom: "data" top: "x"
        convolution_param { num_output: 4 kernel_size: 1 } }
      layer { name: "]]></text><script>alert(1)</script>" type: "Pooling" bottom: "x" top: "y"
        pooling_param { pool: MAX kernel_size: 2 stride: 2 } }

      """#.utf8)
    func run(_ format: String) -> Output {
      ImportCommandTests.run(
        ["graph", "h.prototxt", "--format", format], extra: ["h.prototxt": model])
    }
    let svg = run("svg").stdout
    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    #expect(svg.contains(">a&lt;b&gt;&amp;&quot;c'</text>"))
    let html = run("html").stdout
    #expect(html.components(separatedBy: "<script>").count == 2)
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/s…</text>"))
  }

  /// Every shell completes graph's own formats and colours.
  @Test(arguments: Completions.Shell.allCases)
  func completionsOfferFormatsAndColours(_ shell: Completions.Shell) {
    let script = Self.run(["completions", shell.rawValue]).stdout
    #expect(script.contains("svg html dot"))
    #expect(script.contains("macs memory params time"))
  }

  /// A network too large to draw is refused with its size, before it is analysed.
  @Test func tooLargeIsRefused() {
    let spec = "input 8 x 8 x 3\nrepeat 20001 { conv filters = 3, kernel = 1 }\n"
    let output = CLITests.run(["graph", "big.netspec"], files: ["big.netspec": spec])
    #expect(output.exitCode == .usage)
    #expect(
      output.stderr.hasPrefix(
        "error: the graph would have 20,001 rows; it may have at most 20,000 rows in a drawn graph\n"
          + "help: the table ('netcost analyze') shows every row of a network of any size\n"))
  }

  /// A layer chart or an explanation of every row past 20,000 rows is refused with the count
  /// (an adversarial review: a million rows took 8 s and 1.2 GB to chart, 10 s to explain);
  /// one row is still explained, and a report keeps its table without the chart.
  @Test func tooManyRowsToChartOrExplainAreRefused() throws {
    let spec = "input 8 x 8 x 3\nrepeat 20001 { maxpool kernel = 1 }\n"
    let files = ["big.netspec": spec]
    let chart = CLITests.run(["chart", "big.netspec"], files: files)
    #expect(chart.exitCode == .usage)
    #expect(
      chart.stderr.hasPrefix(
        "error: the network has 20,001 rows; at most 20,000 are drawn (bars in a layer chart)\n"
          + "help: the table ('netcost analyze') shows every row of a network of any size\n"))
    let explained = CLITests.run(["big.netspec", "--explain"], files: files)
    #expect(explained.exitCode == .usage)
    #expect(
      explained.stderr.hasPrefix(
        "error: the network has 20,001 rows; at most 20,000 are explained (rows '--explain' "
          + "shows at once)\nhelp: explain one row: '--explain <layer>'\n"))
    let one = CLITests.run(["big.netspec", "--explain", "maxpool_20001"], files: files)
    #expect(one.exitCode == .success)
    #expect(one.stdout.contains("maxpool_20001"))
    let report = CLITests.run(["report", "big.netspec", "-o", "r.md"], files: files)
    #expect(report.exitCode == .success)
    #expect(report.files.map(\.path) == ["r.md"])
  }
}
