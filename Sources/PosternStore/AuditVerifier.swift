import Foundation

/// `postern audit verify`: walks every daily file and checks the hash chain, the sequence, each event's
/// own hash and its day, then that the files hold every event the state log and snapshot know of.
/// Any edit, reorder, deletion or truncation shows up as the first bad file and line.
public enum AuditVerifier {
    /// A verified log.
    public struct Report: Sendable, Equatable {
        public let events: Int
        public let lastSeq: Int64
    }

    /// Where the chain first breaks.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let path: String
        public let line: Int
        public let reason: String
        public var description: String { "\(path):\(line): \(reason)" }
    }

    public static func verify(_ directory: DataDirectory) throws(Failure) -> Report {
        // A mistyped folder has no events either: "ok 0 events" would vouch for a log that was never read.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.state, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(path: directory.root, line: 0, reason: "no data folder here (no state/)")
        }
        var previous: AuditEvent?
        var count = 0
        var chainStart: (path: String, seq: Int64, prev: String)?
        var retentionProofs: Set<String> = []
        for day in AuditFiles.days(directory) {
            let path = AuditFiles.path(directory, day: day)
            guard let bytes = try? StoreFile.read(path) else { throw Failure(path: path, line: 0, reason: "cannot read") }
            if !bytes.isEmpty && bytes.last != UInt8(ascii: "\n") {
                let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
                throw Failure(path: path, line: lines, reason: "last line is incomplete (file truncated?)")
            }
            for (index, raw) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().enumerated() {
                let line = index + 1
                let event: AuditEvent
                do { event = try AuditEvent(line: Array(raw)) } catch {
                    throw Failure(path: path, line: line, reason: "not an audit event: \(error)")
                }
                guard event.line == Array(raw) else { throw Failure(path: path, line: line, reason: "not in canonical form (edited?)") }
                guard AuditEvent.chainHash(prev: event.prev, body: event.canonicalBody) == event.hash else {
                    throw Failure(path: path, line: line, reason: "hash does not match the event (edited?)")
                }
                guard event.day == day else { throw Failure(path: path, line: line, reason: "event of \(event.day) in the file of \(day)") }
                if let previous {
                    guard event.seq == previous.seq + 1 else {
                        throw Failure(path: path, line: line, reason: "seq \(event.seq) follows \(previous.seq) (events missing or reordered)")
                    }
                    guard event.prev == previous.hash else {
                        throw Failure(path: path, line: line, reason: "prev does not match the previous event's hash")
                    }
                } else if event.prev != AuditEvent.genesis {
                    chainStart = (path, event.seq, event.prev)
                }
                if event.type == "audit.retention", let seq = event.detail["first_kept_seq"], let prev = event.detail["first_kept_prev"] {
                    retentionProofs.insert("\(seq):\(prev)")
                }
                previous = event
                count += 1
            }
        }
        // A chain that does not start at 64 zeros is only valid if a retention event says older files were removed.
        if let start = chainStart, !retentionProofs.contains("\(start.seq):\(start.prev)") {
            throw Failure(path: start.path, line: 1, reason: "chain does not start at the first event and no retention event explains it")
        }
        let expected = expectedLastSeq(directory)
        let last = previous?.seq ?? 0
        if expected > last {
            let path = previous.map { AuditFiles.path(directory, day: $0.day) } ?? directory.audit
            throw Failure(path: path, line: 0, reason: "the state log records events up to seq \(expected), the files end at \(last) (truncated or deleted?)")
        }
        return Report(events: count, lastSeq: last)
    }

    /// The highest audit seq the snapshot and the log segments know of.
    static func expectedLastSeq(_ directory: DataDirectory) -> Int64 {
        var seq: Int64 = 0
        if let name = directory.newestSnapshotName,
           let bytes = try? StoreFile.read(directory.state + "/" + name), case .frame(let payload, _) = Frame.read(bytes, at: 0),
           let head = try? JSONDecoder().decode(SnapshotHead.self, from: Data(payload)) {
            seq = head.auditSeq
        }
        let payloads = (try? LogSegments.replay(directory, after: 0, repair: false, warn: { _ in })) ?? []
        for payload in payloads {
            if let entry = try? JSONDecoder().decode(AuditOnlyPayload.self, from: Data(payload)), let last = entry.audit.last {
                seq = max(seq, last.seq)
            }
        }
        return seq
    }

    private struct SnapshotHead: Decodable { let auditSeq: Int64 }
}
