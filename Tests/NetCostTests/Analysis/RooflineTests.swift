import NetCost
import Testing

/// The roofline bound per row (issue 15): bytes moved, MACs per byte, the bound and its time.
@Suite struct RooflineTests {
  static func roofline(
    _ name: String, _ device: Roofline.Device, _ settings: MemorySettings
  ) throws -> (Analysis, Roofline) {
    let a = try #require(Pipeline.analyze(try Run.spec(name), memory: settings).value)
    return (a, try #require(Roofline(a, device: device)))
  }

  /// MobileNet's conv1 at batch 64, fp16, on a T4 (data sheet: 65 TFLOP/s at fp16, 320 GB/s):
  /// it moves the input 224·224·3, the output 112·112·32 (both ·64·2 B) and 992 weights ·2 B,
  /// 70,649,792 B, in no less than 70,649,792 / 320e9 s = 220.78 µs; its 10,838,016·64 MACs take
  /// 21.3 µs at the peak, so memory bounds it.
  @Test func mobilenetConv1OnAT4() throws {
    let t4 = try #require(Roofline.Device.named.first { $0.name == "t4" })
    let (a, r) = try Self.roofline("mobilenet", t4, MemorySettings(batch: 64, dtype: .fp16))
    let conv1 = r.rows[0]
    #expect(a.rows[0].name == "conv1")
    #expect(conv1.bytes == (224 * 224 * 3 + 112 * 112 * 32) * 64 * 2 + 992 * 2)
    #expect(conv1.bytes == 70_649_792)
    #expect(!conv1.computeBound)
    #expect(abs(conv1.seconds - 70_649_792 / 320e9) < 1e-12)
    #expect(abs(conv1.intensity - 10_838_016 * 64 / 70_649_792.0) < 1e-9)
    #expect(abs(r.seconds - r.rows.reduce(0) { $0 + $1.seconds }) < 1e-15)
    // The ridge: 65e12 / 2 / 320e9 MACs per byte.
    #expect(abs(r.ridge - 101.5625) < 1e-9)
  }

  /// A device slow at arithmetic and fast at memory makes every row with MACs compute-bound, at
  /// 2·MACs / peak.
  @Test func computeBound() throws {
    let device = Roofline.Device(
      name: "slow", source: "test",
      peak: Dictionary(uniqueKeysWithValues: DataType.allCases.map { ($0, 1e9) }), bandwidth: 1e15)
    let (a, r) = try Self.roofline("vgg16", device, .standard)
    for (row, bound) in zip(a.rows, r.rows) where row.cost.macs > 0 {
      #expect(bound.computeBound)
      #expect(abs(bound.seconds - 2 * Double(row.cost.macs) / 1e9) < 1e-9)
    }
  }

  /// A data type the device's data sheet gives no peak for is refused.
  @Test func noPeakForTheType() throws {
    let t4 = try #require(Roofline.Device.named.first { $0.name == "t4" })
    let a = try #require(
      Pipeline.analyze(try Run.spec("mobilenet"), memory: MemorySettings(dtype: .bf16)).value)
    #expect(Roofline(a, device: t4) == nil)
  }
}
