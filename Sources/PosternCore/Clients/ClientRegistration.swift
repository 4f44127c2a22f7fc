import Foundation
import PosternCrypto
import PosternJOSE

/// A request to register a client (CLI `postern client add`, the admin API, RFC 7591), validated into a `Client`.
public struct ClientRegistration: Sendable {
    public var name: String
    public var grantTypes: [GrantType]
    public var redirectURIs: [String]
    public var postLogoutRedirectURIs: [String]
    public var scope: String
    public var isPublic: Bool
    public var firstParty: Bool

    public init(name: String, grantTypes: [GrantType], redirectURIs: [String] = [], postLogoutRedirectURIs: [String] = [],
                scope: String = "openid", isPublic: Bool = false, firstParty: Bool = false) {
        self.name = name
        self.grantTypes = grantTypes
        self.redirectURIs = redirectURIs
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.scope = scope
        self.isPublic = isPublic
        self.firstParty = firstParty
    }

    /// Limits on what a registration stores; the admin API (`POST /api/v1/admin/clients`) shares them.
    public static let maximumNameBytes = 800
    public static let maximumScopeBytes = 1024
    public static let maximumScopeTokenBytes = 256
    public static let maximumRedirectURIBytes = 2048

    /// The new client and, for a confidential one, its secret: shown once, stored only as SHA-256.
    public func register(now: Int64) throws(PosternError) -> (client: Client, secret: String?) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        // 200 characters, and bytes too: one character may carry any number of combining marks.
        guard !trimmed.isEmpty, trimmed.count <= 200, trimmed.utf8.count <= ClientRegistration.maximumNameBytes else {
            throw .invalidRequest("client name must be 1–200 characters (at most \(ClientRegistration.maximumNameBytes) bytes)",
                                  field: "client_name")
        }
        // The name is shown on consent pages and written to logs and the audit trail: a newline or an escape
        // sequence there would forge lines or rewrite a terminal.
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidRequest("client name must not contain control characters", field: "client_name")
        }
        guard !grantTypes.isEmpty else { throw .invalidRequest("at least one grant type is required", field: "grant_types") }
        // RFC 6749 §4.4: client_credentials is for confidential clients only.
        if isPublic && grantTypes.contains(.clientCredentials) {
            throw .invalidRequest("a public client cannot use client_credentials", field: "grant_types")
        }
        if grantTypes.contains(.authorizationCode) && redirectURIs.isEmpty {
            throw .invalidRequest("authorization_code needs a redirect URI", field: "redirect_uris")
        }
        for uri in redirectURIs { try ClientRegistration.checkRedirect(uri, field: "redirect_uris") }
        for uri in postLogoutRedirectURIs { try ClientRegistration.checkRedirect(uri, field: "post_logout_redirect_uris") }
        // RFC 6749 §3.3 bounds neither; every token the client is granted is copied into each of its access tokens.
        guard scope.utf8.count <= ClientRegistration.maximumScopeBytes else {
            throw .invalidRequest("scope longer than \(ClientRegistration.maximumScopeBytes) bytes", field: "scope")
        }
        guard let parsedScope = Scope(parsing: scope) else { throw .invalidRequest("scope is malformed", field: "scope") }
        guard parsedScope.tokens.allSatisfy({ $0.utf8.count <= ClientRegistration.maximumScopeTokenBytes }) else {
            throw .invalidRequest("scope token longer than \(ClientRegistration.maximumScopeTokenBytes) bytes", field: "scope")
        }
        let secret = isPublic ? nil : Base64URL.encode(SecureRandom.bytes(32))
        let client = Client(id: Identifier.make(.client), name: trimmed, secretHash: secret.map { SHA256.hash($0) },
                            grantTypes: grantTypes, redirectURIs: redirectURIs, postLogoutRedirectURIs: postLogoutRedirectURIs,
                            scope: parsedScope, authMethod: isPublic ? .none : .clientSecretBasic, firstParty: firstParty,
                            createdAt: now)
        return (client, secret)
    }

    /// RFC 6749 §3.1.2: "The redirection endpoint URI MUST be an absolute URI" and "MUST NOT include a
    /// fragment component". RFC 8252 / OAuth 2.1: https; plain http only for loopback (§7.3); and a native app's
    /// private-use scheme, which is a reverse domain name it controls (§7.1: `com.example.app:/callback`), so it has
    /// a dot, which no `javascript:`, `data:` or `file:` has. URIs are compared exactly, so a `*` in a host can
    /// only be a mistake.
    static func checkRedirect(_ uri: String, field: String) throws(PosternError) {
        // Not echoed: the message stays one short line.
        guard uri.utf8.count <= maximumRedirectURIBytes else {
            throw .invalidRequest("redirect URI longer than \(maximumRedirectURIBytes) bytes", field: field)
        }
        guard let c = URLComponents(string: uri), let scheme = c.scheme?.lowercased(),
              c.fragment == nil else {
            throw .invalidRequest("redirect URI must be an absolute URI without a fragment: \(uri)", field: field)
        }
        // Browsers read `\` as `/` where URLComponents does not (`http://evil.example\@localhost/` would pass as
        // loopback), and credentials have no place in a redirect: only RFC 3986 characters, no userinfo.
        guard uri.utf8.allSatisfy(isURICharacter), c.user == nil, c.password == nil else {
            throw .invalidRequest("redirect URI must be plain RFC 3986 without user information: \(uri)", field: field)
        }
        switch scheme {
        case "https", "http":
            guard let host = c.host, !host.isEmpty, !host.contains("*") else {
                throw .invalidRequest("redirect URI must name one host, without wildcards: \(uri)", field: field)
            }
            let loopback = ["127.0.0.1", "[::1]", "::1", "localhost"].contains(host.lowercased())
            guard scheme == "https" || loopback else {
                throw .invalidRequest("redirect URI must use https (http only on loopback): \(uri)", field: field)
            }
        default:
            guard scheme.contains("."), !c.path.isEmpty || !(c.host ?? "").isEmpty else {
                throw .invalidRequest("redirect URI must use https, http on loopback, or a reverse-domain app scheme "
                                      + "(com.example.app:/callback): \(uri)", field: field)
            }
        }
    }

    /// RFC 3986 §2: unreserved, reserved and `%`.
    private static func isURICharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return uriPunctuation.contains(byte)
        }
    }

    private static let uriPunctuation = Set("-._~:/?#[]@!$&'()*+,;=%".utf8)
}
