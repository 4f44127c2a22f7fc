#if canImport(Glibc)
import Glibc
#endif

/// A value behind glibc's adaptive pthread mutex: it spins briefly, then sleeps on a plain futex.
///
/// It exists because `Synchronization.Mutex` uses priority-inheritance futexes on Linux, so every contended
/// hand-off goes through the kernel's rt_mutex; with 64 committers on 2 cores that convoy cost the store
/// benchmark about 12 % of its samples in `_lockSlow`. The store's two hot locks use this instead.
final class PlainLock<Value>: @unchecked Sendable {
    // @unchecked Sendable: `value` is only read or written inside `withLock`, with `mutex` held.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ADAPTIVE_NP))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
