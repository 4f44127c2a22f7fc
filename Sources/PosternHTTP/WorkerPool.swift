#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads with a bounded queue for slow handlers (password hashing, upstream calls, durable commits),
/// so an event loop never blocks and a flood gets 503 at once instead of unbounded memory (DESIGN.md "Request path").
public final class WorkerPool: Sendable {
    public typealias Job = @Sendable () -> Void

    private struct Queue: Sendable {
        /// A ring buffer of `capacity` slots: no allocation per job once it has been filled once.
        var slots: [Job?]
        var head = 0
        var count = 0
        var stopping = false
    }

    public let threadCount: Int
    public let capacity: Int
    private let queue: Mutex<Queue>
    private let available = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `threads` workers sharing a queue of `capacity` jobs. A positive `niceness` is added to the workers'
    /// nice value (up to 19), lowering their scheduling priority below the rest of the process (Linux keeps it per
    /// thread), so CPU-bound jobs such as password hashing never keep the event loops from answering, 503s included.
    public init(threads: Int, capacity: Int, niceness: Int32 = 0) {
        threadCount = max(1, threads)
        self.capacity = max(1, capacity)
        queue = Mutex(Queue(slots: Array(repeating: nil, count: max(1, capacity))))
        for index in 0..<threadCount {
            NamedThread.start("postern-work-\(index)") { [self] in
                // who = 0 is the calling thread. Relative to the process's own value, so a server started under
                // `nice` keeps its workers below its loops; a failure only leaves the inherited priority.
                if niceness > 0 {
                    let which = __priority_which_t(PRIO_PROCESS.rawValue)
                    _ = setpriority(which, 0, min(19, getpriority(which, 0) + niceness))
                }
                work()
            }
        }
    }

    /// Queues `job`; false when the queue is full or the pool is stopping (the caller answers 503).
    public func submit(_ job: @escaping Job) -> Bool {
        let accepted = queue.withLock { queue in
            guard !queue.stopping, queue.count < queue.slots.count else { return false }
            queue.slots[(queue.head + queue.count) % queue.slots.count] = job
            queue.count += 1
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Jobs waiting for a thread (not counting those running).
    public var queuedCount: Int { queue.withLock { $0.count } }

    /// Lets queued jobs finish, then stops every thread and waits for them.
    public func shutdown() {
        let alreadyStopping = queue.withLock { queue in
            defer { queue.stopping = true }
            return queue.stopping
        }
        guard !alreadyStopping else { return }
        for _ in 0..<threadCount { available.signal() }
        for _ in 0..<threadCount { finished.wait() }
    }

    private func work() {
        while true {
            available.wait()
            let job: Job? = queue.withLock { queue in
                guard queue.count > 0 else { return nil }
                let job = queue.slots[queue.head]
                queue.slots[queue.head] = nil
                queue.head = (queue.head + 1) % queue.slots.count
                queue.count -= 1
                return job
            }
            guard let job else {
                // Only a shutdown signal wakes a worker with an empty queue: submit signals once per job.
                finished.signal()
                return
            }
            job()
        }
    }
}
