/// The only place numbers become text: grouped integers, scaled units, kilobytes.
/// Integer arithmetic throughout, so what is printed is exactly the rounded count.
public enum NumberFormat {
  /// `value` in decimal, ungrouped (`4253864`), appended to `bytes`: sizes in shapes and windows.
  public static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
    append(value.magnitude, negative: value < 0, grouped: false, to: &bytes)
  }

  /// The bytes `writeInteger` writes for `value`. Inlinable, with `writeInteger`: a gigabyte of
  /// JSON writes a hundred million numbers from another module.
  @inlinable
  public static func integerLength(_ value: Int) -> Int {
    length(value.magnitude, negative: value < 0, grouped: false)
  }

  /// `value` in decimal, ungrouped, into `bytes`, exactly `integerLength(value)` long: for a
  /// writer's own memory.
  @inlinable
  public static func writeInteger(_ value: Int, into bytes: UnsafeMutableBufferPointer<UInt8>) {
    write(value.magnitude, negative: value < 0, grouped: false, into: bytes)
  }

  /// `4253864` → `4,253,864`.
  public static func grouped(_ value: Int) -> String {
    let length = length(value.magnitude, negative: value < 0, grouped: true)
    return String(unsafeUninitializedCapacity: length) { bytes in
      write(value.magnitude, negative: value < 0, grouped: true, into: bytes)
      return length
    }
  }

  /// `grouped(value)`'s bytes appended to `bytes`: a million-row table writes each number straight
  /// into its text, making no string for it.
  public static func appendGrouped(_ value: Int, to bytes: inout [UInt8]) {
    append(value.magnitude, negative: value < 0, grouped: true, to: &bytes)
  }

  private static func append(
    _ magnitude: UInt, negative: Bool, grouped: Bool, to bytes: inout [UInt8]
  ) {
    let length = length(magnitude, negative: negative, grouped: grouped)
    let start = bytes.count
    for _ in 0..<length { bytes.append(0) }
    bytes.withUnsafeMutableBufferPointer { all in
      write(
        magnitude, negative: negative, grouped: grouped,
        into: UnsafeMutableBufferPointer(rebasing: all[start...]))
    }
  }

  @inlinable
  static func length(_ magnitude: UInt, negative: Bool, grouped: Bool) -> Int {
    var digits = 1
    var rest = magnitude / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    return (negative ? 1 : 0) + digits + (grouped ? (digits - 1) / 3 : 0)
  }

  /// The one digit loop of every integer netcost prints: written from the last digit back into
  /// `bytes`, which is exactly `length` long, a comma before every third digit when `grouped`.
  @inlinable
  static func write(
    _ magnitude: UInt, negative: Bool, grouped: Bool, into bytes: UnsafeMutableBufferPointer<UInt8>
  ) {
    var magnitude = magnitude
    var at = bytes.count
    var written = 0
    repeat {
      if grouped && written > 0 && written % 3 == 0 {
        at -= 1
        bytes[at] = UInt8(ascii: ",")
      }
      at -= 1
      bytes[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
      written += 1
    } while magnitude > 0
    if negative { bytes[0] = UInt8(ascii: "-") }
  }

  /// `value / divisor` rounded half up to `decimals` places: `decimal(568740352, 1_000_000, 2)` →
  /// `568.74`.
  public static func decimal(_ value: Int, over divisor: Int, places decimals: Int) -> String {
    var bytes: [UInt8] = []
    appendDecimal(value, over: divisor, places: decimals, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `decimal(value, over:places:)`'s bytes appended to `bytes`.
  public static func appendDecimal(
    _ value: Int, over divisor: Int, places decimals: Int, to bytes: inout [UInt8]
  ) {
    var scale: UInt = 1
    for _ in 0..<decimals { scale *= 10 }
    let d = UInt(divisor)
    // Whole part and rounded fraction separately, so no intermediate product can overflow.
    var whole = value.magnitude / d
    var fraction = (value.magnitude % d * scale + d / 2) / d
    if fraction == scale {
      whole += 1
      fraction = 0
    }
    append(whole, negative: value < 0, grouped: true, to: &bytes)
    guard decimals > 0 else { return }
    bytes.append(UInt8(ascii: "."))
    for _ in 0..<decimals { bytes.append(UInt8(ascii: "0")) }
    var at = bytes.count
    while fraction > 0 {
      at -= 1
      bytes[at] = UInt8(ascii: "0") + UInt8(fraction % 10)
      fraction /= 10
    }
  }

  /// A count with an SI unit for reading at a glance: `568.74 M`, `15.47 G`, `23.3 K`.
  public static func short(_ value: Int) -> String {
    let magnitude = value.magnitude
    if magnitude >= 1_000_000_000 { return decimal(value, over: 1_000_000_000, places: 2) + " G" }
    if magnitude >= 1_000_000 { return decimal(value, over: 1_000_000, places: 2) + " M" }
    if magnitude >= 1_000 { return decimal(value, over: 1_000, places: 2) + " K" }
    return String(value)
  }

  /// A short count for chart ticks: `60 M`, `1.5 M`, `500 K`.
  public static func compact(_ value: Int) -> String {
    let text = short(value)
    guard let space = text.firstIndex(of: " ") else { return text }
    return trimmed(String(text[..<space])) + text[space...]
  }

  /// Bytes as kilobytes of 1024 bytes, two places: `802816` → `784.00`; the "KB" of EECS 498-007 Lecture 8's memory column.
  public static func kilobytes(_ value: Int) -> String {
    var bytes: [UInt8] = []
    appendKilobytes(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `kilobytes(value)`'s bytes appended to `bytes`.
  public static func appendKilobytes(_ value: Int, to bytes: inout [UInt8]) {
    appendDecimal(value, over: 1024, places: 2, to: &bytes)
  }

  /// Bytes as mebibytes of 1024², two places.
  public static func megabytes(_ value: Int) -> String {
    var bytes: [UInt8] = []
    appendMegabytes(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `megabytes(value)`'s bytes appended to `bytes`.
  public static func appendMegabytes(_ value: Int, to bytes: inout [UInt8]) {
    appendDecimal(value, over: 1024 * 1024, places: 2, to: &bytes)
  }

  /// A measured quantity with `places` decimals, rounded half away from zero: `fixed(32.857, 2)` →
  /// `32.86`. For ratios and percentages, which are not whole counts.
  public static func fixed(_ value: Double, places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled.isFinite, scaled < 9e18 else { return String(value) }
    let text = decimal(Int(scaled), over: Int(scale), places: places)
    return value < 0 && scaled > 0 ? "-" + text : text
  }

  /// `+0.12 %`, `-1.00 %`: a difference in percent, always signed.
  public static func signedPercent(_ value: Double) -> String {
    (value >= 0 ? "+" : "") + fixed(value, places: 2) + " %"
  }

  /// `32.86× fewer`, `2.53× more`: a ratio to a baseline, read as a person says it.
  public static func ratio(_ value: Double) -> String {
    if abs(value - 1) < 0.005 { return "1.00×" }
    return value < 1 ? fixed(1 / value, places: 2) + "× fewer" : fixed(value, places: 2) + "× more"
  }

  /// A decimal without trailing zeros: `784.00` → `784`, `182.25` → `182.25`, `0.50` → `0.5`.
  public static func trimmed(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var out = Substring(text)
    while out.last == "0" { out = out.dropLast() }
    if out.last == "." { out = out.dropLast() }
    return String(out)
  }
}

extension Double {
  /// `224` for whole numbers, `0.75` otherwise: how parameter values are shown everywhere.
  public var shortDescription: String {
    // Not Swift's `nan` and `-nan`, `inf`: a message names a file's NaN or infinity in words.
    if isNaN { return "NaN" }
    if isInfinite { return self < 0 ? "-infinity" : "infinity" }
    // A whole number as an integer to 9·10¹⁸ (within Int): `1000000000000000`, not Swift's
    // `1e+15` or `1000000000000000.0`.
    return self == rounded() && abs(self) < 9e18 ? String(Int(self)) : String(self)
  }
}
