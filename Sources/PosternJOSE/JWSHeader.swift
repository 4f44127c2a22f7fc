/// The protected header of a compact JWS (RFC 7515 §4): the algorithm, media type and key id, plus
/// which of the refused members (`crit`, `jwk`, `jku`, `x5u`, `x5c`) it carries.
public struct JWSHeader: Sendable, Equatable {
    public var algorithm: JWSAlgorithm
    /// `typ`: "at+jwt" for access tokens (RFC 9068 §2.1), "JWT" for ID tokens.
    public var type: String?
    /// `kid`: which key signed it.
    public var keyID: String?
    /// The members present that a validator must refuse, in the order of `JWSHeader.refusedMembers`.
    public let refusedMembersPresent: [String]

    /// Header members Postern never honours. RFC 7515 §4.1.11: a recipient that does not understand an
    /// extension listed in `crit` MUST reject the JWS. `jwk`/`jku`/`x5u`/`x5c` name the verification key
    /// inside the token itself (RFC 8725 §3.10): trusting them lets an attacker supply their own key.
    public static let refusedMembers = ["crit", "jwk", "jku", "x5u", "x5c"]

    public init(algorithm: JWSAlgorithm, type: String? = nil, keyID: String? = nil) {
        self.algorithm = algorithm
        self.type = type
        self.keyID = keyID
        refusedMembersPresent = []
    }

    /// The header of a parsed JSON object; throws `JOSEError` for a missing or unsupported `alg`
    /// or a non-string `typ`/`kid`.
    init(members: [String: JSONValue]) throws {
        guard let name = members["alg"]?.stringValue else { throw JOSEError.malformedToken("header without a string \"alg\"") }
        algorithm = try JWSAlgorithm(headerValue: name)
        func text(_ name: String) throws -> String? {
            guard let value = members[name] else { return nil }
            guard let text = value.stringValue else { throw JOSEError.malformedToken("header \"\(name)\" is not a string") }
            return text
        }
        type = try text("typ")
        keyID = try text("kid")
        refusedMembersPresent = JWSHeader.refusedMembers.filter { members[$0] != nil }
    }

    /// The header as a JSON object (refused members are never written).
    var members: [String: JSONValue] {
        var members: [String: JSONValue] = ["alg": .string(algorithm.rawValue)]
        if let type { members["typ"] = .string(type) }
        if let keyID { members["kid"] = .string(keyID) }
        return members
    }
}
