import NetCostCore

/// How the tools count a transposed convolution (Tests/Fixtures/conventions/measure_layers.py):
/// the papers, fvcore, ptflops and FlopCounterMode apply every weight at every input position;
/// torchinfo and thop at every output position; calflops divides a grouped one's filters by the
/// groups twice and counts its bias, C_out / g values, over the output a convolution of that
/// kernel would make.
extension ConventionRule {
  /// torchinfo's and thop's: weights × output positions instead of input positions.
  static func transposedAtOutputs(source: String) -> ConventionRule {
    ConventionRule(
      name: "transposed conv at output positions",
      counts: "every weight of a transposed convolution at every output position, not input one",
      source: source,
      term: { l throws(LayerError) in
        guard case .transposedConvolution = l.operation, let input = l.inputs.first,
          let inputs = input.positions, inputs > 0, let outputs = l.output.positions
        else { return nil }
        return try product([l.cost.macs / inputs, outputs]) - l.cost.macs
      })
  }

  /// calflops 0.3.2's _conv_trans_flops_compute: C_out taken from the weight (already C_out/g)
  /// and divided by g again; the bias at each position of the convolution's output size,
  /// ⌊(n + 2p − d·(k − 1) − 1) / s⌋ + 1 per side, not the transposed one's.
  static let calflopsTransposed = ConventionRule(
    name: "transposed conv",
    counts: "2 per MAC with the filters per group divided by the groups again, and 1 per bias "
      + "at each position of a convolution's output size",
    source: "calflops 0.3.2 pytorch_ops.py _conv_trans_flops_compute",
    term: { l throws(LayerError) in
      guard case .transposedConvolution(let conv, _) = l.operation, let input = l.inputs.first,
        (2...4).contains(input.rank)
      else { return nil }
      let groups = conv.groupCount(input: input)
      let channels = l.output.channels
      // 2·macs·(1/g − 1): the MACs over again with the filters per group divided by g.
      let perGroup = channels / max(groups, 1)
      let seen = perGroup == 0 ? 0 : l.cost.macs / perGroup * (perGroup / max(groups, 1))
      var term = try product([2, seen - l.cost.macs])
      if conv.bias {
        var pad = Extent.square(0)
        if case .explicit(let e) = conv.padding { pad = e }
        let (k, s, d) = (conv.kernel, conv.stride, conv.dilation)
        // Each side's size, kernel, stride, dilation and padding: a sequence's length, a map's
        // height and width, a volume's depth too.
        let height = (k.height, s.height, d.height, pad.height)
        let width = (k.width, s.width, d.width, pad.width)
        let sides: [(Int, (Int, Int, Int, Int))] =
          switch input.rank {
          case 2: [(input[0], width)]
          case 3: [(input[0], height), (input[1], width)]
          default:
            [
              (
                input[0],
                (k.depth(absent: 1), s.depth(absent: 1), d.depth(absent: 1), pad.depth(absent: 0))
              ),
              (input[1], height), (input[2], width),
            ]
          }
        var positions = 1
        for (n, (k, s, d, p)) in sides {
          let span = try sum(n, product([2, p])) - (try sum(product([d, k - 1]), 1))
          // Python's floor division, which rounds a negative span down.
          let floor = span >= 0 ? span / s : -((-span + s - 1) / s)
          positions = try product([positions, floor + 1])
        }
        // C_out from the weight's second axis: C_out / g.
        term = try sum(term, product([channels / max(groups, 1), positions]))
      }
      return term
    })
}
