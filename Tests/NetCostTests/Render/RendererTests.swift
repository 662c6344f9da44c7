import Foundation
import NetCost
import Testing

/// Whole outputs people and programs read, as golden files, and JSON parsed back.
@Suite struct RendererTests {
  @Test func mobilenetTable() throws {
    expectGolden(
      AnalysisReport.render(try Run.analysis("mobilenet", ["alpha": 0.75])),
      named: "mobilenet-alpha-0.75.txt")
  }

  @Test func googlenetTable() throws {
    expectGolden(AnalysisReport.render(try Run.analysis("googlenet")), named: "googlenet.txt")
  }

  /// The peak under eager PyTorch's rules and a training step with momentum, at batch 32.
  @Test func resnet50Memory() throws {
    let settings = MemorySettings(batch: 32, policy: .pytorch, optimizer: .momentum)
    let a = try #require(Pipeline.analyze(try Run.spec("resnet50"), memory: settings).value)
    expectGolden(AnalysisReport.render(a), named: "resnet50-memory.txt")
  }

  /// The memory keys in JSON: at the top, in the totals and in every row.
  @Test func squeezenetMemoryJSON() throws {
    let settings = MemorySettings(batch: 8, dtype: .fp16, policy: .ideal, optimizer: .adam)
    let a = try #require(Pipeline.analyze(try Run.spec("squeezenet"), memory: settings).value)
    expectGolden(JSONRenderer.render(a), named: "squeezenet-memory.json")
  }

  @Test func alexnetJSON() throws {
    expectGolden(JSONRenderer.render(try Run.analysis("alexnet")), named: "alexnet.json")
  }

  /// A loop's rows, which show the same but for their names, are written once and copied
  /// after their names (issue 25), and a block's rows from the row a block above: each layer
  /// object still carries its own row's name and figures, the live bytes included, which part
  /// rows of the same shape and cost.
  @Test func rowsCopiedFromTheRowAboveCarryTheirOwnFigures() throws {
    let text = """
      input 8 x 8 x 3
      repeat 5 { maxpool kernel = 1 }
      conv filters = 4, kernel = 3, padding = 1
      repeat 4 { conv filters = 4, kernel = 1 }
      repeat 3 {
        conv filters = 6, kernel = 1
        conv filters = 4, kernel = 1
      }
      """
    let spec = Pipeline.parse(SourceFile(name: "loops.netspec", text: text))
    let settings = MemorySettings(batch: 2, dtype: .fp32, policy: .pytorch, optimizer: .adam)
    let a = try #require(Pipeline.analyze(spec, memory: settings).value)
    let copied = a.rows.indices.dropFirst().filter {
      LayerRow.showTheSame(a.rows, $0, $0 - 1, field: true)
    }
    #expect(copied.count >= 4, "\(copied)")
    // The block's rows repeat the row two above: its second and third passes are written from
    // it, but for the last row, whose output is live to the network's end.
    let fromTwoAbove = a.rows.indices.filter {
      LayerRow.nearestShowingTheSame(as: $0, in: a.rows, within: 16, field: true) == $0 - 2
    }
    #expect(fromTwoAbove == Array(a.rows.count - 4..<a.rows.count - 1), "\(fromTwoAbove)")
    let data = Data(JSONRenderer.render(a).utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let layers = try #require(object["layers"] as? [[String: Any]])
    #expect(layers.count == a.rows.count)
    for (layer, row) in zip(layers, a.rows) {
      #expect(layer["name"] as? String == row.name)
      #expect(layer["macs"] as? Int == row.cost.macs, "\(row.name)")
      #expect(layer["activationBytes"] as? Int == row.activationBytes, "\(row.name)")
      #expect(layer["liveBytes"] as? Int == row.liveBytes, "\(row.name)")
      #expect(layer["savedBytes"] as? Int == row.savedBytes, "\(row.name)")
    }
  }

  /// The JSON has exactly the documented keys, integer counts, and parses with Foundation.
  @Test(arguments: ["mobilenet", "googlenet", "squeezenet"])
  func jsonParsesBack(_ name: String) throws {
    let a = try Run.analysis(name)
    let data = Data(JSONRenderer.render(a).utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in ["network", "parameters", "input", "layers", "totals"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    let layers = try #require(object["layers"] as? [[String: Any]])
    #expect(layers.count == a.rows.count)
    for key in ["name", "kind", "output", "params", "macs", "activationBytes"] {
      #expect(layers.allSatisfy { $0[key] != nil }, "layer key \(key)")
    }
    let totals = try #require(object["totals"] as? [String: Any])
    #expect(totals["macs"] as? Int == a.totals.macs)
    #expect(totals["params"] as? Int == a.totals.params)
    #expect(totals["trainableParams"] as? Int == a.totals.trainableParams)
    #expect(totals["nonTrainableParams"] as? Int == a.totals.nonTrainableParams)
    #expect(totals["batchNormParams"] as? Int == a.totals.batchNormParams)
    #expect(totals["activationBytes"] as? Int == a.totals.activationBytes)
  }
}
