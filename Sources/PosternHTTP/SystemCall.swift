#if canImport(Glibc)
import Glibc
#endif

/// The one place syscalls are made: retries on EINTR and turns `-1` into a `SystemError` carrying errno.
enum SystemCall {
    /// Runs `body` until it does not fail with EINTR; a negative result throws with the current errno.
    /// Typed throws keeps the EAGAIN path of a non-blocking read free of allocations.
    @inline(__always)
    static func retrying<Result: BinaryInteger>(_ call: String, _ body: () -> Result) throws(SystemError) -> Result {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemError(call: call, errno: code)
        }
    }

    /// Closes a descriptor once. EINTR is not retried: on Linux the descriptor is already released (close(2) NOTES).
    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }
}
