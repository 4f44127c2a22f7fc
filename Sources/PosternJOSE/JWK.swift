public import PosternCrypto

/// A public JSON Web Key (RFC 7517): how Postern publishes its signing keys in the JWKS and how it
/// reads keys it trusts. Private members never serialize, and a JWK carrying one is refused on parse.
public struct JWK: Sendable, Equatable {
    /// The key material: P-256 (kty "EC", crv "P-256") or RSA (kty "RSA").
    public enum PublicKey: Sendable, Equatable {
        case p256(P256PublicKey)
        case rsa(RSAPublicKey)
    }

    public var key: PublicKey
    /// `kid`: Postern sets it to the RFC 7638 thumbprint.
    public var keyID: String?
    /// `use`: "sig" for signing keys.
    public var use: String?
    /// `alg`: the one algorithm this key is for, when the publisher restricts it.
    public var algorithm: String?

    public init(_ key: PublicKey, keyID: String? = nil, use: String? = nil, algorithm: String? = nil) {
        self.key = key
        self.keyID = keyID
        self.use = use
        self.algorithm = algorithm
    }

    /// A JWK of the JSON text `bytes`; throws `JOSEError`.
    public init(json bytes: [UInt8]) throws {
        try self.init(members: JSONParser.parseObject(bytes))
    }

    /// Members that exist only in private keys (RFC 7518 §6.2.2, §6.3.2; "k" of symmetric keys §6.4.1).
    private static let privateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]

    /// A JWK of a parsed JSON object.
    public init(members: [String: JSONValue]) throws {
        // A private key in a place for public keys means someone leaked it; refuse rather than ignore.
        if let leaked = JWK.privateMembers.first(where: { members[$0] != nil }) {
            throw JOSEError.invalidKey("private member \"\(leaked)\" in a public JWK")
        }
        func text(_ name: String) throws -> String? {
            guard let value = members[name] else { return nil }
            guard let text = value.stringValue else { throw JOSEError.invalidKey("\"\(name)\" is not a string") }
            return text
        }
        func bytes(_ name: String) throws -> [UInt8] {
            guard let text = try text(name) else { throw JOSEError.invalidKey("missing \"\(name)\"") }
            return try Base64URL.decode(text)
        }
        do {
            switch try text("kty") {
            case "EC":
                let curve = try text("crv")
                guard curve == "P-256" else { throw JOSEError.unsupportedKey("curve \(curve ?? "none")") }
                key = .p256(try P256PublicKey(x: bytes("x"), y: bytes("y")))
            case "RSA":
                key = .rsa(try RSAPublicKey(n: bytes("n"), e: bytes("e")))
            case nil:
                throw JOSEError.invalidKey("missing \"kty\"")
            case let other?:
                throw JOSEError.unsupportedKey("kty \(other)")
            }
        } catch let error as CryptoError {
            throw JOSEError.invalidKey("\(error)")
        }
        keyID = try text("kid")
        use = try text("use")
        algorithm = try text("alg")
    }

    /// The JWK as a JSON object: public members only.
    public var members: [String: JSONValue] {
        var members = thumbprintMembers
        if let keyID { members["kid"] = .string(keyID) }
        if let use { members["use"] = .string(use) }
        if let algorithm { members["alg"] = .string(algorithm) }
        return members
    }

    /// The JWK as compact JSON text.
    public var json: [UInt8] { JSONValue.object(members).serialized() }

    /// RFC 7638 §3.2: the required members of the key type only.
    var thumbprintMembers: [String: JSONValue] {
        switch key {
        case .p256(let key):
            return ["kty": "EC", "crv": "P-256", "x": .string(Base64URL.encode(key.x)), "y": .string(Base64URL.encode(key.y))]
        case .rsa(let key):
            return ["kty": "RSA", "n": .string(Base64URL.encode(key.n)), "e": .string(Base64URL.encode(key.e))]
        }
    }

    /// The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexicographic order
    /// with no whitespace (§3.1-3.3), which is exactly `JSONValue`'s sorted compact form.
    public var thumbprint: String {
        Base64URL.encode(SHA256.hash(JSONValue.object(thumbprintMembers).serialized()))
    }

    /// Whether this key may verify a token signed with `algorithm`: the key type must fit and,
    /// RFC 7517 §4.4/§4.2, a present `alg` must match and a present `use` must be "sig".
    func fits(_ algorithm: JWSAlgorithm) -> Bool {
        if let own = self.algorithm, own != algorithm.rawValue { return false }
        if let use, use != "sig" { return false }
        switch (key, algorithm) {
        case (.p256, .es256), (.rsa, .rs256): return true
        default: return false
        }
    }

    /// Whether `signature` is valid for `signingInput` under this key and `algorithm`.
    func verifies(_ signature: [UInt8], of signingInput: [UInt8], algorithm: JWSAlgorithm) -> Bool {
        switch (key, algorithm) {
        case (.p256(let key), .es256): return key.verifyES256(signature: signature, message: signingInput)
        case (.rsa(let key), .rs256): return key.verifyRS256(signature: signature, message: signingInput)
        default: return false
        }
    }
}
