/// A step around every handler (request ids, security headers, logging), chained in order.
public protocol HTTPMiddleware: Sendable {
    func respond(to request: HTTPRequest, context: RequestContext,
                next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse

    /// Adds what this step adds to every response, to one the server made for bytes it could not parse into a
    /// request (400, 413, 414, 431…): API.md gives every response its request id and headers. Nothing by default.
    func decorateUnparsed(_ response: inout HTTPResponse)
}

extension HTTPMiddleware {
    public func decorateUnparsed(_ response: inout HTTPResponse) {}
}
