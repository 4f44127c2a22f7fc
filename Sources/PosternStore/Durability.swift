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
        /// Nearly every commit has one waiter (the response gate), kept without an array allocation.
        case pending(first: Callback?, more: [Callback])
        case done(StoreError?)
    }

    private let phase: Mutex<Phase>

    init() {
        phase = Mutex(.pending(first: nil, more: []))
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
            case .pending(nil, let more):
                phase = .pending(first: body, more: more)
                return .none
            case .pending(let first, var more):
                more.append(body)
                phase = .pending(first: first, more: more)
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
        let (first, more): (Callback?, [Callback]) = phase.withLock { phase in
            guard case .pending(let first, let more) = phase else { return (nil, []) }
            phase = .done(failure)
            return (first, more)
        }
        first?(failure)
        for callback in more { callback(failure) }
    }
}
