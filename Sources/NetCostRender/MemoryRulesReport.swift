import NetCostCore

/// docs/memory.md's table of what each kind of layer does to memory, made from the rules
/// themselves (`LayerKind.effect`, `LayerKind.savedDoc`) so the two cannot drift apart.
public enum MemoryRulesReport {
  public static func markdown() -> String {
    func effect(_ kind: LayerKind, _ policy: MemoryPolicy, training: Bool) -> String {
      let inPlace = kind.inPlaceDefault ?? false
      let text = kind.effect(policy: policy, training: training, inPlace: inPlace).rawValue
      let other = kind.effect(policy: policy, training: training, inPlace: !inPlace).rawValue
      guard policy == .pytorch, kind.inPlaceDefault != nil, other != text else { return text }
      return text + " (`inplace = \(!inPlace)`: " + other + ")"
    }
    let table = Table(
      columns: [
        Table.Column(title: "kind", alignment: .left),
        Table.Column(title: "ideal", alignment: .left),
        Table.Column(title: "pytorch, eval", alignment: .left),
        Table.Column(title: "pytorch, training", alignment: .left),
        Table.Column(title: "autograd saves", alignment: .left),
      ],
      rows: LayerKind.allCases.map { kind in
        [
          .text("`\(kind.rawValue)`"), .text(effect(kind, .ideal, training: false)),
          .text(effect(kind, .pytorch, training: false)),
          .text(effect(kind, .pytorch, training: true)), .text(kind.savedDoc),
        ]
      })
    return MarkdownRenderer.render(table)
  }
}
