import Foundation
import Testing

/// The `vanban` executable on bad input: one clear line on stderr naming the file, nothing on
/// stdout, exit 65 (data) or 66 (cannot open). SPEC §3.
@Suite struct CLITests {
  static var binary: String {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vanban").path,
      Repo.root.appendingPathComponent(".build/debug/vanban").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
  }

  static func tempFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-cli-\(getpid())-\(name)")
    try Data(bytes).write(to: url)
    return url.path
  }

  @Test(arguments: [
    ("empty.txt", [UInt8](), "empty"),
    ("scan.pdf", Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8), "PDF"),
    ("image.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "PNG"),
    ("bad.txt", Array("Kế hoạch ".utf8) + [0xC3, 0x28, 0x41], "UTF-8"),
  ] as [(String, [UInt8], String)])
  func badDataExits65(_ name: String, _ bytes: [UInt8], _ word: String) throws {
    let path = try Self.tempFile(name, bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (status, out, err) = try run(Self.binary, ["parse", path])
    let message = String(decoding: err, as: UTF8.self)
    #expect(status == 65)
    #expect(out.isEmpty)
    #expect(message.contains(path))
    #expect(message.contains(word))
    #expect(message.split(separator: "\n").count == 1)
  }

  /// `vanban check`: a summary line, each warning with its file:line and source line, a code
  /// repeated past three times counted; a bad file named on stderr and exit 65 while the
  /// good one is still reported.
  @Test func checkReportsLikeACompiler() throws {
    let seed = Repo.corpus.appendingPathComponent("seeds/001_624e61ed64e861df.txt").path
    let (status, out, _) = try run(Self.binary, ["check", seed])
    let text = String(decoding: out, as: UTF8.self)
    #expect(status == 0)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("\(seed): KẾ HOẠCH …/KH-UBND of …/3/2026 by ỦY BAN NHÂN DÂN XÃ TÂN LỢI, signed Đặng Văn Tiến;") == true)
    #expect(lines.first?.contains("31 targets, 18 tasks, 8 recipients, 1 annex;") == true)
    #expect(text.contains("warning[header.number_blank]: the document number is blank in 'Số: /KH-UBND'\n  --> \(seed):3\n3 | Số: /KH-UBND\n"))
    #expect(!text.contains("info["))

    let bad = try Self.tempFile("check-bad.txt", Array("Kế hoạch ".utf8) + [0xC3, 0x28, 0x41])
    defer { try? FileManager.default.removeItem(atPath: bad) }
    let (badStatus, badOut, badErr) = try run(Self.binary, ["check", bad, seed])
    #expect(badStatus == 65)
    #expect(String(decoding: badErr, as: UTF8.self).contains(bad))
    #expect(String(decoding: badOut, as: UTF8.self).contains("\(seed): KẾ HOẠCH"))

    let real = Repo.corpus.appendingPathComponent("real/cv-tct-1414-cs-nguoi-co-cong-nha-o.txt").path
    let (_, realOut, _) = try run(Self.binary, ["check", real])
    let realText = String(decoding: realOut, as: UTF8.self)
    let shown = realText.components(separatedBy: "warning[section.skipped_number]").count - 1
    #expect(shown <= 3)
    if shown == 3 { #expect(realText.contains("more 'section.skipped_number' not shown")) }
  }

  @Test func missingFileExits66() throws {
    let (status, out, err) = try run(Self.binary, ["parse", "/nonexistent/plan.txt"])
    #expect(status == 66)
    #expect(out.isEmpty)
    #expect(String(decoding: err, as: UTF8.self).contains("/nonexistent/plan.txt"))
  }

  @Test func oneBadFileDoesNotStopTheOthers() throws {
    let good = Repo.corpus.appendingPathComponent("seeds/004_075f210d38c210c4.txt").path
    let (status, out, err) = try run(Self.binary, ["parse", "/nonexistent/a.txt", good])
    #expect(status == 66)
    let lines = String(decoding: out, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 1)
    let doc = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
    #expect((doc?["schema_version"] as? String) == "1")
    #expect(!err.isEmpty)
    let ndjson = try Self.tempFile("out.ndjson", Array(out))
    defer { try? FileManager.default.removeItem(atPath: ndjson) }
    let failure = try validateAgainstSchema([URL(fileURLWithPath: ndjson)])
    #expect(failure == nil, "\(failure ?? "")")
  }

  @Test func parsesStdinAndPretty() throws {
    let text = "KẾ HOẠCH\n\nTiêu đề\n\nI. MỤC ĐÍCH\n"
    let (status, out, _) = try run(Self.binary, ["parse", "--pretty", "-"], stdin: Data(text.utf8))
    #expect(status == 0)
    let s = String(decoding: out, as: UTF8.self)
    #expect(s.contains("\n  \"schema_version\": \"1\""))
    let file = try Self.tempFile("stdin.json", Array(out))
    defer { try? FileManager.default.removeItem(atPath: file) }
    let failure = try validateAgainstSchema([URL(fileURLWithPath: file)])
    #expect(failure == nil, "\(failure ?? "")")
  }

  @Test func normalizePrintsCleanText() throws {
    let path = try Self.tempFile("n.txt", Array("**KT. CHỦ TỊCH**\n\n- chuyển\n\nđổi số\n".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (status, out, _) = try run(Self.binary, ["normalize", path])
    #expect(status == 0)
    let s = String(decoding: out, as: UTF8.self)
    #expect(s.contains("KT. CHỦ TỊCH"))
    #expect(s.contains("- chuyển đổi số"))
    #expect(!s.contains("**"))
  }
}
