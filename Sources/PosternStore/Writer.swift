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

    /// One write and one fdatasync for every frame, then the audit lines: state first, so an audit
    /// line never names a change the log lost.
    func write(_ frames: [[UInt8]], audit events: [AuditEvent]) throws(StoreError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(frames.reduce(0) { $0 + $1.count })
        for frame in frames { bytes.append(contentsOf: frame) }
        try segment.write(bytes)
        try segment.sync()
        if !events.isEmpty { try audit.append(events) }
        framesWritten += frames.count
        batchesWritten += 1
        framesSinceSnapshot += frames.count
        bytesSinceSnapshot += bytes.count
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
