import Foundation
import Synchronization
import Testing
import PosternJOSE
@testable import PosternStore

@Suite struct AuditLogTests {
    static let day: Int64 = 86_400

    /// A folder with 3 events on each of 4 consecutive days; returns it closed.
    func fourDays() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        let clock = Mutex<Int64>(1_795_000_000)
        var options = StoreOptions()
        options.now = { clock.withLock { $0 } }
        let store = try FlatFileStore<Counters>(directory: folder.directory, options: options)
        for d in 0..<4 {
            for i in 0..<3 { try store.set("d\(d)", i) }
            clock.withLock { $0 += Self.day }
        }
        store.close()
        return folder
    }

    func path(_ folder: TemporaryFolder, _ index: Int) -> String {
        AuditFiles.path(folder.directory, day: AuditFiles.days(folder.directory)[index])
    }

    func lines(_ path: String) throws -> [[UInt8]] {
        try StoreFile.read(path).split(separator: UInt8(ascii: "\n")).map(Array.init)
    }

    func write(_ lines: [[UInt8]], to path: String) throws {
        try Data(lines.flatMap { $0 + [10] }).write(to: URL(fileURLWithPath: path))
    }

    func failure(_ folder: TemporaryFolder) -> AuditVerifier.Failure? {
        do { _ = try AuditVerifier.verify(folder.directory); return nil } catch { return error }
    }

    @Test func anIntactLogVerifiesAndLinesHaveTheAPIFields() throws {
        let folder = try fourDays()
        defer { folder.remove() }
        #expect(AuditFiles.days(folder.directory).count == 4)
        #expect(try AuditVerifier.verify(folder.directory) == AuditVerifier.Report(events: 12, lastSeq: 12))
        let first = try JSONSerialization.jsonObject(with: Data(try lines(path(folder, 0))[0])) as? [String: Any]
        #expect(Set(first?.keys ?? [:].keys) == ["seq", "time", "type", "request_id", "ip", "client_id", "subject", "result",
                                                  "detail", "prev", "hash"])
        #expect(first?["prev"] as? String == String(repeating: "0", count: 64))
    }

    /// The line writer's fixed key order must be exactly the sorted, compact JSON that API.md defines, for any
    /// content: nil fields, escapes, several detail keys.
    @Test func linesAreTheCanonicalJSONOfTheEvent() throws {
        let events = [
            AuditEvent.chained(after: nil, time: RFC3339.format(1_795_000_000), type: "token.issued", requestID: nil, ip: nil, clientID: nil,
                               subject: nil, result: "success", detail: [:]),
            AuditEvent.chained(after: (41, String(repeating: "a", count: 64)), time: RFC3339.format(1_795_000_001), type: "user.login",
                               requestID: "r\"1", ip: "::1", clientID: "c\n", subject: "é😀\u{1}",
                               result: "failure", detail: ["z": "1", "a": "\"", "method": "password", "": "empty"]),
        ]
        for (event, chainedLine) in events {
            func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
            var members: [String: JSONValue] = [
                "seq": .integer(event.seq), "time": .string(event.time), "type": .string(event.type),
                "request_id": optional(event.requestID), "ip": optional(event.ip), "client_id": optional(event.clientID),
                "subject": optional(event.subject), "result": .string(event.result),
                "detail": .object(event.detail.mapValues { .string($0) }), "prev": .string(event.prev),
            ]
            #expect(event.canonicalBody == JSONValue.object(members).serialized())
            members["hash"] = .string(event.hash)
            #expect(event.line == JSONValue.object(members).serialized())
            #expect(chainedLine == event.line)
            #expect(AuditEvent.chainHash(prev: event.prev, body: event.canonicalBody) == event.hash)
            #expect(try AuditEvent(line: event.line) == event)
        }
    }

    @Test func editingOneByteIsDetected() throws {
        let folder = try fourDays()
        defer { folder.remove() }
        let p = path(folder, 1)
        var l = try lines(p)
        let text = String(decoding: l[1], as: UTF8.self).replacingOccurrences(of: "\"d1\"", with: "\"d9\"")
        l[1] = Array(text.utf8)
        try write(l, to: p)
        #expect(failure(folder) == AuditVerifier.Failure(path: p, line: 2, reason: "hash does not match the event (edited?)"))
    }

    @Test func deletingALineIsDetected() throws {
        let folder = try fourDays()
        defer { folder.remove() }
        let p = path(folder, 2)
        var l = try lines(p)
        l.remove(at: 1)
        try write(l, to: p)
        let f = try #require(failure(folder))
        #expect(f.path == p && f.line == 2)
    }

    @Test func swappingTwoLinesIsDetected() throws {
        let folder = try fourDays()
        defer { folder.remove() }
        let p = path(folder, 0)
        var l = try lines(p)
        l.swapAt(0, 1)
        try write(l, to: p)
        let f = try #require(failure(folder))
        #expect(f.path == p && f.line <= 2)
    }

    @Test func truncatingAFileIsDetected() throws {
        for index in [1, 3] {
            let folder = try fourDays()
            defer { folder.remove() }
            let p = path(folder, index)
            // Cut the last line (and, in the middle file, the chain to the next day breaks).
            try write(Array(try lines(p).dropLast()), to: p)
            #expect(failure(folder) != nil, "truncated file \(index)")
            // A cut in the middle of a line is detected too.
            let bytes = try StoreFile.read(p)
            try Data(bytes.dropLast(5)).write(to: URL(fileURLWithPath: p))
            #expect(failure(folder) != nil)
        }
    }

    @Test func deletingAWholeMiddleDayIsDetected() throws {
        let folder = try fourDays()
        defer { folder.remove() }
        let next = path(folder, 2)
        try FileManager.default.removeItem(atPath: path(folder, 1))
        let f = try #require(failure(folder))
        #expect(f.path == next && f.line == 1)
    }

    @Test func deletingTheFirstDayWithoutARetentionEventIsDetected() throws {
        let folder = try fourDays()
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: path(folder, 0))
        #expect(failure(folder)?.reason.contains("no retention event") == true)
    }

    @Test func retentionRemovesOldFilesAndRecordsItSoTheChainStillVerifies() throws {
        let folder = try fourDays()
        defer { folder.remove() }
        let days = AuditFiles.days(folder.directory)
        let store = try FlatFileStore<Counters>(directory: folder.directory)
        let now = RFC3339.day(days[3])! + 3_600
        let removed = try store.removeAuditFiles(olderThan: 2, now: now)
        store.close()
        #expect(removed == Array(days.prefix(1)))
        #expect(AuditFiles.days(folder.directory).first == days[1])
        let report = try AuditVerifier.verify(folder.directory)
        #expect(report.events == 10 && report.lastSeq == 13)
    }
}
