import Dispatch
import Synchronization

/// The promise that one commit is on disk: the store's writer fulfils it after the fsync that covers the
/// commit, or with the error that stopped the writer.
///
/// It exists so that a caller need not park a thread per commit: an event loop registers a callback and
/// sends its response from there (DESIGN.md "Request path" 2–3), while offline tools simply `wait()`.
public final class Durability: Sendable {
    public typealias Callback = @Sendable (StoreError?) -> Void

    private enum Phase {
        case pending([Callback])
        case done(StoreError?)
    }

    private let phase: Mutex<Phase>

    init() {
        phase = Mutex(.pending([]))
    }

    private init(done failure: StoreError?) {
        phase = Mutex(.done(failure))
    }

    /// For a change that wrote nothing: already durable.
    public static let immediate = Durability(done: nil)

    /// Runs `body` once the commit is durable (nil) or lost (the error): at once on this thread if that is
    /// already known, else on the store's writer thread, which must not be blocked by it.
    public func whenDone(_ body: @escaping Callback) {
        let known: StoreError?? = phase.withLock { phase in
            switch phase {
            case .done(let failure): return .some(failure)
            case .pending(var callbacks):
                callbacks.append(body)
                phase = .pending(callbacks)
                return .none
            }
        }
        if case .some(let failure) = known { body(failure) }
    }

    /// Blocks the calling thread until the commit is durable; throws what stopped it otherwise.
    public func wait() throws(StoreError) {
        let signal = DispatchSemaphore(value: 0)
        let outcome = Mutex<StoreError?>(nil)
        whenDone { failure in
            outcome.withLock { $0 = failure }
            signal.signal()
        }
        signal.wait()
        if let failure = outcome.withLock({ $0 }) { throw failure }
    }

    /// Called once, by the writer.
    func fulfil(_ failure: StoreError?) {
        let callbacks: [Callback] = phase.withLock { phase in
            guard case .pending(let callbacks) = phase else { return [] }
            phase = .done(failure)
            return callbacks
        }
        for callback in callbacks { callback(failure) }
    }
}
