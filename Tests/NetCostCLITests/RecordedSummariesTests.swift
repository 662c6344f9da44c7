import Foundation
import NetCost
import Testing

@testable import NetCostCLI

/// `netcost list` reads the built-ins' totals from `RecordedSummaries.swift`; this keeps that file
/// what the analyses give (`NETCOST_RECORD=1 swift test` remakes it).
@Suite struct RecordedSummariesTests {
  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Sources/NetCostCLI/RecordedSummaries.swift").standardized

  @Test func recordedSummariesAreCurrent() throws {
    var fingerprints: [(String, UInt64)] = []
    var summaries: [NetworkSummary] = []
    for (family, text, variants) in SpecCatalog.listedFamilies() {
      fingerprints.append((family, SpecCatalog.fingerprint(text)))
      let parsed = try #require(SpecCatalog.builtin(family)).parsed
      for variant in variants {
        var one = parsed
        one.variant = variant
        let analysis = try #require(Pipeline.analyze(one).value, "\(family) \(variant ?? "")")
        summaries.append(NetworkSummary(family: family, analysis: analysis))
      }
    }
    let expected = Self.source(fingerprints: fingerprints, summaries: summaries)
    if ProcessInfo.processInfo.environment["NETCOST_RECORD"] == "1" {
      try expected.write(to: Self.file, atomically: true, encoding: .utf8)
    }
    let recorded = try String(contentsOf: Self.file, encoding: .utf8)
    #expect(recorded == expected, "run NETCOST_RECORD=1 swift test to remake it")
    let same = SpecCatalog.recordedSummaries == summaries
    #expect(same)
    // Every built-in network is listed: 98 of them with issue 27's 31 on 2026-12-03.
    #expect(summaries.count == SpecCatalog.listedFamilies().map(\.variants.count).reduce(0, +))
  }

  /// A family whose text is not the recorded one is analysed afresh: with no fingerprint
  /// recorded, every family is, and the list is the recorded one.
  @Test func aChangedSpecIsAnalysedAfresh() {
    let (fresh, stderr) = SpecCatalog.summaries(context: .live(), fingerprints: [:])
    let same = fresh == SpecCatalog.recordedSummaries
    #expect(same)
    #expect(stderr.isEmpty)
    // FNV-1a's published test vector: "a" → 0xaf63dc4c8601ec8c.
    #expect(SpecCatalog.fingerprint("a") == 0xaf63_dc4c_8601_ec8c)
  }

  static func source(fingerprints: [(String, UInt64)], summaries: [NetworkSummary]) -> String {
    func literal(_ text: String) -> String {
      "\""
        + text.unicodeScalars.map { scalar -> String in
          switch scalar {
          case "\\": "\\\\"
          case "\"": "\\\""
          case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            "\\u{" + String(scalar.value, radix: 16) + "}"
          default: String(scalar)
          }
        }.joined() + "\""
    }
    func optional(_ text: String?) -> String { text.map(literal) ?? "nil" }
    var out = """
      // swift-format-ignore-file
      // Recorded from the built-in specs' analyses by `NETCOST_RECORD=1 swift test --filter
      // recordedSummariesAreCurrent`, which fails when this file is not what the analyses give.
      import NetCost

      extension SpecCatalog {
        static let recordedFingerprints: [String: UInt64] = [

      """
    for (family, hash) in fingerprints {
      out += "    \(literal(family)): 0x\(String(hash, radix: 16)),\n"
    }
    out += "  ]\n\n  static let recordedSummaries: [NetworkSummary] = [\n"
    for s in summaries {
      let parameters = s.parameters.map { ".init(name: \(literal($0.name)), value: \($0.value))" }
      let t = s.totals
      // One line per network: the file is data, read by no one but the compiler and this test.
      out +=
        "    .init(network: \(literal(s.network)), family: \(literal(s.family)), "
        + "library: \(optional(s.library)), title: \(optional(s.title)), "
        + "input: Shape(\(s.input.height), \(s.input.width), \(s.input.channels)), "
        + "parameters: [\(parameters.joined(separator: ", "))], "
        + "totals: Totals(params: \(t.params), nonTrainableParams: \(t.nonTrainableParams), "
        + "batchNormParams: \(t.batchNormParams), biases: \(t.biases), macs: \(t.macs), "
        + "activationBytes: \(t.activationBytes)"
        + (t.activationMatmulMacs == 0 ? "" : ", activationMatmulMacs: \(t.activationMatmulMacs)")
        + ")),\n"
    }
    return out + "  ]\n}\n"
  }
}
