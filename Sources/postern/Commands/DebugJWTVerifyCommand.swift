import Foundation
import PosternJOSE

/// `postern debug jwt-verify`: validates a JWT against a JWKS file with `JWTValidator`, so the
/// conformance suite can feed it tokens signed by other JOSE libraries. Exit 0 and the claims, or 1.
enum DebugJWTVerifyCommand: Command {
    static let name = "debug jwt-verify"
    static let summary = "validate a JWT against a JWKS file and print its claims (tests only)"
    static let synopsis = "--jwks FILE --token FILE --iss I [--aud A] [--alg ES256|RS256]… [--typ T] [--leeway SECONDS]"
    static let isHidden = true
    static let options: [OptionSpec] = [
        .value("jwks"), .value("token"), .value("iss"), .value("aud"), .value("alg", repeatable: true),
        .value("typ"), .value("leeway"),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        guard let jwksPath = arguments.value("jwks"), let tokenPath = arguments.value("token"),
              let issuer = arguments.value("iss") else {
            throw UsageError("--jwks, --token and --iss are required")
        }
        var algorithms = Set<JWSAlgorithm>()
        for name in arguments.all("alg") {
            guard let algorithm = JWSAlgorithm(rawValue: name) else { throw UsageError("--alg must be ES256 or RS256") }
            algorithms.insert(algorithm)
        }
        guard let leeway = Int64(arguments.value("leeway") ?? "0") else { throw UsageError("--leeway must be a number") }
        let keys = try JWKSet(json: Array(try Data(contentsOf: URL(fileURLWithPath: jwksPath))))
        let token = try String(contentsOfFile: tokenPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let validator = JWTValidator(algorithms: algorithms.isEmpty ? Set(JWSAlgorithm.allCases) : algorithms, keys: keys,
                                     issuer: issuer, audience: arguments.value("aud"), requiredType: arguments.value("typ"),
                                     leeway: leeway)
        do {
            let verified = try validator.validate(token)
            print(String(decoding: verified.claims.serialized(), as: UTF8.self))
            return 0
        } catch let error as JOSEError {
            CommandLineTool.fail("invalid token: \(error)")
            return 1
        }
    }
}
