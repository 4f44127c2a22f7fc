extension HTTPServer {
    /// The context a request starts with: the client address (the peer's, unless the resolver believes a proxy)
    /// and the matched route pattern (for the access log and metrics labels, never the raw path) are known before
    /// the handler runs; middleware fills in the request id.
    func context(for request: HTTPRequest, peer: String) -> RequestContext {
        let client = configuration.clientAddressResolver?.clientAddress(peer: peer, headers: request.headers) ?? peer
        return RequestContext(requestID: "-", clientAddress: client, routePattern: router.routePattern(for: request))
    }

    /// Runs the middleware chain around the router. Never throws: the router turns unknown errors into 500, and a
    /// middleware that throws gets the same treatment here, so a handler bug cannot take a connection down.
    func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        respond(to: request, context: context, from: middleware[...]) { router.respond(to: $0, context: $1) }
    }

    /// The same chain around a response the server gives without a handler (503 when the worker queue is full), so it
    /// gets the request's id and the headers every response carries.
    func respond(to request: HTTPRequest, context: RequestContext, with response: HTTPResponse) -> HTTPResponse {
        respond(to: request, context: context, from: middleware[...]) { _, _ in response }
    }

    /// The answer to bytes that never became a request, with what each middleware adds to every response.
    func respondUnparsed(_ error: HTTPParseError) -> HTTPResponse {
        var response = HTTPResponse.rejecting(error)
        for step in middleware { step.decorateUnparsed(&response) }
        return response
    }

    private func respond(to request: HTTPRequest, context: RequestContext, from chain: ArraySlice<any HTTPMiddleware>,
                         end: (HTTPRequest, RequestContext) -> HTTPResponse) -> HTTPResponse {
        guard let first = chain.first else { return end(request, context) }
        do {
            return try first.respond(to: request, context: context) { request, context in
                respond(to: request, context: context, from: chain.dropFirst(), end: end)
            }
        } catch {
            return .serverError
        }
    }
}
