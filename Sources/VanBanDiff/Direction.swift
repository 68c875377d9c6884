import VanBanModel

/// Whether B asks more (tighter) or less (looser) of the commune than A.
public enum Direction: String, Sendable, Hashable {
  case tighter, looser

  /// Compares two values of one indicator, taking the comparison (`op`) into account.
  ///
  /// - `top` is a rank: a smaller number is tighter (Top 30 → Top 20); beside anything but
  ///   another `top` there is no direction.
  /// - `≤`/`<` set a ceiling: a smaller number is tighter (≤ 5 → ≤ 3); `<` is tighter than `≤`
  ///   at the same number. Beside a ceiling, `=` reads as a ceiling too.
  /// - Otherwise the indicator is a level to reach (rates, coverage, counts): a larger number is
  ///   tighter (≥ 90 → ≥ 95, and 100 → 95 is looser). `=` reads as `≥`, so `= 95` → `≥ 95`
  ///   changes the wording but not the ambition (no direction); `>` is tighter than `≥`.
  /// - A floor against a ceiling (`≥` vs `≤`) is not comparable: nil. So is a missing number.
  public static func compare(_ a: TargetValue, _ b: TargetValue) -> Direction? {
    guard let x = a.value, let y = b.value else { return nil }
    if a.op == .top || b.op == .top {
      guard a.op == b.op, x != y else { return nil }
      return y < x ? .tighter : .looser
    }
    let ceilingA = a.op == .le || a.op == .lt
    let ceilingB = b.op == .le || b.op == .lt
    let floorA = a.op == .ge || a.op == .gt
    let floorB = b.op == .ge || b.op == .gt
    if (ceilingA && floorB) || (floorA && ceilingB) { return nil }
    if ceilingA || ceilingB {
      if y != x { return y < x ? .tighter : .looser }
      let strictA = a.op == .lt
      let strictB = b.op == .lt
      return strictA == strictB ? nil : (strictB ? .tighter : .looser)
    }
    if y != x { return y > x ? .tighter : .looser }
    let strictA = a.op == .gt
    let strictB = b.op == .gt
    return strictA == strictB ? nil : (strictB ? .tighter : .looser)
  }

  /// An earlier deadline is tighter. Recurring and unknown deadlines have no direction.
  public static func compare(_ a: Deadline, _ b: Deadline) -> Direction? {
    let skip: Set<Deadline.Kind> = [.recurring, .unknown]
    guard !skip.contains(a.kind), !skip.contains(b.kind), let x = a.end, let y = b.end, x != y else { return nil }
    return y < x ? .tighter : .looser
  }
}
