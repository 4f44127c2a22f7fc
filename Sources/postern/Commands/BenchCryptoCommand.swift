import PosternCrypto
import PosternJOSE

/// `postern bench crypto`: single-thread ES256 sign and verify rates and the full JWT sign rate,
/// printed as `name value` lines for bench/crypto/run.sh.
enum BenchCryptoCommand: Command {
    static let name = "bench crypto"
    static let summary = "measure ES256 sign/verify and JWT signing rates (benchmarks only)"
    static let synopsis = "[--seconds N]"
    static let isHidden = true
    static let options: [OptionSpec] = [.value("seconds")]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        guard let seconds = Double(arguments.value("seconds") ?? "3"), seconds > 0 else {
            throw UsageError("--seconds must be a positive number")
        }
        let key = try P256PrivateKey.generate()
        let signingKey = JWSSigningKey.es256(key)
        let signer = JWTSigner(key: signingKey, keyID: signingKey.publicJWK.keyID ?? "", type: "at+jwt")
        // An access token's claims as the token endpoint writes them (API.md "Tokens").
        let now: Int64 = 1_795_000_000
        let claims = JWTClaims(issuer: "http://127.0.0.1:8080", subject: "usr_2b7f0c3e9a4d4c1f8e6a5b3d",
                               audience: ["http://127.0.0.1:8080"], expiration: now + 900, notBefore: now, issuedAt: now,
                               jwtID: "Zk3q9Xb2LmN8pQr4StUv6w", extra: [
                                   "client_id": "cli_8f2a6c1d9e3b4a7f", "scope": "openid profile email",
                                   "roles": ["user"], "amr": ["pwd"], "auth_time": .integer(now - 60),
                               ])
        let token = try signer.sign(claims)
        // The JWS signing input of that token: everything before the second dot.
        let message = Array(token.utf8.split(separator: UInt8(ascii: "."))[0...1].joined(separator: [UInt8(ascii: ".")]))
        let signature = try key.signES256(message)
        var failures = 0

        let signRate = try measure(seconds) { _ = try key.signES256(message) }
        let verifyRate = try measure(seconds) { if !key.publicKey.verifyES256(signature: signature, message: message) { failures += 1 } }
        let jwtRate = try measure(seconds) { _ = try signer.sign(claims) }
        guard failures == 0 else {
            CommandLineTool.fail("verification failed \(failures) times")
            return 1
        }
        print("es256_sign_per_s \(Int(signRate))")
        print("es256_verify_per_s \(Int(verifyRate))")
        print("jwt_sign_per_s \(Int(jwtRate))")
        print("jwt_bytes \(token.utf8.count)")
        return 0
    }

    /// Operations per second of `body`, run on this thread for about `seconds`.
    private static func measure(_ seconds: Double, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let limit = Duration.milliseconds(Int64(seconds * 1000))
        var count = 0
        while true {
            for _ in 0..<64 { try body() }
            count += 64
            let elapsed = clock.now - start
            if elapsed >= limit {
                let (whole, attoseconds) = elapsed.components
                return Double(count) / (Double(whole) + Double(attoseconds) / 1e18)
            }
        }
    }
}
