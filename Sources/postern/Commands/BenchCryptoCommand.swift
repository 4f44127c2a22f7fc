import PosternCrypto
import PosternJOSE

/// `postern bench crypto`: single-thread ES256 sign and verify rates and the full JWT sign rate over
/// about `--seconds` each, printed as `name value` lines for bench/crypto/run.sh.
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
        let operations: [(name: String, body: () throws -> Void)] = [
            ("es256_sign_per_s", { _ = try key.signES256(message) }),
            ("es256_verify_per_s", { if !key.publicKey.verifyES256(signature: signature, message: message) { failures += 1 } }),
            ("jwt_sign_per_s", { _ = try signer.sign(claims) }),
        ]
        // Operations take turns in 100 ms slices, so a burst of load from another process on the shared
        // machine lands on all of them alike instead of skewing whichever happened to run then.
        var counts = [Int](repeating: 0, count: operations.count)
        var elapsed = [Duration](repeating: .zero, count: operations.count)
        let clock = ContinuousClock()
        for _ in 0..<max(1, Int(seconds * 10)) {
            for (index, operation) in operations.enumerated() {
                let start = clock.now
                repeat {
                    for _ in 0..<16 { try operation.body() }
                    counts[index] += 16
                } while clock.now - start < .milliseconds(100)
                elapsed[index] += clock.now - start
            }
        }
        guard failures == 0 else {
            CommandLineTool.fail("verification failed \(failures) times")
            return 1
        }
        for (index, operation) in operations.enumerated() {
            let (whole, attoseconds) = elapsed[index].components
            print("\(operation.name) \(Int(Double(counts[index]) / (Double(whole) + Double(attoseconds) / 1e18)))")
        }
        print("jwt_bytes \(token.utf8.count)")
        return 0
    }
}
