import Foundation
import Synchronization
import Testing
@testable import PosternStore

@Suite struct CommitPacingTests {
    func pacing(delay: UInt32 = 100, interval: UInt32 = 0) -> CommitPacing {
        var options = StoreOptions()
        options.commitDelayMicroseconds = delay
        options.syncIntervalMicroseconds = interval
        return CommitPacing(options)
    }

    func open(_ folder: TemporaryFolder, syncInterval: UInt32) throws -> FlatFileStore<Counters> {
        var options = StoreOptions()
        options.syncIntervalMicroseconds = syncInterval
        return try FlatFileStore<Counters>(directory: folder.directory, options: options)
    }

    @Test func aLoneCommitterNeverWaits() {
        #expect(pacing().wait(batch: 1, previousBatch: 1, sinceLastSync: 0) == 0)
        #expect(pacing(interval: 1000).wait(batch: 1, previousBatch: 1, sinceLastSync: 0) == 0)
        #expect(pacing(interval: 1000).wait(batch: 1, previousBatch: 0, sinceLastSync: 0) == 0)
    }

    @Test func withoutAnIntervalFewerThanLastTimeWaitsTheCommitDelayOnce() {
        #expect(pacing().wait(batch: 3, previousBatch: 8, sinceLastSync: 50) == 100)
        #expect(pacing().wait(batch: 8, previousBatch: 8, sinceLastSync: 50) == 0)
        #expect(pacing(delay: 0).wait(batch: 3, previousBatch: 8, sinceLastSync: 50) == 0)
    }

    @Test func sharedFsyncsStartAtMostOncePerInterval() {
        let p = pacing(interval: 1000)
        #expect(p.wait(batch: 3, previousBatch: 2, sinceLastSync: 300) == 700)
        // However many are queued: the window is about the fsync's CPU, not the batch.
        #expect(p.wait(batch: 50, previousBatch: 2, sinceLastSync: 0) == 1000)
        #expect(p.wait(batch: 3, previousBatch: 2, sinceLastSync: 1000) == 0)
        #expect(p.wait(batch: 3, previousBatch: 2, sinceLastSync: 5000) == 0)
    }

    /// The writer runs the rules: 8 committers for 0.6 s with a 100 ms interval share a handful of fsyncs, where
    /// without it each batch would sync as soon as the last one ended (hundreds of them).
    @Test func theWriterKeepsTheInterval() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder, syncInterval: 100_000)
        let commits = Atomic<Int>(0)
        let started = Date()
        // Threads of their own: concurrentPerform would run only as many as there are cores.
        let done = DispatchGroup()
        for thread in 0..<8 {
            done.enter()
            Thread {
                while Date().timeIntervalSince(started) < 0.6, (try? store.set("t\(thread)", 1, audit: false)) != nil {
                    commits.add(1, ordering: .relaxed)
                }
                done.leave()
            }.start()
        }
        done.wait()
        let elapsed = Date().timeIntervalSince(started)
        store.close()
        let count = commits.load(ordering: .relaxed)
        let syncs = Double(count) / store.framesPerSync
        #expect(count >= 8)
        #expect(syncs <= elapsed / 0.1 + 4, "\(syncs) fsyncs for \(count) commits in \(elapsed) s")
    }

    @Test func aLoneCommitterIsNotHeldByTheInterval() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder, syncInterval: 5_000_000)
        let started = Date()
        for i in 0..<5 { try store.set("k", i) }
        #expect(Date().timeIntervalSince(started) < 2.5)
        store.close()
    }
}
