import NetCostCore

/// A roofline bound per row (Williams, Waterman & Patterson, "Roofline", CACM 2009): a row can
/// run no faster than its arithmetic at the device's peak, nor than its bytes at the device's
/// memory bandwidth. The larger of the two is a lower bound on its time, not a prediction: caches,
/// fusion and kernel quality decide how close a real run comes.
public struct Roofline: Sendable {
  /// A device's peak arithmetic per data type and its memory bandwidth.
  public struct Device: Hashable, Sendable {
    public var name: String
    /// Where the figures come from.
    public var source: String
    /// Peak FLOP/s (2 per MAC) by data type; a custom device gives one for all.
    public var peak: [DataType: Double]
    /// Bytes per second.
    public var bandwidth: Double

    public init(name: String, source: String, peak: [DataType: Double], bandwidth: Double) {
      self.name = name
      self.source = source
      self.peak = peak
      self.bandwidth = bandwidth
    }

    /// Dense figures (the data sheets print tensor-core figures with 2:4 sparsity; half of
    /// those), fp32 on the CUDA cores.
    public static let named: [Device] = [
      Device(
        name: "h100-sxm",
        source:
          "NVIDIA H100 Tensor Core GPU data sheet (SXM5): FP32 67 TFLOPS, FP16/BF16 1,979 and INT8 3,958 with sparsity, 3.35 TB/s",
        peak: [.fp32: 67e12, .fp16: 989.5e12, .bf16: 989.5e12, .int8: 1979e12],
        bandwidth: 3.35e12),
      Device(
        name: "a100-sxm",
        source:
          "NVIDIA A100 Tensor Core GPU data sheet (80 GB SXM): FP32 19.5 TFLOPS, FP16/BF16 312, INT8 624 TOPS, 2,039 GB/s",
        peak: [.fp32: 19.5e12, .fp16: 312e12, .bf16: 312e12, .int8: 624e12],
        bandwidth: 2039e9),
      Device(
        name: "t4",
        source:
          "NVIDIA T4 Tensor Core GPU data sheet: FP32 8.1 TFLOPS, FP16 mixed precision 65, INT8 130 TOPS, 320 GB/s",
        peak: [.fp32: 8.1e12, .fp16: 65e12, .int8: 130e12],
        bandwidth: 320e9),
    ]
  }

  public struct Row: Hashable, Sendable {
    /// The row's inputs and output at the data type and batch, and its weights once.
    public var bytes: Int
    /// MACs per byte moved.
    public var intensity: Double
    public var computeBound: Bool
    /// The larger of the arithmetic's and the bytes' time, in seconds.
    public var seconds: Double
  }

  public var device: Device
  public var dtype: DataType
  public var rows: [Row]

  /// The sum of the rows' bounds: the network can run no faster layer by layer.
  public var seconds: Double { rows.reduce(0) { $0 + $1.seconds } }
  /// MACs per byte above which a row is compute-bound: half the peak FLOP/s over the bandwidth.
  public var ridge: Double { (device.peak[dtype] ?? 0) / 2 / device.bandwidth }

  /// Nil when the device gives no peak for the analysis's data type, or a row's bytes pass
  /// 2⁶³ − 1.
  public init?(_ analysis: Analysis, device: Device) {
    let settings = analysis.memory?.settings ?? .standard
    guard let peak = device.peak[settings.dtype], peak > 0, device.bandwidth > 0 else {
      return nil
    }
    self.device = device
    self.dtype = settings.dtype
    var rows: [Row] = []
    for row in analysis.rows {
      // The maps at the data type and batch, as the analysis counts them; the weights once.
      var total = 0
      do throws(LayerError) {
        for shape in row.inputs {
          total = try sum(
            total, try Formulas.activationBytes(shape, settings: settings, explaining: false).value)
        }
        total = try sum(
          total,
          try Formulas.activationBytes(row.output, settings: settings, explaining: false).value)
        total = try sum(total, try product([row.cost.params, settings.dtype.bytes]))
      } catch { return nil }
      // A layer of `training { … }` does not run at inference: it moves nothing.
      let moved = row.trainingOnly ? 0 : total
      // The papers' MACs whatever the convention: a tool's extra terms are not arithmetic.
      let macs = Double(row.paperMACs) * Double(settings.batch)
      let compute = 2 * macs / peak
      let memory = Double(moved) / device.bandwidth
      rows.append(
        Row(
          bytes: moved, intensity: moved == 0 ? 0 : macs / Double(moved),
          computeBound: compute >= memory && compute > 0, seconds: max(compute, memory)))
    }
    self.rows = rows
  }
}
