import PosternJOSE

/// The writer thread's files: the current log segment and the audit files, and the snapshot counters.
///
/// The segment is zero-filled ahead of the frames (`preallocation` bytes at a time, made durable by the fdatasync
/// of the batch that needed them), so the batches after it sync only their data pages: growing the file made every
/// fdatasync write the inode as well, which took a 9 KB batch from ~190 µs to ~380 µs on this disk (PostgreSQL
/// zero-fills its WAL segments for the same reason). Recovery reads zeros after the last frame as the end of the
/// log (`LogSegments`).
final class Writer: @unchecked Sendable {
    // @unchecked Sendable: used only from the store's one writer thread after init.
    /// Zeros written ahead of the frames at a time.
    static let preallocation = 8 << 20
    private static let zeros = [UInt8](repeating: 0, count: 1 << 20)
    /// The frames of the batch being written, and how much of its capacity outlives a batch.
    private var batch: [UInt8] = []
    private static let keptBatchCapacity = 1 << 20

    private let directory: DataDirectory
    private var segment: StoreFile
    /// Where the next frame goes, and how far the segment is zero-filled and synced.
    private var end: Int
    private var filled: Int
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
        (segment, end) = try Writer.open(directory, start: segmentStart)
        filled = end
    }

    /// Opens a segment to write after its last frame (recovery has cut any zero fill and torn tail).
    private static func open(_ directory: DataDirectory, start: UInt64) throws(StoreError) -> (StoreFile, end: Int) {
        let path = directory.state + "/" + LogSegments.name(startingAt: start)
        let file = try StoreFile(path: path, flags: O_WRONLY | O_CREAT)
        try StoreFile.syncDirectory(of: path)
        return (file, try file.seekToEnd())
    }

    /// One commit's bytes: its records as JSON and its audit lines, which the writer frames (`appendFrame`).
    struct Encoded: Sendable {
        let lsn: UInt64
        let records: [[UInt8]]
        let audit: [AuditFiles.Line]
    }

    /// Encodes a payload's records, each on its own (Array's generic Encodable path cost as much as the record).
    /// Thread-safe, so committers do it in parallel; the frame itself is built by the writer, in its batch buffer.
    static func encode<Record>(_ payload: LogPayload<Record>, auditLines lines: [[UInt8]]) throws(StoreError) -> Encoded {
        var records: [[UInt8]] = []
        records.reserveCapacity(payload.records.count)
        for record in payload.records {
            do { records.append(try JSONStreamEncoder.encode(record)) } catch {
                throw .encoding("log record \(payload.lsn): \(error)")
            }
        }
        return Encoded(lsn: payload.lsn, records: records,
                       audit: zip(payload.audit, lines).map { AuditFiles.Line(day: $0.day, line: $1) })
    }

    /// Appends a commit's frame, `{"lsn":…,"records":[…],"audit":[line,…]}`: the audit lines (made when the events
    /// were chained) go in as the files will hold them, so each event is serialised once.
    static func appendFrame(_ commit: Encoded, to out: inout [UInt8]) {
        let start = Frame.openFrame(in: &out)
        out.append(contentsOf: #"{"lsn":"#.utf8)
        JSONValue.appendInteger(Int64(commit.lsn), to: &out)
        out.append(contentsOf: #","records":"#.utf8)
        appendArray(commit.records, to: &out)
        out.append(contentsOf: #","audit":"#.utf8)
        appendArray(commit.audit.lazy.map(\.line), to: &out)
        out.append(UInt8(ascii: "}"))
        Frame.closeFrame(in: &out, openedAt: start)
    }

    /// `[a,b,…]` of elements that are JSON already.
    private static func appendArray(_ elements: some Sequence<[UInt8]>, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json += element
        }
        json.append(UInt8(ascii: "]"))
    }

    /// One write and one fdatasync for all the frames: once it returns, the commits are durable.
    ///
    /// The frames are built here, in a buffer kept from batch to batch: built by each committer, every frame of a
    /// refresh (two audit lines, over 1 KiB) was a large allocation, and glibc consolidates its fast bins before each
    /// one (`malloc_consolidate` was ~1.5 % of a refresh request).
    func write(_ commits: [Encoded]) throws(StoreError) {
        batch.removeAll(keepingCapacity: true)
        for commit in commits { Writer.appendFrame(commit, to: &batch) }
        try append(batch)
        // A burst's buffer is not kept for ever.
        if batch.capacity > Self.keptBatchCapacity { batch = [] }
        framesWritten += commits.count
        batchesWritten += 1
        framesSinceSnapshot += commits.count
    }

    /// Appends the commits' audit lines to the day files, after their frames are durable (so a line never names a
    /// change the log lost) and without a sync of their own: the frames hold them (see `syncAudit`).
    func fileAudit(_ commits: [Encoded]) throws(StoreError) {
        try audit.append(commits.flatMap(\.audit))
    }

    /// Writes `bytes` after the last frame, in zero-filled space, and fdatasyncs.
    private func append(_ bytes: [UInt8]) throws(StoreError) {
        if end + bytes.count > filled {
            let target = max(end + bytes.count, filled + Self.preallocation)
            while filled < target {
                let count = min(Self.zeros.count, target - filled)
                try segment.write(count == Self.zeros.count ? Self.zeros : Array(Self.zeros[..<count]), at: filled)
                filled += count
            }
        }
        try segment.write(bytes, at: end)
        try segment.sync()
        end += bytes.count
        bytesSinceSnapshot += bytes.count
    }

    /// Cuts the zero fill after the last frame, durably: a closed or finished segment ends with its last frame.
    func trimSegment() throws(StoreError) {
        guard filled > end else { return }
        try segment.truncate(to: end)
        try segment.sync()
        filled = end
    }

    /// Makes the audit files durable: before a snapshot lets the log segments holding their events go, and at close.
    func syncAudit() throws(StoreError) {
        try audit.sync()
    }

    func snapshotDue(_ options: StoreOptions) -> Bool {
        framesSinceSnapshot >= options.snapshotEveryFrames || bytesSinceSnapshot >= options.snapshotEveryBytes
    }

    func startSegment(at lsn: UInt64) throws(StoreError) {
        try trimSegment()
        (segment, end) = try Writer.open(directory, start: lsn)
        filled = end
        framesSinceSnapshot = 0
        bytesSinceSnapshot = 0
    }
}

#if canImport(Glibc)
import Glibc
#endif
