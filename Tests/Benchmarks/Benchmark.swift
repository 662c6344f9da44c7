// netcost's in-process benchmarks: an α×ρ sweep of MobileNet, and generated specs of 1,000 to
// 100,000 layers through parse, resolve and analyze. Built only on demand, against the library's
// modules, by Tests/Benchmarks/run.sh, which also times the binary end to end; never a test.
import Foundation
import NetCost

@main
struct Benchmark {
  static func main() throws {
    // One measurement per process, so each peak-memory figure is its own.
    let arguments = Array(CommandLine.arguments.dropFirst())
    switch (arguments.first, arguments.dropFirst().first) {
    case ("sweep", let specs?):
      let mobilenet = try String(contentsOfFile: specs + "/mobilenet.netspec", encoding: .utf8)
      sweep(SourceFile(name: "mobilenet.netspec", text: mobilenet))
    case ("layers", let count?):
      generated(Int(count) ?? 1_000)
    default:
      print("usage: netcost-bench sweep SPECS_DIR | layers COUNT")
    }
  }

  /// α from 0.10 to 1.00 by 0.01 and ρ from 32 to 512 by 4: 91 × 121 = 11,011 configurations.
  static func sweep(_ source: SourceFile) {
    let alphas = (10...100).map { Double($0) / 100 }
    let resolutions = stride(from: 32, through: 512, by: 4).map(Double.init)
    let spec = Pipeline.parse(source)
    let start = Date()
    let outcome = Pipeline.sweep(spec, over: [("alpha", alphas), ("resolution", resolutions)])
    let seconds = Date().timeIntervalSince(start)
    let count = outcome.value?.points.count ?? 0
    let checksum = outcome.value?.points.reduce(0) { $0 &+ $1.totals.macs } ?? 0
    print("sweep\t\(count)\t\(seconds)\t\(Double(count) / seconds)\t\(checksum)\t\(peakMemoryKB())")
  }

  /// A chain of `layers` layers: conv, batch norm, ReLU, repeated; shapes stay 8×8×16.
  static func generated(_ layers: Int) {
    let text =
      "input 8 x 8 x 16\nrepeat \(layers / 3) {\n  conv filters = 16, kernel = 3, padding = 1 -> bn -> relu\n}\n"
    let start = Date()
    let outcome = Pipeline.analyze(SourceFile(name: "generated", text: text))
    let seconds = Date().timeIntervalSince(start)
    let rows = outcome.value?.rows.count ?? 0
    print(
      "layers\t\(layers / 3 * 3)\t\(seconds)\t\(Double(layers / 3 * 3) / seconds)\t\(rows)\t\(peakMemoryKB())"
    )
  }

  /// The process's peak resident memory so far (Linux: VmHWM in /proc/self/status).
  static func peakMemoryKB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
  }
}
