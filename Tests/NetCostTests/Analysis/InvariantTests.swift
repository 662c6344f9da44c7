import NetCost
import Testing

/// Properties every analysis must have, over every built-in network and a spread of parameters
/// (torchinfo's `assert_sum_column_totals_match`).
@Suite struct InvariantTests {
  static let networks = Run.builtinNames

  @Test(arguments: networks)
  func rowsSumToTotals(_ name: String) throws {
    let a = try Run.analysis(name)
    #expect(a.rows.reduce(0) { $0 + $1.cost.params } == a.totals.params)
    #expect(a.rows.reduce(0) { $0 + $1.cost.macs } == a.totals.macs)
    #expect(a.rows.reduce(0) { $0 + $1.cost.nonTrainableParams } == a.totals.nonTrainableParams)
    #expect(a.rows.reduce(0) { $0 + $1.activationBytes } == a.totals.activationBytes)
    #expect(a.totals.trainableParams + a.totals.nonTrainableParams == a.totals.params)
  }

  /// In a plain chain each row reads what the row before it wrote.
  @Test(arguments: ["alexnet", "alexnet-2012", "vgg16", "mobilenet"])
  func chainedRowsConnect(_ name: String) throws {
    let a = try Run.analysis(name)
    var previous = a.input
    for row in a.rows {
      #expect(row.inputs == [previous], "\(row.name)")
      previous = row.output
    }
  }

  /// Every row's activation memory is its output at 4 bytes per value; a row that runs only in
  /// training has none, and no MACs.
  @Test(arguments: networks)
  func memoryIsOutputAtFp32(_ name: String) throws {
    for row in try Run.analysis(name).rows {
      let bytes = (row.output.elementCount ?? 0) * 4
      #expect(row.activationBytes == (row.trainingOnly ? 0 : bytes), "\(row.name)")
      if row.trainingOnly { #expect(row.cost.macs == 0, "\(row.name)") }
    }
  }

  /// MACs and params never fall when α or the resolution grows.
  @Test func costGrowsWithAlphaAndResolution() throws {
    var previous = 0
    for alpha in stride(from: 0.1, through: 1.0, by: 0.05) {
      let macs = try Run.analysis("mobilenet", ["alpha": alpha]).totals.macs
      #expect(macs >= previous, "alpha \(alpha)")
      previous = macs
    }
    previous = 0
    for resolution in stride(from: 32, through: 320, by: 16) {
      let macs = try Run.analysis("mobilenet", ["resolution": Double(resolution)]).totals.macs
      #expect(macs >= previous, "resolution \(resolution)")
      previous = macs
    }
  }

  /// The paper's scaling law: the body scales by α² (eq. 6) and ρ² (eq. 7); the first conv and the
  /// classifier do not scale with α, so the ratio sits a little above α².
  @Test func widthMultiplierScalesRoughlyByAlphaSquared() throws {
    let full = Double(try Run.analysis("mobilenet").totals.macs)
    for alpha in [0.75, 0.5, 0.25] {
      let ratio = Double(try Run.analysis("mobilenet", ["alpha": alpha]).totals.macs) / full
      #expect(ratio >= alpha * alpha && ratio < alpha * alpha * 1.2, "alpha \(alpha): \(ratio)")
    }
  }
}
