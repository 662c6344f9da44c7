/// Axis scales: values to pixels, with "nice" tick values (1, 2, 5 × 10ⁿ).
struct Scale {
  enum Kind {
    case linear
    /// Base 10: for MACs across configurations that differ tenfold, as MobileNet's Figures 4 and 5.
    case logarithmic
  }

  let kind: Kind
  let lower: Double
  let upper: Double
  /// The pixel range, in order (`from` maps `lower`).
  let from: Double
  let to: Double

  /// A scale that covers `values` with room to spare, starting at 0 for linear scales of counts.
  init(_ kind: Kind, covering values: [Double], from: Double, to: Double, fromZero: Bool = true) {
    self.kind = kind
    self.from = from
    self.to = to
    let low = values.min() ?? 0
    let high = values.max() ?? 1
    switch kind {
    case .linear:
      if fromZero {
        let step = Self.niceStep(max(high, 1) / 5)
        lower = 0
        upper = (max(high, 1) / step).rounded(.up) * step
      } else {
        let margin = high > low ? (high - low) * 0.1 : 1
        lower = low - margin
        upper = high + margin
      }
    case .logarithmic:
      lower = Self.powerOfTen(atOrBelow: max(low, 1e-9))
      upper = max(Self.powerOfTen(atOrBelow: max(high, 1e-9)) * 10, lower * 10)
    }
  }

  func position(_ value: Double) -> Double {
    let fraction: Double
    switch kind {
    case .linear: fraction = (value - lower) / (upper - lower)
    case .logarithmic:
      fraction =
        (Math.log10(max(value, lower)) - Math.log10(lower))
        / (Math.log10(upper) - Math.log10(lower))
    }
    return from + (to - from) * fraction
  }

  /// Tick values inside the scale.
  var ticks: [Double] {
    switch kind {
    case .linear:
      let step = Self.niceStep((upper - lower) / 5)
      var ticks: [Double] = []
      var value = (lower / step).rounded(.up) * step
      while value <= upper + step * 1e-9 && ticks.count < 50 {
        ticks.append(value)
        value += step
      }
      return ticks
    case .logarithmic:
      var ticks: [Double] = []
      var decade = lower
      while decade <= upper * 1.0000001 && ticks.count < 60 {
        for factor in [1.0, 2, 5] where decade * factor <= upper * 1.0000001 {
          ticks.append(decade * factor)
        }
        decade *= 10
      }
      return ticks
    }
  }

  /// 1, 2 or 5 × 10ⁿ, the smallest at or above `rough`.
  static func niceStep(_ rough: Double) -> Double {
    guard rough > 0, rough.isFinite else { return 1 }
    let decade = powerOfTen(atOrBelow: rough)
    for factor in [1.0, 2, 5, 10] where decade * factor >= rough { return decade * factor }
    return decade * 10
  }

  static func powerOfTen(atOrBelow value: Double) -> Double {
    var p = 1.0
    while p > value { p /= 10 }
    while p * 10 <= value { p *= 10 }
    return p
  }
}

/// Logarithms from the standard library alone (the library imports no Foundation).
enum Math {
  /// ln x for x > 0: x = m·2ᵉ with m in [1, 2), ln m = 2·atanh((m − 1)/(m + 1)) by its series.
  static func log(_ x: Double) -> Double {
    guard x > 0, x.isFinite else { return x == 0 ? -.infinity : .nan }
    let m = x.significand
    let z = (m - 1) / (m + 1)
    var term = z
    var sum = 0.0
    var k = 1.0
    while abs(term / k) > 1e-17 {
      sum += term / k
      term *= z * z
      k += 2
    }
    return 2 * sum + Double(x.exponent) * 0.693_147_180_559_945_3
  }

  static func log10(_ x: Double) -> Double { log(x) / 2.302_585_092_994_045_7 }
}
