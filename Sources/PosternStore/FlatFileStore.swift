internal import CLinux
import Foundation
import Synchronization

/// The flat-file `Store`: the state in memory, every change in an append-only log, group-committed.
///
/// An update applies its records under one lock and queues one frame; a dedicated writer
/// thread appends every queued frame, fdatasyncs once for all of them, appends and syncs
/// their audit lines, and only then releases the waiting callers. So concurrent commits
/// share one fsync (DESIGN.md "Request path" 3–4), and an acknowledged write survives a crash.
public final class FlatFileStore<State: StateMachine>: Store, Sendable {
    private struct Live: Sendable {
        var state: State
        var nextLSN: UInt64
        var auditHead: (seq: Int64, hash: String)?
        /// The durability of the newest queued frame: batches complete in log order, so it covers every change
        /// applied so far.
        var newest: Durability = .immediate
        /// The last audit time formatted, since every event of the same second shares it.
        var time: (seconds: Int64, text: String) = (-1, "")
    }

    /// A commit waiting for the writer. Its place in the log was fixed under the state lock; its bytes are encoded
    /// by whichever comes first, its committer (right after the lock, in parallel with other committers) or the
    /// writer (so a committer descheduled after queueing never holds up a batch).
    private final class Pending: Sendable {
        let payload: LogPayload<State.Record>
        /// The audit events' lines, made when they were chained.
        let auditLines: [[UInt8]]
        let durability = Durability()
        private let bytes = PlainLock<Writer.Encoded?>(nil)

        init(_ payload: LogPayload<State.Record>, auditLines: [[UInt8]]) {
            self.payload = payload
            self.auditLines = auditLines
        }

        /// Encodes outside the lock: a committer preempted mid-encoding must not stall the writer, which then
        /// encodes the same bytes itself (rarely: the committer usually finishes first).
        func encoded() throws(StoreError) -> Writer.Encoded {
            if let done = bytes.withLock({ $0 }) { return done }
            let encoded = try Writer.encode(payload, auditLines: auditLines)
            bytes.withLock { $0 = encoded }
            return encoded
        }
    }

    /// What `submit` did under the lock: queued a frame, or (writing nothing) took the newest frame's durability.
    private enum Reservation {
        /// `wakesWriter`: the frame went into an empty queue. Later ones need not signal: the writer looks at the
        /// queue again before it sleeps, so one wake-up per batch is enough.
        case queued(Pending, rejection: Error?, wakesWriter: Bool)
        case barrier(Durability)
    }

    private struct Queue: Sendable {
        var frames: [Pending] = []
        var failure: StoreError?
        var closing = false

        /// Every queued frame, in log order, leaving the queue empty.
        mutating func takeFrames() -> [Pending] {
            defer { frames.removeAll(keepingCapacity: true) }
            return frames
        }
    }

    public let directory: DataDirectory
    private let options: StoreOptions
    private let lock: DirectoryLock
    private let live: PlainLock<Live>
    private let queue = PlainLock(Queue())
    /// Wakes the writer when frames are queued (one waiter, so enqueues never wake committers).
    private let work = NSCondition()
    private let writer: Writer
    private let writerDone = DispatchSemaphore(value: 0)
    /// Tells committers their batch is durable, off the writer thread: waking a batch's threads (or running its
    /// callbacks) took as long as its fsync, and the writer can be syncing the next batch meanwhile. Serial, so
    /// batches complete in log order.
    private let notifier = DispatchQueue(label: "postern-store-notify")
    /// Encodes and writes snapshots off the writer thread, which would otherwise stall every commit for as long as
    /// encoding the whole state takes (refresh p99 was 190 ms with a 40k-hash index). One at a time.
    private let snapshotter = DispatchQueue(label: "postern-store-snapshot")
    private let snapshotRunning = Atomic<Bool>(false)

