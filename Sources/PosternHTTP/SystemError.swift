#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which call and the `errno` it left, so a caller can tell EAGAIN from a real failure.
public struct SystemError: Error, Equatable, CustomStringConvertible {
    /// The call that failed, e.g. `"accept4"`.
    public let call: String
    /// The `errno` value after the call.
    public let errno: Int32

    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// True for the "try again later" results of a non-blocking descriptor.
    public var wouldBlock: Bool { errno == EAGAIN || errno == EWOULDBLOCK }

    public var description: String {
        "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
