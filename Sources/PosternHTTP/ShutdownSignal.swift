#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Turns SIGTERM and SIGINT into a call to a shutdown closure on an ordinary thread, so the server can drain
/// instead of dying mid-response. The signals are blocked and collected with sigtimedwait(2): no async-signal
/// handler runs, so the closure may take locks.
final class ShutdownSignal: Sendable {
    private let stopped = Atomic<Bool>(false)

    /// Blocks SIGTERM and SIGINT in the calling thread; threads it creates afterwards inherit the mask, which is
    /// what lets one thread collect them. Call it before starting other threads.
    static func blockSignals() {
        var set = signalSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
        // An ignored signal is discarded even while blocked, and a shell starts background jobs with SIGINT
        // ignored; the default disposition lets sigtimedwait(2) collect it (it never runs while blocked).
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    private static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }

    /// Starts the collecting thread; `onSignal` runs on it for each SIGTERM/SIGINT until `stop()`.
    init(onSignal: @escaping @Sendable (Int32) -> Void) {
        NamedThread.start("postern-signals") { [self] in
            var set = Self.signalSet()
            // A bounded wait lets `stop()` end the thread without sending it a signal.
            var timeout = timespec(tv_sec: 0, tv_nsec: 200_000_000)
            while !stopped.load(ordering: .acquiring) {
                let signal = sigtimedwait(&set, nil, &timeout)
                if signal > 0 { onSignal(signal) }
            }
        }
    }

    func stop() {
        stopped.store(true, ordering: .releasing)
    }
}
