/// Alignment and comparison of plans (issue: diff and compare). Filled in by the diff work.
public enum VanBanDiffModule {}
