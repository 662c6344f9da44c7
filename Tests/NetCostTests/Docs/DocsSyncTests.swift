import BuiltinSpecs
import Foundation
import NetCost
import Testing

/// Docs and code agree: the layer tables in docs/spec-language.md are the schema, every spec file
/// is built in, every built-in spec is clean, and the README shows real output.
@Suite struct DocsSyncTests {
  /// The Markdown table docs/spec-language.md must hold for `kind`, made from `LayerKind`.
  static func table(for kind: LayerKind) -> String {
    var lines = ["| key | value | default | meaning |", "|---|---|---|---|"]
    for key in kind.keys {
      lines.append(
        "| `\(key.name)` | \(key.type.rawValue) | \(describe(key.defaultValue)) | \(key.doc) |")
    }
    return lines.joined(separator: "\n")
  }

  static func describe(_ value: LayerKind.Default) -> String {
    switch value {
    case .required: "required"
    case .requiredWithout(let other): "required without `\(other)`"
    case .integerWithout(let n, let other): "`\(n)`, none with `\(other)`"
    case .integerWith(let n, let other): "`\(n)`, only with `\(other)`"
    case .absent: "none"
    case .integer(let n): "`\(n)`"
    case .boolean(let b): "`\(b)`"
    case .number(let x): "`\(x)`"
    case .key(let other): "its `\(other)`"
    case .previousLayer: "the layer before"
    case .branches: "the branches"
    case .torchCall(let call): "`\(call.rawValue)`"
    case .reduction(let mode): "`\(mode.rawValue)`"
    }
  }

  /// Everything from `### \`conv\`` to the end of docs/spec-language.md: every kind in schema
  /// order, its line and its key table. `NETCOST_RECORD=1 swift test` rewrites the section.
  @Test func layerKindsSectionIsTheSchema() throws {
    let url = Paths.docs.appendingPathComponent("spec-language.md")
    let doc = try Paths.read(url)
    let expected = LayerKind.allCases.map {
      "### `\($0.rawValue)`\n\n\($0.doc).\n\n\(Self.table(for: $0))\n"
    }.joined(separator: "\n")
    let start = try #require(doc.range(of: "### `conv`")).lowerBound
    if ProcessInfo.processInfo.environment["NETCOST_RECORD"] == "1" {
      try (String(doc[..<start]) + expected).write(to: url, atomically: true, encoding: .utf8)
      return
    }
    #expect(String(doc[start...]) == expected, "run NETCOST_RECORD=1 swift test to rewrite it")
  }

