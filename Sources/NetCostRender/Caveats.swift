import NetCostAnalysis
import NetCostCore

/// What a model file can claim of its counts, and what an analysis of it cannot know, said
/// beside the figures it would change (issue 23): the one place these words live, for the
/// table, Markdown, JSON and `--explain`.
extension Provenance {
  /// What the trainable count is, as the totals say it.
  var trainableRemark: String {
    switch self {
    case .spec: "what PyTorch counts"
    case .framework(let name): "what \(name) counts"
    case .layerFile: "what the file's layers hold"
    case .inferenceGraph: "the weights in the file; an exporter may have folded batch norm away"
    }
  }
}

public enum Caveats {
  /// What an inference graph leaves out of the figures asked for: the training step of a graph
  /// whose exporter folded batch norm and removed dropout, and the count of a tool that hooks
  /// the modules PyTorch calls. Empty for a spec and a framework's own record.
  public static func of(_ analysis: Analysis) -> [String] {
    guard case .inferenceGraph(let format) = analysis.provenance else { return [] }
    var caveats: [String] = []
    if analysis.convention.countsByModule {
      caveats.append(byModule(analysis.convention.tool, counts: "counts", format: format))
    }
    if analysis.memory?.training != nil {
      caveats.append(
        "the training step walks the \(format) inference graph as the file holds it: batch norm "
          + "the exporter folded into the convolutions and dropout it removed save nothing here, "
          + "so PyTorch's training step of the model keeps more; for PyTorch's figure, export "
          + "the model in train mode with torch.export.save and analyse the .pt2 "
          + "(docs/memory.md)")
    }
    return caveats
  }

  /// The `conventions` command's word on an inference graph: every tool that counts by module.
  public static func conventions(_ provenance: Provenance) -> [String] {
    guard case .inferenceGraph(let format) = provenance else { return [] }
    let tools = Convention.allCases.filter(\.countsByModule).map(\.rawValue)
    let list = tools.dropLast().joined(separator: ", ") + " and " + (tools.last ?? "")
    return [byModule(list, counts: "count", format: format)]
  }

  private static func byModule(_ tools: String, counts: String, format: String) -> String {
    "\(tools) \(counts) by the modules and functions PyTorch calls, which an \(format) graph "
      + "does not record: each operator is taken as the module that would run it, and what the "
      + "exporter folded away (batch norm) is not there, so a tool's figure on the original "
      + "model may differ"
  }
}
