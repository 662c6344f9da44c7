import BuiltinSpecs
import NetCost

/// `netcost list`'s lines, without analysing seventy-odd networks on each call: each built-in
/// family's networks are recorded (`RecordedSummaries.swift`) with the fingerprint of the spec
/// text they were analysed from, and a family whose text differs is analysed afresh. A test
/// fails when the recording is not what the analyses give (it is remade with `NETCOST_RECORD=1`).
extension SpecCatalog {
  /// Every built-in network in `list`'s order, and the diagnostics of those that fail.
  static func summaries(
    context: Context, fingerprints: [String: UInt64] = recordedFingerprints
  ) -> (summaries: [NetworkSummary], stderr: String) {
    let recorded = Dictionary(grouping: recordedSummaries, by: \.family)
    // Each listed network's line, in order: recorded ones now, the others once analysed.
    var lines: [NetworkSummary?] = []
    var stale: [(line: Int, family: String, spec: Pipeline.ParsedSpec)] = []
    for (family, text, variants) in listedFamilies() {
      if fingerprints[family] == fingerprint(text), let found = recorded[family],
        found.count == variants.count
      {
        lines += found.map { $0 }
        continue
      }
      guard let parsed = builtin(family)?.parsed else { continue }
      for variant in variants {
        var spec = parsed
        spec.variant = variant
        stale.append((lines.count, family, spec))
        lines.append(nil)
      }
    }
    var stderr = ""
    for (item, outcome) in zip(stale, Pipeline.analyzeEach(stale.map(\.spec))) {
      if let analysis = outcome.value {
        lines[item.line] = NetworkSummary(family: item.family, analysis: analysis)
      } else {
        stderr += Report.diagnostics(outcome.diagnostics, in: item.spec.source, context: context)
      }
    }
    return (lines.compactMap { $0 }, stderr)
  }

  /// The families in order, each with its text and the networks `list` shows of it: its
  /// variants (as `networks` read them), or the family itself (nil) when it declares none.
  static func listedFamilies() -> [(family: String, text: String, variants: [String?])] {
    BuiltinSpecs.all.map { spec in
      let variants = networks.filter { $0.family == spec.name && $0.variant != nil }.map(\.variant)
      return (spec.name, spec.text, variants.isEmpty ? [nil] : variants)
    }
  }

  /// FNV-1a over the text's UTF-8: the fingerprint a recording is checked against.
  static func fingerprint(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return hash
  }
}
