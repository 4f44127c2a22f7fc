#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import PosternHTTP

@Suite struct WorkerPoolTests {
    @Test func runsEveryAcceptedJobAndDrainsOnShutdown() {
        let pool = WorkerPool(threads: 2, capacity: 100)
        let done = Atomic<Int>(0)
        for _ in 0..<100 {
            #expect(pool.submit { done.wrappingAdd(1, ordering: .relaxed) })
        }
        pool.shutdown()
        #expect(done.load(ordering: .relaxed) == 100)
        #expect(!pool.submit {})
    }

    @Test func fullQueueRefusesInsteadOfGrowing() {
        let pool = WorkerPool(threads: 1, capacity: 2)
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        #expect(pool.submit { started.signal(); release.wait() })
        started.wait()
        #expect(pool.submit { release.wait() })
        #expect(pool.submit { release.wait() })
        #expect(!pool.submit {})
        for _ in 0..<3 { release.signal() }
        pool.shutdown()
    }

    @Test func workersRunAtTheirNicenessAndTheCallerKeepsItsOwn() {
        let own = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        let wanted = min(19, own + 3)
        let pool = WorkerPool(threads: 2, capacity: 4, niceness: 3)
        let seen = Mutex<[Int32]>([])
        for _ in 0..<2 {
            #expect(pool.submit { seen.withLock { $0.append(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)) } })
        }
        pool.shutdown()
        #expect(seen.withLock { $0 } == [wanted, wanted])
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == own)
    }

    /// The kernel knows each worker by name (top -H, perf): Foundation on Linux passes a name on only when a thread
    /// names itself.
    @Test func workersCarryTheirNameToTheKernel() {
        let pool = WorkerPool(threads: 2, capacity: 4)
        let names = Mutex<[String]>([])
        let done = DispatchSemaphore(value: 0)
        #expect(pool.submit {
            names.withLock { $0.append((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "") }
            done.signal()
        })
        done.wait()
        pool.shutdown()
        #expect(["postern-work-0\n", "postern-work-1\n"].contains(names.withLock { $0.first ?? "" }))
    }
}
