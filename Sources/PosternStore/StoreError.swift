/// The one error type of PosternStore; the server edge maps every case to `server_error`, except a held lock at start-up.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed: the call, its errno, and the path it was about.
    case system(call: String, errno: Int32, path: String)
    /// Another process holds `DATA_DIR/LOCK`.
    case locked(pid: Int32?, path: String)
    /// Damaged data that recovery must not guess about: the file, the byte offset, why.
    case corrupt(path: String, offset: Int, reason: String)
    /// A record or snapshot did not encode or decode.
    case encoding(String)
    /// The state machine refused a record (a bug in the caller's decision, never user input).
    case rejected(String)
    /// An operation on a data folder cannot go ahead as asked (a backup into a folder that is not empty); the reason
    /// is the whole message.
    case refused(String)
    /// The store was closed, or stopped after a write failed; nothing more is accepted.
    case closed

    public var description: String {
        switch self {
        case let .system(call, errno, path): "\(call)(\(path)) failed: \(String(cString: strerror(errno)))"
        case let .locked(pid, path): "\(path) is held by another process" + (pid.map { " (pid \($0))" } ?? "")
        case let .corrupt(path, offset, reason): "\(path) at byte \(offset): \(reason)"
        case let .encoding(reason): "encoding failed: \(reason)"
        case let .rejected(reason): "record rejected: \(reason)"
        case let .refused(reason): reason
        case .closed: "the store is closed"
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
