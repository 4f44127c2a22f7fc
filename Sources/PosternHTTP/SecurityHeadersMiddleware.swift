/// Headers every response carries unless its handler chose otherwise (API.md conventions and "Abuse protection").
public struct SecurityHeadersMiddleware: HTTPMiddleware {
    public init() {}

    public func respond(to request: HTTPRequest, context: RequestContext,
                       next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        var response = try next(request, context)
        decorateUnparsed(&response)
        return response
    }

    public func decorateUnparsed(_ response: inout HTTPResponse) {
        // API.md: `Cache-Control: no-store` unless stated otherwise (JWKS and discovery set their own).
        if !response.headers.contains("Cache-Control") { response.headers.add("Cache-Control", "no-store") }
        response.headers.replace("X-Content-Type-Options", "nosniff")
        if !response.headers.contains("X-Frame-Options") { response.headers.add("X-Frame-Options", "DENY") }
        if !response.headers.contains("Referrer-Policy") { response.headers.add("Referrer-Policy", "no-referrer") }
    }
}
