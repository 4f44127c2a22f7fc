/// Holds a response back until what it reports is safe to announce, typically the durable commit of the change
/// behind it (API.md "Audit log": an event is durable before the response that caused it is sent).
///
/// The handler returns at once, so an event loop can run it inline: the connection waits without a thread, and the
/// loop sends the response when the gate opens, or a 500 `server_error` in its place if the commit failed.
public final class ResponseGate: Sendable {
    public typealias Opener = @Sendable (_ succeeded: Bool) -> Void

    private let subscribe: @Sendable (@escaping Opener) -> Void

    /// `subscribe` registers its argument to be called exactly once, from any thread, when the gate opens.
    public init(_ subscribe: @escaping @Sendable (_ open: @escaping Opener) -> Void) {
        self.subscribe = subscribe
    }

    func whenOpen(_ body: @escaping Opener) {
        subscribe(body)
    }
}

extension ResponseGate: Equatable {
    public static func == (lhs: ResponseGate, rhs: ResponseGate) -> Bool { lhs === rhs }
}