    /// Opens (or creates) the data folder: takes LOCK, loads the newest snapshot, replays the log,
    /// cuts a torn tail, restores audit lines a crash kept from the files, and starts the writer.
    public init(directory: DataDirectory, options: StoreOptions = StoreOptions()) throws(StoreError) {
        self.directory = directory
        self.options = options
        try directory.create()
        lock = try DirectoryLock(directory)
        let snapshot: Snapshot<State>? = try Snapshot.newest(in: directory)
        var state = snapshot?.state ?? State()
        var lsn = snapshot?.lsn ?? 0
        var head: (seq: Int64, hash: String)? = snapshot.map { ($0.auditSeq, $0.auditHash) }
        if head?.seq == 0 { head = nil }
        var replayedAudit: [AuditEvent] = []
        var frames = 0, bytes = 0
        for payload in try LogSegments.replay(directory, after: lsn, repair: true, warn: options.warn) {
            let entry: LogPayload<State.Record>
            do { entry = try JSONDecoder().decode(LogPayload<State.Record>.self, from: Data(payload)) } catch {
                throw .corrupt(path: directory.state, offset: 0, reason: "a log record does not decode: \(error)")
            }
            guard entry.lsn > lsn else { continue }
            guard entry.lsn == lsn + 1 else {
                throw .corrupt(path: directory.state, offset: 0, reason: "log sequence jumps from \(lsn) to \(entry.lsn)")
            }
            for record in entry.records {
                do { try state.apply(record) } catch {
                    throw .corrupt(path: directory.state, offset: 0, reason: "record \(entry.lsn) does not apply: \(error)")
                }
            }
            lsn = entry.lsn
            frames += 1
            bytes += payload.count
            replayedAudit += entry.audit
            if let last = entry.audit.last { head = (last.seq, last.hash) }
        }
        // The audit files are written after the log is synced; a crash in between leaves lines only in the log.
        let filed = try AuditFiles.lastEvent(directory, repair: true)?.seq ?? 0
        let files = AuditFiles(directory)
        try files.append(replayedAudit.filter { $0.seq > filed }.map(AuditFiles.Line.init))
        live = PlainLock(Live(state: state, nextLSN: lsn + 1, auditHead: head))
        let start = LogSegments.list(directory).last?.start ?? (lsn + 1)
        writer = try Writer(directory: directory, segmentStart: start, audit: files, frames: frames, bytes: bytes)
        Thread { [self] in
            // The name the kernel shows (top -H, perf): Foundation's `Thread.name` does not reach it reliably on Linux.
            _ = postern_name_this_thread("postern-writer")
            runWriter()
        }.start()
    }

    deinit {
        close()
    }

    /// Stops the writer after the frames already queued are durable. Later updates throw `.closed`.
    public func close() {
        let alreadyClosed: Bool = queue.withLock { q in
            defer { q.closing = true }
            return q.closing
        }
        if alreadyClosed { return }
        wakeWriter()
        writerDone.wait()
        notifier.sync {}
        snapshotter.sync {}
        lock.release()
    }

    public func read<T>(_ body: (State) throws -> T) rethrows -> T {
        let state = live.withLock { $0.state }
        return try body(state)
    }

    public func submit<T>(_ decide: (State) throws -> (Change<State.Record>, T)) throws -> (value: T, durability: Durability) {
        let (reserved, value): (Reservation, T) = try live.withLock { live throws -> (Reservation, T) in
            try queue.withLock { q throws(StoreError) in
                if let failure = q.failure { throw failure }
                if q.closing { throw StoreError.closed }
            }
            let (change, value) = try decide(live.state)
            // Writing nothing, the decision may still rest on changes not yet durable (a refresh retried inside its
            // grace window answers with a rotation still in flight): it waits for all of them, like a barrier.
            if change.records.isEmpty && change.audit.isEmpty { return (.barrier(live.newest), value) }
            var applied: [State.Record] = []
            var rejection: Error?
            for record in change.records {
                do {
                    try live.state.apply(record)
                    applied.append(record)
                } catch {
                    // What did apply is logged, so memory and log agree; the caller gets the error.
                    rejection = error
                    break
                }
            }
            var events: [AuditEvent] = [], lines: [[UInt8]] = []
            if rejection == nil && !change.audit.isEmpty {
                let now = options.now()
                if live.time.seconds != now { live.time = (now, RFC3339.format(now)) }
                for r in change.audit {
                    let (event, line) = AuditEvent.chained(after: live.auditHead, time: live.time.text, type: r.type,
                                                           requestID: r.requestID, ip: r.ip, clientID: r.clientID,
                                                           subject: r.subject, result: r.result, detail: r.detail)
                    live.auditHead = (event.seq, event.hash)
                    events.append(event)
                    lines.append(line)
                }
            }
            // Queued under the state lock, so frames reach the log in the order they were applied.
            let pending = Pending(LogPayload(lsn: live.nextLSN, records: applied, audit: events), auditLines: lines)
            live.nextLSN += 1
            let (refused, first): (StoreError?, Bool) = queue.withLock { q in
                if let failure = q.failure { return (failure, false) }
                // The writer may already have drained its last batch: it would never see this frame.
                if q.closing { return (.closed, false) }
                q.frames.append(pending)
                return (nil, q.frames.count == 1)
            }
            if let refused { pending.durability.fulfil(refused) }
            live.newest = pending.durability
            return (.queued(pending, rejection: rejection, wakesWriter: first), value)
        }
        switch reserved {
        case .barrier(let barrier):
            return (value, barrier)
        case .queued(let pending, let rejection, let wakesWriter):
            if wakesWriter { wakeWriter() }
            // An encoding failure surfaces on the writer, which stops the store for everyone.
            _ = try? pending.encoded()
            if let rejection { throw StoreError.rejected("\(rejection)") }
            return (value, pending.durability)
        }
    }

    private func wakeWriter() {
        work.lock()
        work.signal()
        work.unlock()
    }

