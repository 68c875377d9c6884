/// The SQLite store for bulk ingest (issue: ingest). Filled in by the ingest work.
public enum VanBanStoreModule {}
