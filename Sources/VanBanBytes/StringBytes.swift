extension String {
  /// `withUTF8` on a native string's bytes where they lie, without the `var` copy that
  /// `withUTF8` (mutating, as it may first make a foreign string native) needs: that copy
  /// retains and releases the storage, atomically, and byte scans over lines and words run
  /// millions of times a bulk ingest. A string whose bytes are not contiguous goes through the
  /// copy as before.
  @inlinable @inline(__always)
  public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = self
    return try copy.withUTF8(body)
  }
}
