import Foundation

/// Runs `body(i)` on `count` real threads at once and waits for all: `DispatchQueue.concurrentPerform`
/// would run at most one per core, which is not the contention a benchmark or a crash test wants.
enum Threads {
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchGroup()
        for i in 0..<count {
            done.enter()
            let thread = Thread {
                body(i)
                done.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        done.wait()
    }
}
