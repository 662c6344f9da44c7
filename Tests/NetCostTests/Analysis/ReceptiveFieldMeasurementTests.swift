import BuiltinSpecs
import Testing

@testable import NetCost
@testable import NetCostAnalysis
@testable import NetCostCore

/// Every built-in network's receptive fields against a measurement by back-propagation (issue
/// 24): Tests/Fixtures/receptive-field/measure_fields.py builds each network's graph in PyTorch,
/// and for the first, middle and last unit of every row records where in the image the gradient
/// is non-zero (fields.tsv). A local field of size r, stride j and padding p puts unit u's field at
/// −p + u·j … −p + u·j + r − 1, which the image's start and the field's reach clip to what the
/// gradient shows; a global field is the whole image at every unit. So each row's size, stride,
/// padding, reach and global mark are all checked, at three places, on both axes.
@Suite struct ReceptiveFieldMeasurementTests {
  struct Measured {
    var row: String
    var height: Int
    var width: Int
    /// "h0-h1,w0-w1" for the first, middle and last unit.
    var boxes: [String]
  }

  static let measured: [String: [Measured]] = {
    guard
      let text = try? Paths.read(
        Paths.fixtures.appendingPathComponent("receptive-field/fields.tsv"))
    else { return [:] }
    var networks: [String: [Measured]] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let cells = line.split(separator: "\t").map(String.init)
      guard cells.count == 7, let h = Int(cells[2]), let w = Int(cells[3]) else { continue }
      networks[cells[0], default: []].append(
        Measured(row: cells[1], height: h, width: w, boxes: Array(cells[4...])))
    }
    return networks
  }()

  /// The image's rows a unit sees on one axis, as the gradient shows them.
  static func span(_ axis: ReceptiveField.Axis, unit: Int, image: Int) -> String {
    let start = unit * axis.stride - axis.padding
    let end = start + axis.size - 1
    return "\(max(start, 0))-\(min(end, axis.reach, image - 1))"
  }

  static func boxes(_ field: ReceptiveField, output: Shape, image: Shape) -> [String] {
    let units = [
      (0, 0), (output.height / 2, output.width / 2), (output.height - 1, output.width - 1),
    ]
    return units.map { u, v in
      if field.global { return "0-\(image.height - 1),0-\(image.width - 1)" }
      return span(field.height, unit: u, image: image.height) + ","
        + span(field.width, unit: v, image: image.width)
    }
  }

  /// The networks `netcost list` shows: every variant, and each family that declares none (a
  /// family with variants is analysed by their names). Those with a tensor that is not a map (a
  /// transformer's tokens, MaxViT's windows) have no field past it: measure_fields.py leaves them
  /// out.
  static let networks: [String] = {
    let families = Set(
      BuiltinSpecs.all.filter {
        !Pipeline.parse(SourceFile(name: $0.name + ".netspec", text: $0.text)).variants.isEmpty
      }.map(\.name))
    return Run.builtinNames.filter { !families.contains($0) }.filter { name in
      (try? Run.analysis(name))?.rows.allSatisfy(\.output.isMap) ?? true
    }
  }()

  @Test func everyBuiltinIsMeasured() {
    #expect(Set(Self.measured.keys) == Set(Self.networks))
  }

  @Test(arguments: networks)
  func fieldsEqualTheMeasurement(_ network: String) throws {
    let analysis = try Run.analysis(network)
    let rows = try #require(Self.measured[network])
    #expect(rows.count == analysis.rows.count)
    for measured in rows {
      let row = try analysis.row(measured.row)
      #expect(row.output.height == measured.height && row.output.width == measured.width)
      let field = try #require(row.receptiveField, "\(network) \(measured.row) has no field")
      #expect(
        Self.boxes(field, output: row.output, image: analysis.input) == measured.boxes,
        "\(network) \(measured.row)")
    }
  }

  /// The networks with squeeze-and-excitation: every row from the first SE block's product on is
  /// global, and no local field is wider than the image with its effective padding.
  @Test(arguments: ["efficientnet_b0", "mobilenet-v3-large", "regnet_y_400mf"])
  func globalAfterTheFirstExcitation(_ network: String) throws {
    let analysis = try Run.analysis(network)
    let first = try #require(analysis.rows.firstIndex { $0.kind == .multiply })
    for row in analysis.rows[first...] {
      #expect(row.receptiveField?.global == true, "\(network) \(row.name)")
    }
    for row in analysis.rows {
      guard let field = row.receptiveField, field.hasLocalPath else { continue }
      let padded = analysis.input.height + 2 * field.height.padding
      #expect(field.height.size <= padded, "\(network) \(row.name)")
    }
  }
}