    /// Frames per fsync so far: how much group commit is sharing (read after `close()`; for benchmarks).
    public var framesPerSync: Double {
        writer.batchesWritten == 0 ? 0 : Double(writer.framesWritten) / Double(writer.batchesWritten)
    }

    // MARK: The writer thread

    private func runWriter() {
        defer { writerDone.signal() }
        let pacing = CommitPacing(options)
        var previousBatch = 0
        var lastSync: UInt64 = 0
        while true {
            work.lock()
            var batch: [Pending] = []
            var closing = false
            while true {
                (batch, closing) = queue.withLock { q in (q.takeFrames(), q.closing) }
                if !batch.isEmpty || closing { break }
                work.wait()
            }
            work.unlock()
            var now = DispatchTime.now().uptimeNanoseconds
            let wait = closing ? 0 : pacing.wait(batch: batch.count, previousBatch: previousBatch,
                                                 sinceLastSync: (now - lastSync) / 1000)
            if wait > 0 {
                usleep(wait)
                batch += queue.withLock { $0.takeFrames() }
                now = DispatchTime.now().uptimeNanoseconds
            }
            previousBatch = batch.count
            lastSync = now
            if batch.isEmpty && closing {
                // The log holds every event already; a failure here only means recovery copies them again.
                do { try writer.syncAudit() } catch { options.warn("audit files not synced at close: \(error)") }
                // Recovery would cut the zero fill anyway.
                do { try writer.trimSegment() } catch { options.warn("log segment not trimmed at close: \(error)") }
                return
            }
            do throws(StoreError) {
                try write(batch)
                if writer.snapshotDue(options) { try takeSnapshot() }
            } catch let failure {
                // Every committer, waiting now or arriving later, gets the failure; none waits forever.
                let stranded = queue.withLock { q in
                    q.failure = failure
                    return q.takeFrames()
                }
                options.warn("store writer stopped: \(failure)")
                let lost = batch + stranded
                notifier.async {
                    for pending in lost { pending.durability.fulfil(failure) }
                }
                return
            }
        }
    }

    /// Appends a batch's frames, one fdatasync, files the batch's audit lines, then tells its committers (only them:
    /// no herd per fsync). Filing comes first so that an answered request's event is already in the day file (an
    /// operator or the audit API reading it sees it). If filing fails, the batch is still reported durable, as it is,
    /// and the store stops: later commits are refused.
    private func write(_ batch: [Pending]) throws(StoreError) {
        var encoded: [Writer.Encoded] = []
        encoded.reserveCapacity(batch.count)
        for pending in batch { encoded.append(try pending.encoded()) }
        try writer.write(encoded)
        let filing = Result { () throws(StoreError) in try writer.fileAudit(encoded) }
        notifier.async {
            for pending in batch { pending.durability.fulfil(nil) }
        }
        try filing.get()
    }

    /// Drops expired state and takes a snapshot of exactly what is durable: the writer starts a new segment at once
    /// and goes on committing; the snapshotter writes the snapshot and only then deletes the segments it covers, so
    /// a crash at any point leaves an older snapshot with every segment after it. Runs on the writer thread.
    private func takeSnapshot() throws(StoreError) {
        // The previous snapshot is still being written: the next batch tries again.
        guard !snapshotRunning.load(ordering: .acquiring) else { return }
        let now = options.now()
        // Under the state lock nothing new can be queued: the copy is the durable state plus the frames
        // queued now, which are written before the snapshot is, so the snapshot never runs ahead of the log.
        let (copy, queued): (Snapshot<State>, [Pending]) = live.withLock { live in
            live.state.dropExpired(now: now)
            let queued = queue.withLock { $0.takeFrames() }
            return (Snapshot(lsn: live.nextLSN - 1, auditSeq: live.auditHead?.seq ?? 0, auditHash: live.auditHead?.hash ?? "",
                             state: live.state), queued)
        }
        if !queued.isEmpty { try write(queued) }
        // The segments about to go are the only durable copy of audit lines written since the last sync.
        try writer.syncAudit()
        try writer.startSegment(at: copy.lsn + 1)
        snapshotRunning.store(true, ordering: .releasing)
        let directory = directory, warn = options.warn
        snapshotter.async { [self] in
            defer { snapshotRunning.store(false, ordering: .releasing) }
            do throws(StoreError) {
                try copy.write(to: directory)
                for segment in LogSegments.list(directory) where segment.start <= copy.lsn {
                    unlink(segment.path)
                }
                for name in DataDirectory.files(in: directory.state, prefix: "snapshot-")
                where name != Snapshot<State>.fileName(copy.lsn) {
                    unlink(directory.state + "/" + name)
                }
                try StoreFile.syncDirectory(of: directory.state + "/x")
            } catch {
                // Nothing is lost: the segments stay until a later snapshot succeeds.
                warn("snapshot at log sequence \(copy.lsn) not written, the log keeps everything: \(error)")
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
