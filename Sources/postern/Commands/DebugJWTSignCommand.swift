import Foundation
import PosternCrypto
import PosternJOSE

/// `postern debug jwt-sign`: generates a key, signs one JWT, and writes both to a folder so the
/// conformance suite can check them with independent JOSE libraries.
enum DebugJWTSignCommand: Command {
    static let name = "debug jwt-sign"
    static let summary = "generate a signing key and write its JWK, PEM and a signed JWT (tests only)"
    static let synopsis = "--key-out DIR [--alg ES256|RS256] [--iss I] [--sub S] [--aud A]… [--typ T] [--ttl SECONDS] [--claim NAME=JSON]…"
    static let isHidden = true
    static let options: [OptionSpec] = [
        .value("key-out"), .value("alg"), .value("iss"), .value("sub"), .value("aud", repeatable: true),
        .value("typ"), .value("ttl"), .value("claim", repeatable: true),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        guard let folder = arguments.value("key-out") else { throw UsageError("--key-out is required") }
        guard let ttl = Int64(arguments.value("ttl") ?? "300") else { throw UsageError("--ttl must be a number of seconds") }
        let key: JWSSigningKey
        let pem: String
        switch arguments.value("alg") ?? "ES256" {
        case "ES256":
            let privateKey = try P256PrivateKey.generate()
            (key, pem) = (.es256(privateKey), try privateKey.pkcs8PEM())
        case "RS256":
            let privateKey = try RSAPrivateKey.generate()
            (key, pem) = (.rs256(privateKey), try privateKey.pkcs8PEM())
        default:
            throw UsageError("--alg must be ES256 or RS256")
        }
        var extra: [String: JSONValue] = [:]
        for claim in arguments.all("claim") {
            guard let equals = claim.firstIndex(of: "=") else { throw UsageError("--claim needs NAME=JSON") }
            extra[String(claim[..<equals])] = try JSONValue(parsing: Array(claim[claim.index(after: equals)...].utf8))
        }
        let jwk = key.publicJWK
        let now = Int64(Date().timeIntervalSince1970)
        let claims = JWTClaims(issuer: arguments.value("iss"), subject: arguments.value("sub"), audience: arguments.all("aud"),
                               expiration: now + ttl, notBefore: now, issuedAt: now,
                               jwtID: Base64URL.encode(SecureRandom.bytes(16)), extra: extra)
        let token = try JWTSigner(key: key, keyID: jwk.keyID ?? "", type: arguments.value("typ") ?? "JWT").sign(claims)

        let files = FileManager.default
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard files.createFile(atPath: folder + "/private.pem", contents: Data(pem.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        try Data(jwk.json).write(to: URL(fileURLWithPath: folder + "/jwk.json"))
        try Data(JWKSet(keys: [jwk]).json).write(to: URL(fileURLWithPath: folder + "/jwks.json"))
        try Data(token.utf8).write(to: URL(fileURLWithPath: folder + "/token.jwt"))
        print(jwk.keyID ?? "")
        return 0
    }
}
