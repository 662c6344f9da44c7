import BuiltinSpecs
import NetCost
import Testing

/// Test helpers that run the whole pipeline.
enum Run {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func builtin(_ name: String) throws -> SourceFile {
    guard let spec = BuiltinSpecs.all.first(where: { $0.name == name }) else {
      throw Failure(description: "no built-in network '\(name)'")
    }
    return SourceFile(name: "\(name).netspec", text: spec.text)
  }

  /// Every built-in network: each family at its defaults, then each variant it declares.
  static let builtinNames: [String] = BuiltinSpecs.all.flatMap { family in
    [family.name]
      + Pipeline.parse(SourceFile(name: family.name + ".netspec", text: family.text)).variants
  }

  /// A built-in network by its exact name: a family's spec, or a variant one declares.
  static func spec(_ name: String) throws -> Pipeline.ParsedSpec {
    if BuiltinSpecs.all.contains(where: { $0.name == name }) {
      return Pipeline.parse(try builtin(name))
    }
    for family in BuiltinSpecs.all {
      var spec = Pipeline.parse(try builtin(family.name))
      if spec.variants.contains(name) {
        spec.variant = name
        return spec
      }
    }
    throw Failure(description: "no built-in network '\(name)'")
  }

  /// The analysis of a built-in network, failing the test with the rendered diagnostics if any.
  static func analysis(_ name: String, _ overrides: [String: Double] = [:]) throws -> Analysis {
    try analysis(of: spec(name), overrides)
  }

  static func analysis(
    of source: SourceFile, _ overrides: [String: Double] = [:]
  ) throws -> Analysis {
    try analysis(of: Pipeline.parse(source), overrides)
  }

  static func analysis(
    of spec: Pipeline.ParsedSpec, _ overrides: [String: Double] = [:]
  ) throws -> Analysis {
    let outcome = Pipeline.analyze(spec, overrides: overrides)
    guard let analysis = outcome.value else {
      throw Failure(
        description: DiagnosticRenderer().render(outcome.diagnostics, in: spec.source)
          + outcome.parameterErrors.map(\.message).joined(separator: "\n"))
    }
    return analysis
  }

  /// The diagnostics for a spec's text, as (message, location) pairs.
  static func diagnostics(_ text: String) -> [Diagnostic] {
    Pipeline.analyze(SourceFile(name: "test.netspec", text: text)).diagnostics
  }
}

extension Analysis {
  func row(_ name: String) throws -> LayerRow {
    guard let row = rows.first(where: { $0.name == name }) else {
      throw Run.Failure(description: "no row '\(name)' in \(network)")
    }
    return row
  }
}
