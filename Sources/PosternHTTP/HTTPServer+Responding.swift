extension HTTPServer {
    /// The context a request starts with: the matched route pattern (for the access log and metrics labels,
    /// never the raw path) is known before the handler runs; middleware fills in the request id.
    func context(for request: HTTPRequest, client: String) -> RequestContext {
        RequestContext(requestID: "-", clientAddress: client, routePattern: router.routePattern(for: request))
    }

    /// Runs the middleware chain around the router. Never throws: the router turns unknown errors into 500, and a
    /// middleware that throws gets the same treatment here, so a handler bug cannot take a connection down.
    func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        respond(to: request, context: context, from: middleware[...])
    }

    private func respond(to request: HTTPRequest, context: RequestContext, from chain: ArraySlice<any HTTPMiddleware>) -> HTTPResponse {
        guard let first = chain.first else { return router.respond(to: request, context: context) }
        do {
            return try first.respond(to: request, context: context) { request, context in
                respond(to: request, context: context, from: chain.dropFirst())
            }
        } catch {
            return .error(status: 500, code: "server_error", description: "Internal server error")
        }
    }
}
