import Foundation
import Testing

@testable import NetCostCLI

/// Files, reports, charts, explanations and completions through `CLI.run` and `CLI.deliver`, with
/// a file system that is a dictionary.
@Suite struct ReportCommandTests {
  /// A context whose writes land in `written`; `failing` paths refuse to be written.
  final class Disk: @unchecked Sendable {
    var written: [String: String] = [:]
    var failing: Set<String> = []

    var context: Context {
      Context(
        readFile: { _ in .failure(.notFound) },
        writeFiles: { files in
          if let file = files.first(where: { self.failing.contains($0.path) }) {
            return .failure(FileWriter.Failure(path: file.shownPath, reason: "it is a directory"))
          }
          for file in files { self.written[file.path] = file.contents }
          return .success(())
        },
        environment: [:], stderrIsTerminal: false)
    }

    func run(_ arguments: [String]) -> Output {
      CLI.deliver(CLI.run(arguments, context: context), context: context)
    }
  }

  @Test func outputGoesToTheFile() {
    let disk = Disk()
    let output = disk.run(["vgg16", "--format", "csv", "-o", "vgg16.csv"])
    #expect(output.exitCode == .success)
    #expect(output.stdout.isEmpty)
    #expect(disk.written["vgg16.csv"]?.hasPrefix("layer,kind,output_height") == true)
  }

  @Test func nothingIsWrittenWhenTheCommandFails() {
    let disk = Disk()
    let output = disk.run(["mobilenet", "--alpha", "5", "-o", "out.txt"])
    #expect(output.exitCode == .usage)
    #expect(disk.written.isEmpty)
  }

  @Test func anUnwritablePathIsAnError() {
    let disk = Disk()
    disk.failing = ["out"]
    let output = disk.run(["vgg16", "--output", "out"])
    #expect(output.exitCode == .cannotCreate)
    #expect(output.stderr == "error: cannot write 'out': it is a directory\n")
  }

  @Test func outputGivenTwiceIsAUsageError() {
    let output = Disk().run(["vgg16", "-o", "a", "--output", "b"])
    #expect(output.exitCode == .usage)
    #expect(output.stderr.hasPrefix("error: '--output' is given more than once\n"))
  }

