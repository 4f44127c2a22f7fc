import Foundation

/// Hashes and verifies user passwords with scrypt, stored as PHC strings; the only place a password is ever turned into something stored.
public struct PasswordHasher: Sendable {
    /// Parameters used for new hashes, and against which stored ones are judged stale.
    public let parameters: ScryptParameters

    static let saltLength = 16
    static let hashLength = 32

    /// A hasher with `parameters` (tests use a small `logN` for speed).
    public init(parameters: ScryptParameters = .recommended) {
        self.parameters = parameters
    }

    /// A new PHC string for `password`, with a fresh 16-byte random salt and a 32-byte hash.
    /// Throws `CryptoError.openSSL` only if OpenSSL fails (e.g. cannot allocate the scrypt memory).
    public func hash(_ password: String) throws(CryptoError) -> String {
        let salt = SecureRandom.bytes(Self.saltLength)
        let hash = try Scrypt.derive(password: Self.bytes(of: password), salt: salt, parameters: parameters,
                                     length: Self.hashLength)
        return PHCString(parameters: parameters, salt: salt, hash: hash).encoded
    }

    /// Checks `password` against a stored PHC string. A malformed or out-of-bounds string is
    /// `.invalid`, never a crash and never a large allocation. Throws only on an OpenSSL failure,
    /// which the server must answer as `server_error`, not as a wrong password.
    public func verify(_ password: String, against stored: String) throws(CryptoError) -> PasswordVerification {
        let phc: PHCString
        do {
            phc = try PHCString(parsing: stored)
        } catch {
            return .invalid
        }
        let candidate = try Scrypt.derive(password: Self.bytes(of: password), salt: phc.salt,
                                          parameters: phc.parameters, length: phc.hash.count)
        guard ConstantTime.equals(candidate, phc.hash) else { return .invalid }
        let current = phc.parameters == parameters && phc.salt.count == Self.saltLength
            && phc.hash.count == Self.hashLength
        return .valid(needsRehash: !current)
    }

    /// Spends the time of a `verify` with the current parameters and always answers `.invalid`.
    /// API.md "Abuse protection": login and forgot-password answer in about the same time whether
    /// or not the account exists, so an unknown account runs this instead of `verify`.
    public func verifyUnknownAccount(_ password: String) throws(CryptoError) -> PasswordVerification {
        let salt = SecureRandom.bytes(Self.saltLength)
        let candidate = try Scrypt.derive(password: Self.bytes(of: password), salt: salt, parameters: parameters,
                                          length: Self.hashLength)
        // Compared like a real hash so the work matches; a random 256-bit target never matches.
        _ = ConstantTime.equals(candidate, SecureRandom.bytes(Self.hashLength))
        return .invalid
    }

    /// RFC 8265 §4.2 (OpaqueString) normalises passwords to NFC, so the same password typed on
    /// two keyboards that compose accents differently hashes the same.
    static func bytes(of password: String) -> [UInt8] {
        Array(password.precomposedStringWithCanonicalMapping.utf8)
    }
}
