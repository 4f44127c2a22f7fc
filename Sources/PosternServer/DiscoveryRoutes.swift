import PosternCore
import PosternHTTP

/// Discovery documents and the JWKS: precomputed bytes, answered on the event loop.
enum DiscoveryRoutes {
    static func register(_ service: AuthorizationService, on router: inout Router) {
        let discovery = service.discovery.json
        for path in ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"] {
            router.add(.get, path) { _, _ in
                var response = HTTPResponse.json(200, discovery)
                response.headers.add("Cache-Control", "public, max-age=300")
                return response
            }
        }
        router.add(.get, "/.well-known/jwks.json") { request, _ in
            let published = service.keys.published
            // API.md: Cache-Control public, max-age=300, a strong ETag, and 304 on a matching If-None-Match.
            var response = request.headers.values("If-None-Match").contains { matches($0, published.etag) }
                ? HTTPResponse(status: 304) : HTTPResponse.json(200, published.jwksBody)
            response.headers.add("Cache-Control", "public, max-age=300")
            response.headers.add("ETag", published.etag)
            return response
        }
    }

    /// RFC 9110 §13.1.2: a list of entity tags, or `*`.
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { tag in
            let t = tag.trimmingCharacters(in: .whitespaces)
            return t == "*" || t == etag || t == "W/" + etag
        }
    }
}

import Foundation