  /// Issue 11, item 8: a chart that cannot draw every point by accuracy says so, in the chart
  /// and on stderr. MobileNet's Figure 4 grid: the paper prints accuracy for 8 of its 16 points
  /// (Tables 6, 7 and 9), and only those are drawn.
  @Test func chartsSayWhatTheyLeaveOut() throws {
    let disk = Disk()
    let figure4 = disk.run(
      [
        "chart", "mobilenet", "--alpha", "1,0.75,0.5,0.25", "--resolution", "224,192,160,128",
        "-o", "fig4.svg",
      ])
    #expect(figure4.exitCode == .success)
    let note = "published accuracy for 8 of the 16 points; only those 8 are drawn"
    #expect(figure4.stderr == "note: \(note)\n")
    let svg = try #require(disk.written["fig4.svg"])
    #expect(svg.contains(note))
    #expect(svg.components(separatedBy: "<circle").count - 1 == 8)
    let table6 = disk.run(["chart", "mobilenet", "--alpha", "1,0.75,0.5,0.25", "-o", "t6.svg"])
    #expect(table6.stderr.isEmpty)
    let vgg = disk.run(["chart", "vgg16", "--resolution", "224,192", "-o", "v.svg"])
    #expect(
      vgg.stderr
        == "note: fewer than two of the 2 points have a published accuracy, so the chart shows MACs against parameters\n"
    )
    #expect(disk.written["v.svg"]?.contains("MACs against parameters") == true)
  }

  /// Issue 11, item 4: two settings of one network are two sections with two headings and
  /// their own charts.
  @Test func aReportNeverMixesNetworks() throws {
    let disk = Disk()
    let output = disk.run(["report", "mobilenet", "mobilenet:alpha=0.5", "-o", "r.md"])
    #expect(output.exitCode == .success)
    let report = try #require(disk.written["r.md"])
    #expect(report.contains("\n## mobilenet: MobileNet v1\n"))
    #expect(report.contains("\n## mobilenet (alpha = 0.5): MobileNet v1\n"))
    #expect(report.contains("![MACs and parameters per layer](r-mobilenet-layers.svg)"))
    #expect(report.contains("![MACs and parameters per layer](r-mobilenet-layers-2.svg)"))
    #expect(disk.written["r-mobilenet-layers.svg"] != disk.written["r-mobilenet-layers-2.svg"])
  }

  /// A report whose name has a space or a parenthesis links its charts by their files' names,
  /// percent-encoded: written raw, `![…](my report-….svg)` is no image at all.
  @Test func chartLinksSurviveTheReportsName() throws {
    let disk = Disk()
    let output = disk.run(["report", "alexnet", "-o", "my report (v2).md"])
    #expect(output.exitCode == .success)
    #expect(disk.written["my report (v2)-alexnet-layers.svg"] != nil)
    let report = try #require(disk.written["my report (v2).md"])
    #expect(
      report.contains("![MACs and parameters per layer](my%20report%20%28v2%29-alexnet-layers.svg)")
    )
    // A tab and a newline are the file's own bytes, not the text a terminal shows for them.
    let controls = Disk()
    #expect(controls.run(["report", "alexnet", "-o", "a\tb\nc.md"]).exitCode == .success)
    let linked = try #require(controls.written["a\tb\nc.md"])
    #expect(linked.contains("![MACs and parameters per layer](a%09b%0Ac-alexnet-layers.svg)"))
    #expect(controls.written["a\tb\nc-alexnet-layers.svg"] != nil)
  }

  /// `netcost report mobilenet vgg16 -o notes/report.md`: the report and its charts, linked.
  @Test func reportWritesItsChartsBesideIt() throws {
    let disk = Disk()
    let output = disk.run(["report", "mobilenet", "vgg16", "-o", "notes/report.md"])
    #expect(output.exitCode == .success)
    #expect(
      Set(disk.written.keys) == [
        "notes/report.md", "notes/report-mobilenet-layers.svg", "notes/report-mobilenet-alpha.svg",
        "notes/report-mobilenet-resolution.svg", "notes/report-vgg16-layers.svg",
        "notes/report-vgg16-resolution.svg", "notes/report-mobilenet-graph.svg",
        "notes/report-vgg16-graph.svg",
      ])
    let report = try #require(disk.written["notes/report.md"])
    for section in [
      "# netcost report: mobilenet, vgg16", "## Comparison", "## mobilenet: MobileNet v1",
      "### Totals", "### Layers", "### Where the cost goes", "### Sweep over alpha",
      "### Sweep over resolution", "### Published figures", "## vgg16: VGG16 (configuration D)",
      "![MACs and parameters per layer](report-mobilenet-layers.svg)",
      "![the network as a graph, coloured by share of MACs](report-mobilenet-graph.svg)",
    ] {
      #expect(report.contains(section + "\n"), "\(section)")
    }
  }

  @Test func reportToStandardOutputHasNoCharts() {
    let output = Disk().run(["report", "squeezenet"])
    #expect(output.exitCode == .success)
    #expect(!output.stdout.contains("!["))
    #expect(output.stdout.contains("| squeezenet | | total_params |") == false)
  }

  @Test func chartCommand() {
    let disk = Disk()
    #expect(disk.run(["chart", "alexnet", "-o", "a.svg"]).exitCode == .success)
    #expect(disk.written["a.svg"]?.contains("alexnet: MACs and parameters per layer") == true)
    let sweep = disk.run(["chart", "mobilenet", "--alpha", "1,0.5"])
    #expect(sweep.stdout.contains("mobilenet: MACs against top-1 accuracy (published)"))
  }

  @Test func explainOneLayerOrAll() {
    let one = Disk().run(["alexnet", "--explain", "conv1"])
    #expect(
      one.stdout == """
        conv1: conv 11×11/4 +relu, 227×227×3 → 56×56×64
        output = (227 − 11 + 2·2) / 4 + 1 = 56
        memory = 64·56·56·4 B / 1024 = 784 KB
        params = 64·3·11·11 + 64 = 23,296
        MACs = (64·56·56)·(3·11·11) = 72,855,552

        """)
    let all = Disk().run(["--explain", "alexnet"])
    #expect(all.stdout.components(separatedBy: "\n\n").count == 12)  // one per row
    let unknown = Disk().run(["alexnet", "--explain", "conv9"])
    #expect(unknown.exitCode == .usage)
    #expect(
      unknown.stderr.hasPrefix(
        "error: no layer 'conv9' in 'alexnet'\nhelp: did you mean 'conv1'?\n")
        || unknown.stderr.hasPrefix("error: no layer 'conv9' in 'alexnet'\n"))
  }

  /// Each script names every command, every built-in network and each command's options.
  @Test(arguments: Completions.Shell.allCases)
  func completionScripts(_ shell: Completions.Shell) {
    let output = Disk().run(["completions", shell.rawValue])
    #expect(output.exitCode == .success)
    for name in Completions.commandNames + SpecCatalog.builtinNames + [
      "--alpha", "--explain", "--baseline",
    ] {
      let word = shell == .fish && name.hasPrefix("--") ? "-l " + name.dropFirst(2) : name
      #expect(output.stdout.contains(word), "\(shell): \(name)")
    }
  }

  @Test func completionsNeedAShell() {
    let output = Disk().run(["completions", "bas"])
    #expect(output.exitCode == .usage)
    #expect(
      output.stderr.hasPrefix(
        "error: 'completions' takes one of 'bash', 'zsh', 'fish', got 'bas'\nhelp: did you mean 'bash'?\n"
      ))
  }

  /// `--help` on every command shows usage, options and an example, as argument-parser does.
  @Test(arguments: Subcommand.allCases.map(\.info.name))
  func helpOnEveryCommand(_ name: String) {
    let output = Disk().run([name, "--help"])
    #expect(output.exitCode == .success)
    for heading in ["OVERVIEW: ", "USAGE: netcost", "OPTIONS:", "-h, --help", "EXAMPLES:"] {
      #expect(output.stdout.contains(heading), "\(name): \(heading)")
    }
    #expect(Disk().run(["help", name]).stdout == output.stdout)
  }
}
