/// A JWK Set (RFC 7517 §5): the document at `/.well-known/jwks.json`, and the trusted keys a validator looks up by `kid`.
public struct JWKSet: Sendable, Equatable {
    public var keys: [JWK]

    public init(keys: [JWK]) { self.keys = keys }

    /// Parses `{"keys":[…]}`. RFC 7517 §5: keys of a type or curve Postern does not implement are
    /// skipped ("SHOULD ignore JWKs within a JWK Set that use "kty" values that are not understood");
    /// a private member anywhere, a malformed supported key, or a repeated `kid` fails the whole set.
    public init(json bytes: [UInt8]) throws {
        guard let entries = try JSONParser.parseObject(bytes)["keys"]?.arrayValue else {
            throw JOSEError.invalidKey("a JWK Set needs a \"keys\" array")
        }
        var keys: [JWK] = []
        for entry in entries {
            guard let members = entry.objectValue else { throw JOSEError.invalidKey("a JWK must be an object") }
            do {
                keys.append(try JWK(members: members))
            } catch JOSEError.unsupportedKey {
                continue
            }
        }
        let ids = keys.compactMap(\.keyID)
        guard Set(ids).count == ids.count else { throw JOSEError.invalidKey("repeated kid in a JWK Set") }
        self.keys = keys
    }

    /// The key whose `kid` is `keyID`.
    public func key(withID keyID: String) -> JWK? {
        keys.first { $0.keyID == keyID }
    }

    /// `{"keys":[…]}` as compact JSON, public members only.
    public var json: [UInt8] {
        JSONValue.object(["keys": .array(keys.map { .object($0.members) })]).serialized()
    }
}
