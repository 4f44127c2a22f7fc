import PosternCrypto
import PosternJOSE
import Synchronization

/// The signing keys in use: decrypted once, the active signers, and the JWKS bytes served to everyone.
///
/// The schedule (next → active → retired) lives in `AuthState.keyRing` and changes only
/// through committed records; this type turns that state into signers and bytes, and
/// proposes the records the schedule needs next (`maintenance(state:now:)`).
public final class KeyRing: Sendable {
    /// What request handlers read, swapped whole when the keys change. A class, so that a read is one retain: as a
    /// struct, every JWKS request and every token copied its five fields out of the lock (~4 % of a JWKS request).
    public final class Published: Sendable {
        /// Signs access tokens (`typ: at+jwt`).
        public let accessTokenSigner: JWTSigner?
        /// Signs ID tokens (`typ: JWT`).
        public let idTokenSigner: JWTSigner?
        public let jwks: JWKSet
        /// `{"keys":[…]}`, computed once per change.
        public let jwksBody: [UInt8]
        /// A strong ETag over `jwksBody` (RFC 9110 §8.8.3).
        public let etag: String

        init(accessTokenSigner: JWTSigner?, idTokenSigner: JWTSigner?, jwks: JWKSet, jwksBody: [UInt8], etag: String) {
            self.accessTokenSigner = accessTokenSigner
            self.idTokenSigner = idTokenSigner
            self.jwks = jwks
            self.jwksBody = jwksBody
            self.etag = etag
        }
    }

    private let encryptionKey: [UInt8]
    /// The longest lifetime of a token the keys sign: how long a retired key stays in the JWKS.
    private let tokenLifetime: Int64
    private let loaded = Mutex<[String: JWSSigningKey]>([:])
    private let current = Mutex<Published>(KeyRing.publish(active: nil, keys: []))

    /// `tokenLifetime`: the longest lifetime, in seconds, of a token signed from now on (the access-token TTL).
    public init(encryptionKey: [UInt8], tokenLifetime: Int64) {
        self.encryptionKey = encryptionKey
        self.tokenLifetime = tokenLifetime
    }

    public var published: Published { current.withLock { $0 } }

    /// The public key for `kid`, if it is still published (for validating our own tokens).
    public func verificationKey(kid: String) -> JWK? { published.jwks.key(withID: kid) }

    /// Decrypts any sealed key not yet loaded and rebuilds the published set from `state`.
    public func load(from state: AuthState) throws(PosternError) {
        let records = state.keyRing.publishedKeys
        var keys = loaded.withLock { $0 }
        for record in records where keys[record.kid] == nil {
            guard let sealed = state.sealedKeys[record.kid] else { throw .serverError(debug: "no key material for \(record.kid)") }
            keys[record.kid] = try unseal(sealed, kid: record.kid)
        }
        keys = keys.filter { kid, _ in records.contains { $0.kid == kid } }
        let active = state.keyRing.activeKey.flatMap { record in keys[record.kid].map { (record.kid, $0) } }
        let published = KeyRing.publish(active: active, keys: records.compactMap { keys[$0.kid] })
        loaded.withLock { $0 = keys }
        current.withLock { $0 = published }
    }

    /// The records the schedule needs at `now`: a first key, an automatic rotation, activations, a raised token
    /// lifetime, removals.
    public func maintenance(state: AuthState, now: Int64) throws(PosternError) -> [AuthRecord] {
        var records: [AuthRecord] = []
        var schedule = state.keyRing
        if case .newKey(let activatesAt)? = schedule.need(at: now) {
            let record = try newKeyRecord(at: now, activatesAt: activatesAt)
            records.append(record)
            if case let .signingKeyPublished(kid, _, _, at, activatesAt) = record {
                schedule.apply(.publish(kid: kid, at: at, activatesAt: activatesAt))
            }
        }
        for transition in schedule.advance(now: now, tokenLifetime: tokenLifetime) {
            switch transition {
            case let .activate(kid, at, removeAt, lifetime):
                records.append(.signingKeyActivated(kid: kid, at: at, retiredKeyRemoveAt: removeAt, tokenLifetime: lifetime))
            case let .raiseLifetime(kid, lifetime): records.append(.signingKeyLifetimeRaised(kid: kid, tokenLifetime: lifetime))
            case let .remove(kid): records.append(.signingKeyRemoved(kid: kid))
            case .publish: break
            }
        }
        return records
    }

    /// The record of a manual rotation (`postern keys rotate`, the admin API), or nil when a key is already waiting.
    public func rotation(state: AuthState, now: Int64) throws(PosternError) -> AuthRecord? {
        guard case .newKey(let activatesAt)? = state.keyRing.rotation(at: now) else { return nil }
        return try newKeyRecord(at: now, activatesAt: activatesAt)
    }

    private func newKeyRecord(at now: Int64, activatesAt: Int64) throws(PosternError) -> AuthRecord {
        do {
            let key = try P256PrivateKey.generate()
            let kid = JWSSigningKey.es256(key).publicJWK.thumbprint
            // The kid is the additional data, so a sealed key cannot be swapped under another kid.
            let sealed = try AESGCM.seal(Array(try key.pkcs8PEM().utf8), key: encryptionKey, authenticating: Array(kid.utf8))
            return .signingKeyPublished(kid: kid, algorithm: JWSAlgorithm.es256.rawValue, sealedPrivateKey: sealed.combined,
                                        at: now, activatesAt: activatesAt)
        } catch {
            throw .serverError(debug: "signing key generation failed", underlying: error)
        }
    }

    private func unseal(_ sealed: SealedSigningKey, kid: String) throws(PosternError) -> JWSSigningKey {
        do {
            let pem = try AESGCM.open(combined: sealed.sealedPrivateKey, key: encryptionKey, authenticating: Array(kid.utf8))
            let text = String(decoding: pem, as: UTF8.self)
            switch sealed.algorithm {
            case JWSAlgorithm.es256.rawValue: return .es256(try P256PrivateKey(pkcs8PEM: text))
            case JWSAlgorithm.rs256.rawValue: return .rs256(try RSAPrivateKey(pkcs8PEM: text))
            default: throw PosternError.serverError(debug: "unknown key algorithm \(sealed.algorithm)")
            }
        } catch {
            // The usual cause: POSTERN_ENCRYPTION_KEY differs from the one the keys were sealed with.
            throw .serverError(debug: "cannot decrypt signing key \(kid): wrong encryption key?", underlying: error)
        }
    }

    private static func publish(active: (String, JWSSigningKey)?, keys: [JWSSigningKey]) -> Published {
        let jwks = JWKSet(keys: keys.map(\.publicJWK))
        let body = jwks.json
        let etag = "\"" + Base64URL.encode(Array(SHA256.hash(body).prefix(18))) + "\""
        return Published(accessTokenSigner: active.map { JWTSigner(key: $0.1, keyID: $0.0, type: "at+jwt") },
                         idTokenSigner: active.map { JWTSigner(key: $0.1, keyID: $0.0, type: "JWT") },
                         jwks: jwks, jwksBody: body, etag: etag)
    }
}
