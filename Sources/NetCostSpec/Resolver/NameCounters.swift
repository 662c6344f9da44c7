import NetCostCore

/// The last `kind_n` number given, per kind, in each counting slot: slot 0 outside labelled
/// block calls, then one slot for each labelled call's prefix (`Scope.counters`). A slot holds
/// only the kinds it has named: a loop of 250,000 labelled calls, each naming a few kinds, held
/// a number for every kind of layer in each call (52 of them, some 460 bytes a call: issue 25).
struct NameCounters {
  /// Each slot's kinds (by `LayerKind.ordinal`) with their last number, in the order first met:
  /// a few, compared in turn.
  private var slots: [[(ordinal: UInt8, last: Int)]] = [[]]

  /// A new slot, counting from 0 for every kind.
  mutating func addSlot() -> Int {
    slots.append([])
    return slots.count - 1
  }

  /// The next number for `kind` in `slot`, counted.
  mutating func next(_ kind: LayerKind, in slot: Int) -> Int {
    let ordinal = UInt8(kind.ordinal)
    for k in slots[slot].indices where slots[slot][k].ordinal == ordinal {
      slots[slot][k].last += 1
      return slots[slot][k].last
    }
    slots[slot].append((ordinal, 1))
    return 1
  }
}
