import Foundation
import NetCost
import Testing

@testable import NetCostRender

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One network in every format, as whole golden files, and each parsed back by a real reader.
@Suite struct FormatTests {
  @Test func vgg16Markdown() throws {
    expectGolden(
      AnalysisReport.document(try Run.analysis("vgg16")).renderedAsMarkdown(),
      named: "vgg16.md")
  }

  @Test func vgg16CSV() throws {
    expectGolden(
      AnalysisReport.document(try Run.analysis("vgg16")).renderedAsCSV(),
      named: "vgg16.csv")
  }

  /// RFC 4180 read back: one header, one record per row, raw integers that sum to the totals.
  @Test(arguments: ["vgg16", "googlenet", "mobilenet"])
  func csvReadsBack(_ name: String) throws {
    let a = try Run.analysis(name)
    let records = try CSVReader.parse(AnalysisReport.document(a).renderedAsCSV())
    #expect(
      records.first == [
        "layer", "kind", "output_height", "output_width", "output_channels",
        "params", "macs", "activation_bytes",
      ])
    #expect(records.count == a.rows.count + 1)
    #expect(records.dropFirst().compactMap { Int($0[5]) }.reduce(0, +) == a.totals.params)
    #expect(records.dropFirst().compactMap { Int($0[6]) }.reduce(0, +) == a.totals.macs)
    #expect(records.dropFirst().compactMap { Int($0[7]) }.reduce(0, +) == a.totals.activationBytes)
  }

  @Test func csvQuotesWhatNeedsIt() throws {
    let table = Table(
      columns: [.init(title: "a", alignment: .left), .init(title: "b", alignment: .left)],
      rows: [[.text("x, y"), .text("say \"hi\"")], [.text("line\nbreak"), .count(1_000)]])
    let text = CSVRenderer.render(table)
    #expect(text == "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",1000\r\n")
    #expect(
      try CSVReader.parse(text) == [["a", "b"], ["x, y", "say \"hi\""], ["line\nbreak", "1000"]])
  }

  /// A name from a file is not run by a spreadsheet (CSV: a formula behind a `'`) nor read
  /// as HTML by a Markdown page; netcost's own text (a breakdown's `+ fc bias`, a field's `-2`)
  /// and numbers are written as they are (a review found the first guard marking them too).
  @Test func namesFromFilesAreInertInCSVAndMarkdown() throws {
    let table = Table(
      columns: [
        .init(title: "layer", alignment: .left), .init(title: "note", alignment: .left),
        .init(title: "n", alignment: .right),
      ],
      rows: [
        [.name("=HYPERLINK(\"x\")"), .text("+ fc bias"), .count(-3)],
        [.name("<b>a</b> & b"), .text("-2"), .difference(-0.5)],
      ])
    #expect(
      try CSVReader.parse(CSVRenderer.render(table)) == [
        ["layer", "note", "n"], ["'=HYPERLINK(\"x\")", "+ fc bias", "-3"],
        ["<b>a</b> & b", "-2", "-0.5"],
      ])
    let lines = MarkdownRenderer.render(table).split(separator: "\n")
    #expect(lines[2] == "| =HYPERLINK(\"x\") | + fc bias | -3 |")
    #expect(lines[3].hasPrefix("| &lt;b&gt;a&lt;/b&gt; &amp; b | -2 |"))
  }

  /// RFC 4180's fields: quoted where a comma, a quote or a line end is in them, quotes doubled;
  /// `\r\n` is one Swift character, equal to neither `\r` nor `\n`, and still a line end.
  @Test(arguments: [
    ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"x\"", "\"say \"\"x\"\"\""),
    ("a\nb", "\"a\nb\""), ("a\r\nb", "\"a\r\nb\""), ("a\rb", "\"a\rb\""), ("", ""),
  ])
  func csvFields(_ text: String, _ field: String) {
    #expect(CSVRenderer.field(text) == field)
  }

  /// A network named `name` (a conv of 112 params: 3×3×3×4 weights + 4 biases), and its
  /// comparison with vgg16.
  static func compared(networkNamed name: String) throws -> (Analysis, Document) {
    let source = SourceFile(
      name: "n.netspec",
      text: "network \"\(name)\"\ninput 8x8x3\nconv filters = 4, kernel = 3\n")
    let analysis = try Run.analysis(of: source)
    #expect(analysis.totals.params == 112)
    let comparison = ComparisonReport.document(
      Comparison(analyses: [analysis, try Run.analysis("vgg16")]))
    return (analysis, comparison)
  }

  /// A network's name from a file is a name wherever it is shown (issue 25): in `compare`'s
  /// rows (CSV: behind a `'`; Markdown: its markup shown), and in a Markdown report's prose,
  /// where `<`, `>` and `&` are entities outside code spans and a lone backtick in the name
  /// opens none. 112 params: 3×3×3×4 weights + 4 biases.
  @Test func networkNamesFromFilesAreInert() throws {
    let name = "=cmd`<b>x</b> & y"
    let (analysis, comparison) = try Self.compared(networkNamed: name)
    let records = try CSVReader.parse(comparison.renderedAsCSV())
    #expect(records[1].first == "'" + name)
    let markdown = comparison.renderedAsMarkdown()
    #expect(markdown.contains("| =cmd`&lt;b&gt;x&lt;/b&gt; &amp; y | 0.00 |"))
    #expect(markdown.contains("ratios against =cmd`&lt;b&gt;x&lt;/b&gt; &amp; y  \n"))
    #expect(!markdown.contains("<b>"))
    let report = AnalysisReport.document(analysis).renderedAsMarkdown()
    #expect(report.hasPrefix("=cmd`&lt;b&gt;x&lt;/b&gt; &amp; y  \n"))
    // Backticks never hide markup (an adversarial review): one escaped by a backslash opens no
    // span, and a span may run across the lines of a paragraph.
    for (title, source) in [("a\\`<img src=x>`", "s"), ("x `", "` <img src=x> `")] {
      let text =
        "network \"n\"\ntitle \"\(title)\"\nsource \"\(source)\"\n"
        + "input 8x8x3\nconv filters = 4, kernel = 3\n"
      let a = try Run.analysis(of: SourceFile(name: "t.netspec", text: text))
      let page = AnalysisReport.document(a).renderedAsMarkdown()
      #expect(!page.contains("<img") && page.contains("&lt;img src=x&gt;"))
    }
  }

  /// What Markdown would read as markup in a name or in prose, and what it shows instead (the
  /// CommonMark spec: §6.6 HTML, §2.5 entities, §6.3 links, §6.4 images, §4.7 link reference
  /// definitions). netcost's own footnote marks (`[1]`) and intervals stay as they are.
  @Test(arguments: [
    ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
    ("a & b", "a &amp; b"),
    ("&#60;script&#62;", "&amp;#60;script&amp;#62;"),
    ("![x](http://e.test/p.png)", "![x\\](http\\://e.test/p.png)"),
    ("[click](http://e.test)", "[click\\](http\\://e.test)"),
    // GitHub's autolinks (the GFM spec, §6.9): a bare address is no link.
    ("see https://e.test/login", "see https\\://e.test/login"),
    ("www.e.test and WWW.e.test", "www\\.e.test and WWW\\.e.test"),
    ("_www.e.test", "_www\\.e.test"),
    // A name's own backslash cannot undo an escape (a review: `\\\\]` read as a backslash
    // and a live `]`).
    ("[x\\](http://e.test)", "[x\\\\\\](http\\://e.test)"),
    ("a\\b", "a\\\\b"),
    ("[x][ref]", "[x\\][ref]"),
    ("[ref]: http://e.test", "[ref\\]: http\\://e.test"),
    ("differs [1]", "differs [1]"),
    ("[0, 5) and [2]", "[0, 5) and [2]"),
    ("]", "]"),
    ("a|b", "a|b"),
  ])
  func markdownShowsProseLiterally(text: String, shown: String) {
    #expect(text.markdownProse == shown)
  }

  /// What would begin a block where a line of prose begins (the CommonMark spec: §4.5 fences,
  /// §4.2 headings, §4.1 rules, §4.3 setext underlines, §5.1 quotes, §5.2 list items, §4.4
  /// indented code; GFM's tables), escaped: a network named ```` ``` ```` made every table after
  /// its name one code block (the review of issue 25). Inside the line, nothing changes.
  @Test(arguments: [
    ("```", "\\```"), ("~~~ x", "\\~~~ x"), ("``", "``"), ("# x", "\\# x"), ("---", "\\---"),
    ("=== ", "\\=== "), ("> q", "&gt; q"), ("- x", "\\- x"), ("+ x", "\\+ x"),
    ("* x", "\\* x"), ("___", "\\___"), ("|a|", "\\|a|"), ("1. x", "1\\. x"),
    ("12) y", "12\\) y"), ("    code", "&#32;&#32;&#32;&#32;code"), ("\tcode", "&#9;code"),
    ("2026 results", "2026 results"), ("mobilenet: x - y", "mobilenet: x - y"),
    ("60.97 M: rounded down", "60.97 M: rounded down"), ("3.", "3\\."),
    ("**paper** — the papers", "**paper** — the papers"), ("#x", "#x"), ("=cmd", "=cmd"),
  ])
  func markdownLinesBeginNoBlock(text: String, shown: String) {
    #expect(text.markdownLine == shown)
  }

  /// A model named as a link or an image is neither in a comparison's Markdown table nor in its
  /// report's prose. 112 params: 3×3×3×4 weights + 4 biases.
  @Test func namesAreNoLinksInMarkdown() throws {
    let (analysis, comparison) = try Self.compared(
      networkNamed: "![x](http://e.test/p.png) [y](http://e.test)|")
    let markdown = comparison.renderedAsMarkdown()
    let shown = "![x\\](http\\://e.test/p.png) [y\\](http\\://e.test)"
    #expect(markdown.contains("| \(shown)\\| | 0.00 |"))
    let report = AnalysisReport.document(analysis).renderedAsMarkdown()
    #expect(report.hasPrefix(shown + "|  \n"))
    for page in [markdown, report] {
      #expect(!page.replacingOccurrences(of: "\\://", with: "").contains("://"))
    }
  }

  /// The memory summary's remarks name the layers at the peaks, from the file: in Markdown they
  /// are shown literally too (an adversarial check found `at <b>x</b>` read as HTML). 112
  /// params: 3×3×3×4 + 4.
  @Test func layerNamesInTheSummaryAreInert() throws {
    let text =
      "network \"n\"\ninput 8x8x3\n\"<b>x</b>[a](http://e.test)\": conv filters = 4, kernel = 3\n"
    let settings = MemorySettings(batch: 1, policy: .pytorch, optimizer: .adam)
    let analysis = try #require(
      Pipeline.analyze(Pipeline.parse(SourceFile(name: "t.netspec", text: text)), memory: settings)
        .value)
    #expect(analysis.totals.params == 112)
    let page = AnalysisReport.document(analysis).renderedAsMarkdown()
    #expect(!page.contains("<b>"))
    #expect(
      page.contains("above input and weights, at &lt;b&gt;x&lt;/b&gt;[a\\](http\\://e.test) |"))
    #expect(page.contains("(backward of &lt;b&gt;x&lt;/b&gt;[a\\](http\\://e.test)) |"))
  }

  /// `verify`'s table shows a spec's words (its name, the figure's layer label, its source) as
  /// names: inert in CSV, markup shown in Markdown. 112 params: 3·3·3·4 + 4.
  @Test func verifiedFiguresShowTheSpecsWordsAsNames() throws {
    let source = SourceFile(
      name: "v.netspec",
      text: """
        network "=n<b>"
        input 8 x 8 x 3
        conv filters = 4, kernel = 3
        published "=src<i>" {
          params = 112
        }

        """)
    let spec = Pipeline.parse(source)
    let plain = try Run.analysis(of: spec)
    let verification = try #require(Pipeline.verify(spec) { _ in plain }.value)
    let document = VerificationReport.document(verification)
    let records = try CSVReader.parse(document.renderedAsCSV())
    #expect(records[1].first == "'=n<b>")
    #expect(records[1].last == "'=src<i>")
    let markdown = document.renderedAsMarkdown()
    #expect(!markdown.contains("<b>") && !markdown.contains("<i>"))
    #expect(markdown.contains("| =n&lt;b&gt; |"))
  }

  /// CSV and Markdown are made a piece of rows at a time (8,192 a piece): a column's kind is
  /// decided by every piece (one tensor that is not a map, in the last piece, makes the column
  /// one of dims), and the rows come out in order.
  @Test func csvAndMarkdownOfManyRowsAreInOrder() throws {
    let count = 20_000
    let last = try #require(Shape(dims: [197, 768]))
    let table = Table(
      columns: [.init(title: "n", alignment: .right), .init(title: "out", alignment: .right)],
      rows: Table.Rows(count: count) { i in
        [.count(i), .shape(i == count - 1 ? last : Shape(i + 1, 1, 1))]
      })
    let records = try CSVReader.parse(CSVRenderer.render(table))
    #expect(records.count == count + 1)
    #expect(records[0] == ["n", "out_dims"])
    #expect(records[12_345] == ["12344", "12345x1x1"])
    #expect(records[count] == ["\(count - 1)", "197x768"])
    // Pieces kept from the first pass, or none kept, or a first row that guesses right: the
    // same text.
    let text = CSVRenderer.render(table)
    for budget in [0, 100_000] {
      var out = TextWriter()
      CSVRenderer.write(table, into: &out, keeping: budget)
      #expect(out.text == text)
    }
    let maps = Table(
      columns: table.columns,
      rows: Table.Rows(count: count) { i in [.count(i), .shape(Shape(i + 1, 1, 1))] })
    let mapRecords = try CSVReader.parse(CSVRenderer.render(maps))
    #expect(mapRecords[0] == ["n", "out_height", "out_width", "out_channels"])
    #expect(mapRecords[count] == ["\(count - 1)", "\(count)", "1", "1"])
    let lines = MarkdownRenderer.render(table).split(separator: "\n")
    #expect(lines.count == count + 2)
    #expect(lines[2 + 9_000] == "| 9,000 | 9001×1×1 |")
  }

  /// A `|` in a cell is written `\|`, in the header and in the rows, which are written as bytes.
  @Test func markdownEscapesPipesInCells() {
    let table = Table(
      columns: [.init(title: "a|b", alignment: .left), .init(title: "n", alignment: .right)],
      rows: [[.text("x|y"), .count(1_000)], [.text("||"), .empty]])
    #expect(
      MarkdownRenderer.render(table)
        == "| a\\|b | n |\n|---|---:|\n| x\\|y | 1,000 |\n| \\|\\| |  |\n")
  }

  /// GitHub pipe tables: a header, an alignment row with numbers right-aligned, one line per row.
  @Test func markdownTableShape() throws {
    let a = try Run.analysis("alexnet")
    let lines = MarkdownRenderer.render(Table(layersOf: a)).split(separator: "\n")
    #expect(lines[0] == "| layer | kind | output | params (all) | MACs | memory KB |")
    #expect(lines[1] == "|---|---|---:|---:|---:|---:|")
    #expect(lines[2] == "| conv1 | conv 11×11/4 +relu | 56×56×64 | 23,296 | 72,855,552 | 784.00 |")
    #expect(lines.count == a.rows.count + 2)
  }

  /// Charts are SVG 1.1 that an XML parser accepts, with a title and the network's name.
  @Test func chartsAreWellFormedXML() throws {
    let layers = LayerChart.render(try Run.analysis("googlenet"))
    let spec = Pipeline.parse(try Run.builtin("mobilenet"))
    let sweep = try #require(Pipeline.sweep(spec, over: [("alpha", [1, 0.75, 0.5, 0.25])]).value)
    let points = SweepChart.render(sweep)
    for svg in [layers, points] {
      let parser = XMLParser(data: Data(svg.utf8))
      #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
      #expect(
        svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"800\""))
    }
    #expect(points.contains("mobilenet: MACs against top-1 accuracy (published)"))
    #expect(layers.contains("inception_3a/5x5: 10,035,200 MACs"))
  }

  /// A table wider than the terminal is cut in its text columns, never in its numbers, and says so.
  @Test func tablesFitTheTerminal() throws {
    let a = try Run.analysis("googlenet")
    let text = TerminalRenderer.render(Table(layersOf: a), style: TerminalStyle(width: 80))
    let lines = text.split(separator: "\n")
    #expect(lines.dropLast().allSatisfy { $0.count <= 80 })
    #expect(lines.last == "(text cut; a wider terminal or --format csv shows all)")
    #expect(text.contains("118,013,952"))
  }
}

/// A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records.
enum CSVReader {
  struct Malformed: Error {}

  static func parse(_ text: String) throws -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            field.append("\"")
            chars.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" && field.isEmpty {
        quoted = true
      } else if c == "," {
        record.append(field)
        field = ""
      } else if c == "\r\n" || c == "\r" {
        record.append(field)
        records.append(record)
        record = []
        field = ""
      } else if c == "\n" || c == "\"" {
        throw Malformed()  // RFC 4180 ends records with CRLF; a bare quote must be in quotes
      } else {
        field.append(c)
      }
    }
    guard !quoted, field.isEmpty, record.isEmpty else { throw Malformed() }
    return records
  }
}
