import Dispatch
import PosternCrypto
import Synchronization

/// Runs scrypt in a bounded pool so a login flood cannot exhaust memory or threads.
///
/// API.md "Abuse protection": at most one hash per core at a time and a short queue;
/// past that the request gets 503 `overloaded` at once. Unknown accounts cost a dummy
/// hash, so timing does not tell whether an account exists.
public final class PasswordChecker: Sendable {
    private let hasher: PasswordHasher
    private let running: DispatchSemaphore
    private let admitted = Atomic<Int>(0)
    /// Hashes at once, and checks admitted to wait for one: a server sizes its worker pool to these.
    public let concurrency: Int
    public let queueDepth: Int
    private var capacity: Int { concurrency + queueDepth }

    public init(hasher: PasswordHasher = PasswordHasher(), concurrency: Int, queueDepth: Int) {
        self.hasher = hasher
        self.concurrency = max(1, concurrency)
        self.queueDepth = max(0, queueDepth)
        running = DispatchSemaphore(value: self.concurrency)
    }

    /// Checks `password` against `stored`, or against nothing (a dummy hash) when the account is unknown.
    public func verify(_ password: String, against stored: String?) throws(PosternError) -> PasswordVerification {
        try bounded { () throws(CryptoError) -> PasswordVerification in
            if let stored { return try hasher.verify(password, against: stored) }
            return try hasher.verifyUnknownAccount(password)
        }
    }

    /// A PHC string for `password` with the current parameters.
    public func hash(_ password: String) throws(PosternError) -> String {
        try bounded { () throws(CryptoError) -> String in try hasher.hash(password) }
    }

    /// Checks admitted now, running or queued (for the saturation test).
    var inFlight: Int { admitted.load(ordering: .acquiring) }

    private func bounded<T>(_ work: () throws(CryptoError) -> T) throws(PosternError) -> T {
        let (_, count) = admitted.wrappingAdd(1, ordering: .acquiringAndReleasing)
        defer { admitted.wrappingSubtract(1, ordering: .acquiringAndReleasing) }
        guard count <= capacity else { throw .overloaded(retryAfter: 1) }
        running.wait()
        defer { running.signal() }
        do {
            return try work()
        } catch {
            throw .serverError(debug: "password hashing failed", underlying: error)
        }
    }
}
