/// The claims set of a JWT (RFC 7519 §4): the registered claims as typed properties, everything else
/// (`client_id`, `scope`, `org_id`, `roles`, `amr`, `auth_time`, `nonce`, `azp`, `at_hash`, …) in `extra`.
public struct JWTClaims: Sendable, Equatable {
    /// `iss`
    public var issuer: String?
    /// `sub`
    public var subject: String?
    /// `aud`: written as a string when it has one element, as an array otherwise (RFC 7519 §4.1.3).
    public var audience: [String]
    /// `exp`, `nbf`, `iat`: NumericDate, seconds since the epoch.
    public var expiration: Int64?
    public var notBefore: Int64?
    public var issuedAt: Int64?
    /// `jti`
    public var jwtID: String?
    /// Every other claim by name. A registered name here (`iss`, `exp`, …) is ignored when writing:
    /// the typed property is the only way to set it, so a token never carries a claim twice.
    public var extra: [String: JSONValue]

    public static let registeredNames: Set<String> = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]

    public init(issuer: String? = nil, subject: String? = nil, audience: [String] = [], expiration: Int64? = nil,
                notBefore: Int64? = nil, issuedAt: Int64? = nil, jwtID: String? = nil, extra: [String: JSONValue] = [:]) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiration = expiration
        self.notBefore = notBefore
        self.issuedAt = issuedAt
        self.jwtID = jwtID
        self.extra = extra
    }

    /// The claims of a parsed JSON object; throws `JOSEError.invalidClaim` when a registered claim has the wrong type.
    public init(members: [String: JSONValue]) throws {
        func text(_ name: String) throws -> String? {
            guard let value = members[name] else { return nil }
            guard let text = value.stringValue else { throw JOSEError.invalidClaim("\"\(name)\" is not a string") }
            return text
        }
        // RFC 7519 §2 NumericDate: "a JSON numeric value ... can represent non-integer values". Fractions are truncated.
        func date(_ name: String) throws -> Int64? {
            switch members[name] {
            case nil: return nil
            case .integer(let seconds)?: return seconds
            case .double(let seconds)? where seconds.magnitude < 1e15: return Int64(seconds.rounded(.down))
            default: throw JOSEError.invalidClaim("\"\(name)\" is not a NumericDate")
            }
        }
        issuer = try text("iss")
        subject = try text("sub")
        switch members["aud"] {
        case nil: audience = []
        case .string(let single)?: audience = [single]
        case .array(let elements)?:
            audience = try elements.map { element in
                guard let text = element.stringValue else { throw JOSEError.invalidClaim("\"aud\" holds a non-string") }
                return text
            }
        default: throw JOSEError.invalidClaim("\"aud\" is neither a string nor an array")
        }
        expiration = try date("exp")
        notBefore = try date("nbf")
        issuedAt = try date("iat")
        jwtID = try text("jti")
        extra = members.filter { !JWTClaims.registeredNames.contains($0.key) }
    }

    /// The claims as compact JSON: registered claims first in a fixed order, then `extra` sorted by name.
    /// Written straight into bytes, since the token endpoint serializes one claims set per token.
    public func serialized() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(512)
        out.append(UInt8(ascii: "{"))
        if let issuer { JWTClaims.appendName("iss", to: &out); JSONValue.appendString(issuer, to: &out) }
        if let subject { JWTClaims.appendName("sub", to: &out); JSONValue.appendString(subject, to: &out) }
        if audience.count == 1 {
            JWTClaims.appendName("aud", to: &out)
            JSONValue.appendString(audience[0], to: &out)
        } else if !audience.isEmpty {
            JWTClaims.appendName("aud", to: &out)
            JSONValue.array(audience.map { .string($0) }).append(to: &out)
        }
        if let expiration { JWTClaims.appendName("exp", to: &out); JSONValue.appendInteger(expiration, to: &out) }
        if let notBefore { JWTClaims.appendName("nbf", to: &out); JSONValue.appendInteger(notBefore, to: &out) }
        if let issuedAt { JWTClaims.appendName("iat", to: &out); JSONValue.appendInteger(issuedAt, to: &out) }
        if let jwtID { JWTClaims.appendName("jti", to: &out); JSONValue.appendString(jwtID, to: &out) }
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) where !JWTClaims.registeredNames.contains(key) {
            JWTClaims.appendName(key, to: &out)
            value.append(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Writes `"name":`, preceded by a comma unless it is the first member.
    private static func appendName(_ name: String, to out: inout [UInt8]) {
        if out.count > 1 { out.append(UInt8(ascii: ",")) }
        JSONValue.appendString(name, to: &out)
        out.append(UInt8(ascii: ":"))
    }
}