  /// docs/cost-model.md's "Why the tools disagree" holds every convention's rules and ResNet-50's
  /// count under each, as netcost computes them. `NETCOST_RECORD=1 swift test` rewrites them.
  @Test func conventionsSectionIsTheRules() throws {
    let url = Paths.docs.appendingPathComponent("cost-model.md")
    let doc = try Paths.read(url)
    let spec = try Run.spec("resnet50")
    let analyses = try Convention.allCases.map { convention in
      try #require(Pipeline.analyze(spec, convention: convention).value)
    }
    let expected =
      "\n" + ConventionsReport.rulesMarkdown()
      + "\nResNet-50 under each (`netcost conventions resnet50 --format markdown`):\n\n"
      + ConventionsReport.document(analyses).renderedAsMarkdown()
    let begin = "<!-- conventions:begin -->"
    let end = "<!-- conventions:end -->"
    let start = try #require(doc.range(of: begin)).upperBound
    let stop = try #require(doc.range(of: end)).lowerBound
    if ProcessInfo.processInfo.environment["NETCOST_RECORD"] == "1" {
      let text = String(doc[..<start]) + expected + String(doc[stop...])
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    #expect(String(doc[start..<stop]) == expected, "run NETCOST_RECORD=1 swift test to rewrite it")
  }

  /// docs/memory.md's table of what each kind does to memory is the rules'.
  /// `NETCOST_RECORD=1 swift test` rewrites it.
  @Test func memoryRulesAreTheRules() throws {
    let url = Paths.docs.appendingPathComponent("memory.md")
    let doc = try Paths.read(url)
    let expected = "\n" + MemoryRulesReport.markdown()
    let start = try #require(doc.range(of: "<!-- memory-rules:begin -->")).upperBound
    let stop = try #require(doc.range(of: "<!-- memory-rules:end -->")).lowerBound
    if ProcessInfo.processInfo.environment["NETCOST_RECORD"] == "1" {
      let text = String(doc[..<start]) + expected + String(doc[stop...])
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    #expect(String(doc[start..<stop]) == expected, "run NETCOST_RECORD=1 swift test to rewrite it")
  }

  /// docs/diagnostics.md's Limits table names every `Limit` with its value.
  @Test(arguments: Limit.allCases)
  func everyLimitIsDocumented(_ limit: Limit) throws {
    let doc = try Paths.read(Paths.docs.appendingPathComponent("diagnostics.md"))
    let row = "| \(limit.doc) | \(NumberFormat.grouped(limit.value)) |"
    #expect(doc.contains("\n" + row + "\n"), "docs/diagnostics.md must hold the row \(row)")
  }

  @Test func everySpecFileIsBuiltIn() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Paths.specs.path)
      .filter { $0.hasSuffix(".netspec") }.map { String($0.dropLast(".netspec".count)) }
    #expect(Set(files) == Set(BuiltinSpecs.all.map(\.name)))
    let package = try Paths.read(Paths.repoRoot.appendingPathComponent("Package.swift"))
    for name in files { #expect(package.contains(".embedInCode(\"\(name).netspec\")"), "\(name)") }
  }

  /// The embedded text is the file's text: `Specs/` is the one source of truth.
  @Test(arguments: BuiltinSpecs.all.map(\.name))
  func builtinMatchesItsFileAndIsClean(_ name: String) throws {
    let file = try Paths.read(Paths.specs.appendingPathComponent(name + ".netspec"))
    let source = try Run.builtin(name)
    #expect(source.text == file)
    #expect(file.contains("network \"\(name)\""))
    #expect(file.contains("source \""))
    let outcome = Pipeline.analyze(source)
    #expect(outcome.diagnostics.isEmpty)
    #expect(outcome.value?.network == name)
  }

  /// The README's quick-start output is what `netcost mobilenet --alpha 0.75` prints, after
  /// commands that build the release binary and put it on PATH (issue 26), which `.ci/run`
  /// runs as written with a fresh HOME.
  @Test func readmeShowsRealOutput() throws {
    let readme = try Paths.read(Paths.repoRoot.appendingPathComponent("README.md"))
    let output = AnalysisReport.render(try Run.analysis("mobilenet", ["alpha": 0.75]))
    #expect(readme.contains("$ netcost mobilenet --alpha 0.75\n" + output + "```"))
    let quickStart = try #require(
      readme.components(separatedBy: "## Quick start\n").last?
        .components(separatedBy: "\n## ").first)
    let commands = quickStart.split(separator: "\n").filter { $0.hasPrefix("$ ") }
    #expect(
      commands == [
        "$ swift build -c release --static-swift-stdlib",
        "$ mkdir -p ~/.local/bin && cp .build/release/netcost ~/.local/bin/",
        "$ export PATH=\"$HOME/.local/bin:$PATH\"",
        "$ netcost mobilenet --alpha 0.75",
      ])
  }

  /// The README's example spec is valid, and its error example is what netcost prints for it.
  @Test func readmeSpecExampleWorks() throws {
    let readme = try Paths.read(Paths.repoRoot.appendingPathComponent("README.md"))
    let section = try #require(readme.components(separatedBy: "## Writing a spec\n").last)
    let spec = try #require(section.components(separatedBy: "```").dropFirst().first)
      .drop(while: { $0 == "\n" })
    let source = SourceFile(name: "tiny.netspec", text: String(spec))
    let outcome = Pipeline.analyze(source, overrides: ["alpha": 0.5])
    #expect(outcome.diagnostics.isEmpty)
    #expect(outcome.value?.network == "tiny")
    let broken = SourceFile(
      name: "tiny.netspec",
      text: String(spec).replacingOccurrences(of: "\"dw{i}\": dwconv", with: "\"dw{i}\": dwcnv"))
    let rendered = DiagnosticRenderer().render(Pipeline.analyze(broken).diagnostics, in: broken)
    #expect(readme.contains("$ netcost tiny.netspec\n" + rendered + "```"))
  }

  /// Sources a reader can follow (issue 11, item 10): nothing in the README, docs, specs or
  /// sources cites the study notes that are not in this repository; they cite what
  /// the notes cite, the papers, lectures and library docs.
  @Test func noTextCitesNotesOutsideTheRepository() throws {
    let folders = [Paths.docs, Paths.specs, Paths.repoRoot.appendingPathComponent("Sources")]
    var files = [Paths.repoRoot.appendingPathComponent("README.md")]
    for folder in folders {
      let walk = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey])
      while let url = walk?.nextObject() as? URL {
        if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
          files.append(url)
        }
      }
    }
    #expect(files.count > 40)
    for file in files {
      // Keras layers have a `seed` option: what is refused is a citation of the notes.
      let text = try Paths.read(file).lowercased()
      for citation in ["seed note", "seed 00", "the seed", "seeds/"] {
        #expect(!text.contains(citation), "\(file.lastPathComponent) mentions '\(citation)'")
      }
    }
  }

  /// Every function the evaluator knows is documented.
  @Test func functionsAreDocumented() throws {
    let doc = try Paths.read(Paths.docs.appendingPathComponent("spec-language.md"))
    for name in ["int", "floor", "ceil", "round", "min", "max", "make_divisible", "choose"] {
      #expect(doc.contains("`\(name)("), "\(name)")
    }
  }
}

extension DocsSyncTests {
  /// docs/importing.md's example error is what netcost prints for the file it shows.
  @Test func importingExampleIsRealOutput() throws {
    let doc = try Paths.read(Paths.docs.appendingPathComponent("importing.md"))
    let file =
      try #require(doc.components(separatedBy: "where `up.prototxt` is\n\n```\n").last)
      .components(separatedBy: "```").first ?? ""
    let source = SourceFile(name: "up.prototxt", text: file)
    let rendered = DiagnosticRenderer().render(Pipeline.parse(source).diagnostics, in: source)
    #expect(doc.contains("$ netcost up.prototxt\n" + rendered + "```"))
  }
}

extension DocsSyncTests {
  /// docs/importing.md's table of the formats netcost recognises but does not read is the
  /// catalogue's. `NETCOST_RECORD=1 swift test` rewrites it.
  @Test func recognisedFormatsAreTheCatalogue() throws {
    let url = Paths.docs.appendingPathComponent("importing.md")
    let doc = try Paths.read(url)
    let expected = "\n" + RecognisedFormatsReport.markdown()
    let start = try #require(doc.range(of: "<!-- formats:begin -->")).upperBound
    let stop = try #require(doc.range(of: "<!-- formats:end -->")).lowerBound
    if ProcessInfo.processInfo.environment["NETCOST_RECORD"] == "1" {
      let text = String(doc[..<start]) + expected + String(doc[stop...])
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    #expect(String(doc[start..<stop]) == expected, "run NETCOST_RECORD=1 swift test to rewrite it")
  }
}
