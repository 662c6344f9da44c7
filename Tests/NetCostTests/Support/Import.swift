import Foundation
import Testing

@testable import NetCost
@testable import NetCostAnalysis
@testable import NetCostCore

/// Helpers for the import tests: fixtures read from `Tests/Fixtures`, and every layer's output
/// shape (not only each row's), as the frameworks list them.
enum Fixture {
  static func source(_ path: String) throws -> SourceFile {
    SourceFile(
      name: path, text: try Paths.read(Paths.fixtures.appendingPathComponent(path)))
  }

  static func bytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: Paths.fixtures.appendingPathComponent(path)))
  }

  /// The network a fixture imports to, failing the test with its diagnostic if it does not.
  static func network(_ path: String, _ overrides: [String: Double] = [:]) throws -> Network {
    let source = try source(path)
    let outcome = Pipeline.resolve(Pipeline.parse(source), overrides: overrides)
    guard let network = outcome.value else {
      throw Run.Failure(
        description: DiagnosticRenderer().render(outcome.diagnostics, in: source))
    }
    return network
  }

  static func analysis(_ path: String, _ overrides: [String: Double] = [:]) throws -> Analysis {
    let source = try source(path)
    let outcome = Pipeline.analyze(Pipeline.parse(source), overrides: overrides)
    guard let analysis = outcome.value else {
      throw Run.Failure(
        description: DiagnosticRenderer().render(outcome.diagnostics, in: source))
    }
    return analysis
  }

  /// Every layer's output shape by name, computed as the analyzer computes it.
  static func layerShapes(_ network: Network) throws -> [String: Shape] {
    var outputs: [Shape] = []
    var byName: [String: Shape] = [:]
    for layer in network.layers {
      let inputs = layer.inputs.map { input -> Shape in
        switch input {
        case .network: network.input
        case .layer(let i): outputs[i]
        }
      }
      let shape = try layer.operation.outputShape(for: inputs + layer.learned)
      outputs.append(shape)
      byName[layer.name] = shape
    }
    return byName
  }
}
