import Dispatch
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
}
