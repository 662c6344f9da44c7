import NetCostCore
import NetCostImport
import NetCostRender

/// docs/importing.md's table of the formats netcost recognises but does not read, made from the
/// catalogue itself (`RecognisedFormat.all`), so the two cannot drift apart: each format's
/// signature, and what netcost says of a file of it.
public enum RecognisedFormatsReport {
  public static func markdown() -> String {
    let table = Table(
      columns: [
        Table.Column(title: "the file", alignment: .left),
        Table.Column(title: "netcost says (exit 1)", alignment: .left),
      ],
      rows: RecognisedFormat.all.map { format in
        let refusal = format.refusal(for: example(of: format))
        return [
          .text(format.signature),
          .text("`error: \(refusal.message)`<br>`help: \(refusal.help)`"),
        ]
      })
    return MarkdownRenderer.render(table)
  }

  /// The format's example file: a directory for the formats that are directories.
  static func example(of format: RecognisedFormat) -> FileSample {
    FileSample(path: format.example, head: [], isDirectory: !format.entries.isEmpty)
  }
}
