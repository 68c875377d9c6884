/// What a file is, from its first bytes rather than its name: portals serve PDFs as
/// `.aspx` downloads and scans arrive as `.dat` attachments.
public enum Sniff {
  /// "%PDF-" within the first 1024 bytes: Acrobat accepts junk (a mail header, a BOM) before
  /// the header, and so do the PDFs found in the wild.
  public static func isPDF(_ bytes: some Collection<UInt8>) -> Bool {
    let magic: [UInt8] = Array("%PDF-".utf8)
    let head = Array(bytes.prefix(1024))
    guard head.count >= magic.count else { return false }
    for start in 0...(head.count - magic.count) where head[start] == magic[0] {
      if head[start..<start + magic.count].elementsEqual(magic) { return true }
    }
    return false
  }

  /// Whether reading the file takes a library that is loaded when the first such file comes
  /// (`dlopen`): poppler for a PDF, Tesseract with leptonica for a picture. The first load
  /// costs ~10 ms (the libraries and their dependencies mapped and bound), tens of small text
  /// files' parsing.
  public static func needsLoadedLibrary(_ head: some Collection<UInt8>) -> Bool {
    isPDF(head) || imageKind(head) != nil
  }

  /// The picture format by its signature, or nil for anything else.
  public static func imageKind(_ bytes: some Collection<UInt8>) -> ImageKind? {
    let b = Array(bytes.prefix(12))
    func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
      b.count >= offset + magic.count && b[offset..<offset + magic.count].elementsEqual(magic)
    }
    if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
    if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
    if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
    if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
    if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
    if starts(Array("BM".utf8)) && b.count >= 6 { return .bmp }
    return nil
  }
}

/// The picture formats vanban recognises; leptonica decodes them (GIF and WebP only where
/// Debian's leptonica was built with them, which it is).
public enum ImageKind: String, Sendable, CaseIterable {
  case png, jpeg, tiff, gif, webp, bmp
}
