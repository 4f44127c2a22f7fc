import Foundation
import Synchronization
import Testing
@testable import PosternStore

/// `submit` hands back the commit's `Durability` instead of parking the caller: the event loops rely on it.
@Suite struct DurabilityTests {
    private func open(_ folder: TemporaryFolder, snapshotEvery frames: Int = 50_000) throws -> FlatFileStore<Counters> {
        var options = StoreOptions()
        options.snapshotEveryFrames = frames
        return try FlatFileStore<Counters>(directory: folder.directory, options: options)
    }

    private func submitSet(_ store: FlatFileStore<Counters>, _ key: String, _ value: Int) throws -> Durability {
        try store.submit { _ in
            (Change(records: [.set(key, value)], audit: [AuditRecord(type: "test.set", subject: key)]), ())
        }.durability
    }

    @Test func pipelinedCommitsFromOneThreadAllBecomeDurableInOrder() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        let done = Mutex<[Int]>([])
        let all = DispatchSemaphore(value: 0)
        for i in 0..<300 {
            // The change is visible at once; the callback comes later, from the writer, after the fsync.
            try submitSet(store, "k\(i)", i).whenDone { failure in
                #expect(failure == nil)
                let count = done.withLock { $0.append(i); return $0.count }
                if count == 300 { all.signal() }
            }
            #expect(store.read { $0.values["k\(i)"] } == i)
        }
        #expect(all.wait(timeout: .now() + 30) == .success)
        #expect(done.withLock { $0 } == Array(0..<300))
        store.close()
        let reopened = try open(folder)
        #expect(reopened.read { $0.values.count } == 300)
        #expect(try AuditVerifier.verify(folder.directory).events == 300)
    }

    /// One waiter is kept apart from the rest; every waiter still runs exactly once, in the order it came, with the
    /// one outcome, and one that comes afterwards runs at once.
    @Test func everyWaiterRunsOnceInOrderWithTheOutcome() {
        for waiters in [1, 2, 5] {
            let durability = Durability()
            let seen = Mutex<[String]>([])
            for i in 0..<waiters { durability.whenDone { failure in seen.withLock { $0.append("\(i):\(failure == nil)") } } }
            #expect(seen.withLock { $0 }.isEmpty)
            durability.fulfil(.encoding("lost"))
            durability.fulfil(nil)
            durability.whenDone { failure in seen.withLock { $0.append("late:\(failure == nil)") } }
            #expect(seen.withLock { $0 } == (0..<waiters).map { "\($0):false" } + ["late:false"])
        }
    }

    @Test func aCallbackRegisteredAfterTheFsyncRunsAtOnce() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        let durability = try submitSet(store, "a", 1)
        try durability.wait()
        #expect(isDurable(durability))
    }

    /// True when a callback registered now runs at once and without a failure.
    private func isDurable(_ durability: Durability) -> Bool {
        let ran = Mutex(false)
        durability.whenDone { failure in ran.withLock { $0 = failure == nil } }
        return ran.withLock { $0 }
    }

    @Test func aChangeThatWritesNothingIsAlreadyDurable() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        let (value, durability) = try store.submit { _ in (Change<Counters.Record>(), 7) }
        #expect(value == 7)
        #expect(durability === Durability.immediate)
    }

    /// A decision that writes nothing can still rest on changes that are not durable yet (a refresh retried inside
    /// its grace window answers with the rotation in flight): its durability is that of everything applied before.
    @Test func aChangeThatWritesNothingWaitsForEverythingAppliedBeforeIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        let first = try submitSet(store, "a", 1)
        let second = try submitSet(store, "b", 2)
        let (seen, barrier) = try store.submit { state in (Change<Counters.Record>(), state.values["b"]) }
        #expect(seen == 2)
        #expect(barrier === second && barrier !== first)
        try barrier.wait()
        #expect(isDurable(first))
    }

    @Test func aClosedStoreRefusesSubmissions() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        store.close()
        #expect(throws: StoreError.closed) { _ = try submitSet(store, "late", 1) }
    }

    /// Snapshots are taken while other threads keep committing: the writer first makes the frames queued at the
    /// snapshot's point durable, so a snapshot never holds a change the log does not, and every audit line
    /// survives the deletion of the segments that held it.
    @Test func snapshotsUnderConcurrentLoadKeepEveryCommitAndTheAuditChain() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder, snapshotEvery: 7)
        let threads = 8, perThread = 60
        let finished = DispatchSemaphore(value: 0)
        for t in 0..<threads {
            Thread {
                for i in 0..<perThread { try? store.set("t\(t)-\(i)", i) }
                finished.signal()
            }.start()
        }
        for _ in 0..<threads { #expect(finished.wait(timeout: .now() + 60) == .success) }
        store.close()
        #expect(DataDirectory.files(in: folder.directory.state, prefix: "snapshot-").count == 1)
        let reopened = try open(folder)
        #expect(reopened.read { $0.values.count } == threads * perThread)
        let report = try AuditVerifier.verify(folder.directory)
        #expect(report.events == threads * perThread)
    }
}
