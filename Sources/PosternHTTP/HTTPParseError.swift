/// Why a request could not be parsed, with the status it is answered with. The connection always closes after it:
/// after a framing error nothing that follows on the connection can be trusted (request smuggling).
public struct HTTPParseError: Error, Sendable, Equatable {
    public let status: HTTPStatus
    /// Short, safe to show the client.
    public let reason: String

    public init(_ status: Int, _ reason: String) {
        self.status = HTTPStatus(status)
        self.reason = reason
    }

    public var closesConnection: Bool { true }

    /// The API.md wire code of the answer: `payload_too_large` for 413, else `invalid_request` (API.md has no
    /// codes of its own for 414, 431, 501 and 505; the status says which).
    public var code: String { status.code == 413 ? "payload_too_large" : "invalid_request" }

    public var description: String { reason }

    static func bad(_ reason: String) -> HTTPParseError { HTTPParseError(400, reason) }
}
