import Foundation
import Testing

/// The targets' imports are the architecture: docs/architecture.md's table of targets says what
/// each target may import, and every source file's imports and Package.swift's dependencies must
/// agree with it. Adding `import NetCostAnalysis` to a file of the spec language fails here.
@Suite struct ArchitectureTests {
  /// A source file of a target.
  typealias File = (target: String, path: String, text: String)

  /// One row of the table: a target, its folder, and the targets it may import.
  struct Target: Equatable {
    var name: String
    var path: String
    var mayImport: Set<String>
  }

  /// The "Targets" table of docs/architecture.md, in its order.
  static func documented() throws -> [Target] {
    let text = try Paths.read(Paths.docs.appendingPathComponent("architecture.md"))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let heading = lines.firstIndex(of: "## Targets") else {
      throw Run.Failure(description: "docs/architecture.md has no '## Targets' section")
    }
    var targets: [Target] = []
    for line in lines[(heading + 1)...] {
      if line.hasPrefix("## ") { break }
      guard line.hasPrefix("| `") else { continue }
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count >= 3, let last = cells.last else { continue }
      let named = codeSpans(in: cells[0])
      guard named.count == 2 else {
        throw Run.Failure(description: "a target row names no `target` and `folder`: \(line)")
      }
      targets.append(Target(name: named[0], path: named[1], mayImport: Set(codeSpans(in: last))))
    }
    return targets
  }

  /// The text between backticks, in order.
  static func codeSpans(in text: String) -> [String] {
    text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
      .filter { $0.offset % 2 == 1 }.map { String($0.element) }
  }

  /// The modules a Swift file imports, whatever the attributes, access level or kind of import
  /// (`@_exported import A`, `package import B`, `import struct C.D`), inside `#if` too.
  static func imports(in source: String) -> [String] {
    let modifiers: Set<Substring> = [
      "public", "package", "internal", "fileprivate", "private", "struct", "class", "enum",
      "protocol", "typealias", "func", "var", "let",
    ]
    return source.split(separator: "\n").compactMap { line in
      var words = line.split(separator: " ").drop { $0.hasPrefix("@") }
      guard words.first.map({ modifiers.contains($0) || $0 == "import" }) == true else {
        return nil
      }
      words = words.drop { modifiers.contains($0) }
      guard words.first == "import",
        let module = words.dropFirst().drop(while: modifiers.contains).first
      else { return nil }
      return String(module.prefix { $0 != "." })
    }
  }

  /// Each file's imports of this package's targets that its target's row does not allow, as
  /// "file imports X".
  static func violations(of targets: [Target], files: [File]) -> [String] {
    let rows = Dictionary(uniqueKeysWithValues: targets.map { ($0.name, $0) })
    return files.flatMap { file -> [String] in
      guard let row = rows[file.target] else { return ["\(file.path): no row for \(file.target)"] }
      return imports(in: file.text)
        .filter { rows[$0] != nil && $0 != file.target && !row.mayImport.contains($0) }
        .map { "\(file.path) imports \($0), which \(file.target) may not import" }
    }
  }

  /// Every Swift file of the documented targets, with its target.
  static func sources(of targets: [Target]) throws -> [File] {
    var files: [File] = []
    for target in targets {
      let folder = Paths.repoRoot.appendingPathComponent(target.path)
      let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        guard url.pathExtension == "swift" else { continue }
        let path = target.path + "/" + url.path.dropFirst(folder.path.count + 1)
        files.append((target.name, path, try Paths.read(url)))
      }
    }
    return files
  }

  /// Package.swift's targets other than tests, with the targets each depends on.
  static func declared() throws -> [String: Set<String>] {
    let package = try Paths.read(Paths.repoRoot.appendingPathComponent("Package.swift"))
    var targets: [String: Set<String>] = [:]
    var rest = package[...]
    while let start = rest.range(of: "\n    .") {
      rest = rest[start.upperBound...]
      guard let open = rest.firstIndex(of: "(") else { break }
      let kind = rest[..<open]
      // The call up to its closing parenthesis.
      var depth = 0
      var end = open
      for index in rest[open...].indices {
        if rest[index] == "(" { depth += 1 }
        if rest[index] == ")" { depth -= 1 }
        if depth == 0 {
          end = index
          break
        }
      }
      let call = rest[open...end]
      rest = rest[end...]
      guard kind == "target" || kind == "executableTarget",
        let name = call.firstMatch(of: /name: "(\w+)"/)?.1
      else { continue }
      let dependencies = call.firstMatch(of: /dependencies: \[([^\]]*)\]/)?.1 ?? ""
      targets[String(name)] = Set(dependencies.matches(of: /"(\w+)"/).map { String($0.1) })
    }
    return targets
  }

  @Test func everyImportIsOneTheTableAllows() throws {
    let targets = try Self.documented()
    let files = try Self.sources(of: targets)
    for target in targets {
      #expect(files.contains { $0.target == target.name }, "no files found for \(target.name)")
    }
    #expect(Self.violations(of: targets, files: files) == [])
  }

  @Test func packageDependenciesAreTheTable() throws {
    let targets = try Self.documented()
    let declared = try Self.declared()
    #expect(Set(declared.keys) == Set(targets.map(\.name)), "Package.swift's targets")
    for target in targets {
      #expect(declared[target.name] == target.mayImport, "\(target.name)'s dependencies")
    }
  }

  /// Every folder of Sources/ is a documented target, so none escapes the check.
  @Test func everySourceFolderIsATarget() throws {
    let documented = Set(try Self.documented().map(\.path))
    let folders = try FileManager.default.contentsOfDirectory(
      atPath: Paths.repoRoot.appendingPathComponent("Sources").path)
    for folder in folders where !folder.hasPrefix(".") {
      #expect(documented.contains("Sources/" + folder), "Sources/\(folder)")
    }
  }

  /// Neither the library nor the binary imports Foundation: for three math functions it once
  /// made the static binary 80 MB instead of 22 and every command 10 % slower (docs/performance.md).
  @Test func noSourceImportsFoundation() throws {
    let files = try Self.sources(of: try Self.documented())
    let foundation = files.filter { file in
      Self.imports(in: file.text).contains { $0 == "Foundation" || $0.hasPrefix("Foundation") }
    }
    #expect(foundation.map(\.path) == [])
  }

  /// The layering the table gives: the stages never import each other but as drawn.
  @Test func theStagesAreLayered() throws {
    let rows = Dictionary(uniqueKeysWithValues: try Self.documented().map { ($0.name, $0) })
    #expect(rows["NetCostCore"]?.mayImport == [])
    for stage in ["NetCostSpec", "NetCostImport", "NetCostAnalysis"] {
      #expect(rows[stage]?.mayImport == ["NetCostCore"], "\(stage)")
    }
    #expect(rows["NetCostRender"]?.mayImport == ["NetCostCore", "NetCostAnalysis"])
  }

  /// The check itself: an import the table forbids is found, in any form.
  @Test func aForbiddenImportIsFound() throws {
    let targets = try Self.documented()
    let file: File = (
      target: "NetCostSpec", path: "Sources/NetCostSpec/Example.swift",
      text: """
      import NetCostCore
      @testable import NetCostRender
      #if canImport(Glibc)
        public import NetCostAnalysis
      #endif
      import struct NetCostImport.ZipArchive
      // import NetCost
      """
    )
    let forbidden = ["NetCostRender", "NetCostAnalysis", "NetCostImport"].map {
      "\(file.path) imports \($0), which NetCostSpec may not import"
    }
    #expect(Self.violations(of: targets, files: [file]) == forbidden)
  }
}
