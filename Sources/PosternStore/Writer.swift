import PosternJOSE

/// The writer thread's files: the current log segment and the audit files, and the snapshot counters.
final class Writer: @unchecked Sendable {
    // @unchecked Sendable: used only from the store's one writer thread after init.
    private let directory: DataDirectory
    private var segment: StoreFile
    private let audit: AuditFiles
    private var framesSinceSnapshot: Int
    private var bytesSinceSnapshot: Int
    /// Frames and fsync batches written since start: their ratio is the group-commit factor.
    private(set) var framesWritten = 0
    private(set) var batchesWritten = 0

    init(directory: DataDirectory, segmentStart: UInt64, audit: AuditFiles, frames: Int, bytes: Int) throws(StoreError) {
        self.directory = directory
        self.audit = audit
        framesSinceSnapshot = frames
        bytesSinceSnapshot = bytes
        segment = try Writer.open(directory, start: segmentStart)
    }

    private static func open(_ directory: DataDirectory, start: UInt64) throws(StoreError) -> StoreFile {
        let path = directory.state + "/" + LogSegments.name(startingAt: start)
        let file = try StoreFile(path: path, flags: O_WRONLY | O_CREAT | O_APPEND)
        try StoreFile.syncDirectory(of: path)
        return file
    }

    /// One commit's bytes: its state-log frame and its audit lines.
    struct Encoded: Sendable {
        let frame: [UInt8]
        let audit: [AuditFiles.Line]
    }

    /// Encodes a payload into its frame, `{"lsn":…,"records":[…],"audit":[line,…]}`: the audit lines (made when the
    /// events were chained) go in as the files will hold them, so each event is serialised once. Thread-safe, so
    /// committers do it in parallel.
    static func encode<Record>(_ payload: LogPayload<Record>, auditLines lines: [[UInt8]]) throws(StoreError) -> Encoded {
        var json: [UInt8] = []
        json.append(contentsOf: #"{"lsn":"#.utf8)
        JSONValue.appendInteger(Int64(payload.lsn), to: &json)
        // Each record on its own, the brackets by hand: Array's generic Encodable path cost as much as the record.
        var records: [[UInt8]] = []
        records.reserveCapacity(payload.records.count)
        for record in payload.records {
            do { records.append(try JSONStreamEncoder.encode(record)) } catch {
                throw .encoding("log record \(payload.lsn): \(error)")
            }
        }
        json.append(contentsOf: #","records":"#.utf8)
        appendArray(records, to: &json)
        json.append(contentsOf: #","audit":"#.utf8)
        appendArray(lines, to: &json)
        json.append(UInt8(ascii: "}"))
        var frame: [UInt8] = []
        Frame.append(json, to: &frame)
        return Encoded(frame: frame, audit: zip(payload.audit, lines).map { AuditFiles.Line(day: $0.day, line: $1) })
    }

    /// `[a,b,…]` of elements that are JSON already.
    private static func appendArray(_ elements: [[UInt8]], to json: inout [UInt8]) {
        json.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json += element
        }
        json.append(UInt8(ascii: "]"))
    }

    /// One write and one fdatasync for all the frames, then the audit lines (not synced: the frames hold them, see
    /// `syncAudit`): state first, so an audit line never names a change the log lost.
    func write(_ commits: [Encoded]) throws(StoreError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(commits.reduce(0) { $0 + $1.frame.count })
        for commit in commits { bytes += commit.frame }
        try segment.write(bytes)
        try segment.sync()
        try audit.append(commits.flatMap(\.audit))
        framesWritten += commits.count
        batchesWritten += 1
        framesSinceSnapshot += commits.count
        bytesSinceSnapshot += bytes.count
    }

    /// Makes the audit files durable: before a snapshot lets the log segments holding their events go, and at close.
    func syncAudit() throws(StoreError) {
        try audit.sync()
    }

    func snapshotDue(_ options: StoreOptions) -> Bool {
        framesSinceSnapshot >= options.snapshotEveryFrames || bytesSinceSnapshot >= options.snapshotEveryBytes
    }

    func startSegment(at lsn: UInt64) throws(StoreError) {
        segment = try Writer.open(directory, start: lsn)
        framesSinceSnapshot = 0
        bytesSinceSnapshot = 0
    }
}

#if canImport(Glibc)
import Glibc
#endif
