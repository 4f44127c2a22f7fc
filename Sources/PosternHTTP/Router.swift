/// Method + path-pattern routing, built once at start-up and then only read.
///
/// Patterns are literal segments and `{name}` segments (`/api/v1/clients/{id}`). Literal
/// routes are found by one dictionary look-up; patterned ones are matched segment by segment.
public struct Router: Sendable {
    /// A registered route.
    public struct Route: Sendable {
        public let method: HTTPMethod
        public let pattern: String
        public let execution: ExecutionChooser
        public let handler: HTTPHandler
        let segments: [Substring]
    }

    /// The outcome of matching a request.
    public enum Match: Sendable {
        case found(Route, parameters: [String: String])
        /// The path matched `pattern`, but no route of it takes the method.
        case methodNotAllowed(allowed: [HTTPMethod], pattern: String)
        case notFound
    }

    private var literal: [String: [Route]] = [:]
    private var patterned: [Route] = []

    public init() {}

    /// Every registered route, literal ones first (for documentation checks, not for dispatch).
    public var routes: [Route] { literal.values.flatMap { $0 } + patterned }

    public mutating func add(_ method: HTTPMethod, _ pattern: String, execution: HandlerExecution = .inline,
                             _ handler: @escaping HTTPHandler) {
        add(method, pattern, executionFor: { _ in execution }, handler)
    }

    /// A route whose handler runs where `executionFor` says, request by request.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, executionFor: @escaping ExecutionChooser,
                             _ handler: @escaping HTTPHandler) {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let route = Route(method: method, pattern: pattern, execution: executionFor, handler: handler, segments: segments)
        if segments.contains(where: { $0.hasPrefix("{") }) {
            patterned.append(route)
        } else {
            literal[pattern, default: []].append(route)
        }
    }

    public func resolve(method: HTTPMethod, path: String) -> Match {
        // A literal path (every OAuth and discovery route) has no parameters: nothing is built before the pick, and
        // a request resolves up to three times (execution, handler, metrics).
        if let routes = literal[path], !routes.isEmpty {
            return Router.pick(method, among: routes.lazy.map(\.method), pattern: routes[0].pattern) {
                .found(routes[$0], parameters: [:])
            }
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var candidates: [(Route, [String: String])] = []
        for route in patterned {
            if let parameters = Router.match(route.segments, segments) { candidates.append((route, parameters)) }
        }
        guard !candidates.isEmpty else { return .notFound }
        return Router.pick(method, among: candidates.lazy.map(\.0.method), pattern: candidates[0].0.pattern) {
            .found(candidates[$0].0, parameters: candidates[$0].1)
        }
    }

    /// The route for `method` among those of one path (`found` with its index), else 405 with what is allowed and
    /// the path's pattern (evaluated only then). RFC 9110 §9.3.2: HEAD is GET without the body; every GET route answers HEAD.
    private static func pick<Methods: Collection<HTTPMethod>>(_ method: HTTPMethod, among methods: Methods,
                                                             pattern: @autoclosure () -> String,
                                                             found: (Int) -> Match) -> Match where Methods.Index == Int {
        if let i = methods.firstIndex(of: method) ?? (method == .head ? methods.firstIndex(of: .get) : nil) { return found(i) }
        var allowed = Array(methods)
        if allowed.contains(.get) && !allowed.contains(.head) { allowed.append(.head) }
        return .methodNotAllowed(allowed: allowed, pattern: pattern())
    }

    /// Where the matched handler runs (the worker pool or the loop); unmatched requests are answered inline.
    public func execution(for request: HTTPRequest) -> HandlerExecution {
        if case .found(let route, _) = resolve(method: request.method, path: request.path) { return route.execution(request) }
        return .inline
    }

    /// The pattern of the route a request matches, for logs and metrics; a 405 is counted under the pattern its
    /// path matched, so a client using the wrong method shows up on that route rather than among unknown paths.
    public func routePattern(for request: HTTPRequest) -> String? {
        switch resolve(method: request.method, path: request.path) {
        case .found(let route, _): route.pattern
        case .methodNotAllowed(_, let pattern): pattern
        case .notFound: nil
        }
    }

    /// Runs the matched handler; 404 / 405 (with `Allow`) in the API.md error shape; a thrown
    /// `HTTPResponseRepresentableError` renders itself, anything else is a 500 with no internals. The cause of a
    /// 5xx other than 503 (an expected refusal under load) is logged (`ServerErrorLog`).
    public func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        switch resolve(method: request.method, path: request.path) {
        case .notFound:
            return .error(status: 404, code: "not_found", description: "Not found")
        case .methodNotAllowed(let allowed, _):
            var response = HTTPResponse.error(status: 405, code: "method_not_allowed", description: "Method not allowed")
            response.headers.add("Allow", allowed.map(\.rawValue).joined(separator: ", "))
            return response
        case .found(let route, let parameters):
            var context = context
            context.pathParameters = parameters
            context.routePattern = route.pattern
            do {
                return try route.handler(request, context)
            } catch let error as any HTTPResponseRepresentableError {
                let response = error.response
                if response.status.code >= 500 && response.status.code != 503 {
                    ServerErrorLog.write(error, requestID: context.requestID, route: route.pattern)
                }
                return response
            } catch {
                ServerErrorLog.write(error, requestID: context.requestID, route: route.pattern)
                return .serverError
            }
        }
    }

    private static func match(_ pattern: [Substring], _ path: [Substring]) -> [String: String]? {
        guard pattern.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (p, s) in zip(pattern, path) {
            if p.hasPrefix("{") && p.hasSuffix("}") {
                guard !s.isEmpty, let value = try? FormDecoder.percentDecode(ArraySlice(Array(s.utf8)), plusIsSpace: false) else {
                    return nil
                }
                parameters[String(p.dropFirst().dropLast())] = value
            } else if p != s {
                return nil
            }
        }
        return parameters
    }
}
