import Foundation

/// Turns the layered text of each setting into typed values, with one error message shape for all of them.
struct ConfigReader {
    let sources: ConfigSources

    /// `POSTERN_X: expected …, got "…"`, the value left out for secrets.
    func invalid(_ key: String, expected: String) -> ConfigError {
        guard let value = sources.value(key) else { return error(key, "expected \(expected)") }
        let isSecret = sources.setting(key)?.isSecret ?? false
        return ConfigError(setting: value.origin,
                           problem: "expected \(expected)" + (isSecret ? "" : ", got \(ConfigSources.quoted(value.text))"))
    }

    /// An error naming where `key` came from (or its environment variable when it is unset).
    func error(_ key: String, _ problem: String) -> ConfigError {
        ConfigError(setting: sources.value(key)?.origin ?? sources.setting(key)?.environmentName ?? key, problem: problem)
    }

    func optional<T>(_ key: String, expected: String, _ parse: (String) -> T?) throws(ConfigError) -> T? {
        guard let value = sources.value(key) else { return nil }
        guard let parsed = parse(value.text) else { throw invalid(key, expected: expected) }
        return parsed
    }

    /// For settings with a default: unset is impossible unless the default table is wrong.
    func required<T>(_ key: String, expected: String, _ parse: (String) -> T?) throws(ConfigError) -> T {
        guard let parsed = try optional(key, expected: expected, parse) else { throw error(key, "must be set") }
        return parsed
    }

    /// A plain decimal integer in `range`: no sign, no spaces, no exponent.
    func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        try required(key, expected: "an integer from \(range.lowerBound) to \(range.upperBound)") { text in
            guard (1...10).contains(text.utf8.count),
                  text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let value = Int(text), range.contains(value) else { return nil }
            return value
        }
    }

    /// API.md: it "never starts half-configured": of two settings that only work together, one alone is an error.
    func requireTogether<A, B>(_ keyA: String, _ a: A?, _ keyB: String, _ b: B?) throws(ConfigError) {
        if a != nil, b == nil { throw error(keyB, "must be set when \(sources.value(keyA)?.origin ?? keyA) is") }
        if b != nil, a == nil { throw error(keyA, "must be set when \(sources.value(keyB)?.origin ?? keyB) is") }
    }

    /// `<provider>_client_id`/`_client_secret`/`_base_url`/`_api_url`; nil (login off) when neither credential is set.
    func upstreamApp(_ provider: String) throws(ConfigError) -> Config.UpstreamApp? {
        let urlExpectation = "an absolute http(s) URL without query, fragment or trailing slash"
        let baseURL = try required("\(provider)_base_url", expected: urlExpectation, Self.httpURL)
        let apiURL = try required("\(provider)_api_url", expected: urlExpectation, Self.httpURL)
        let id = try optional("\(provider)_client_id", expected: "a client id without spaces") { text in
            text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) } ? text : nil
        }
        let secret = try optional("\(provider)_client_secret", expected: "a client secret") { $0 }
        try requireTogether("\(provider)_client_id", id, "\(provider)_client_secret", secret)
        guard let id, let secret else { return nil }
        return Config.UpstreamApp(clientID: id, clientSecret: secret, baseURL: baseURL, apiURL: apiURL)
    }

    /// An absolute `http`/`https` URL with a host, no user info, query or fragment, and no trailing
    /// slash (paths are appended to it, and the issuer is compared byte for byte: OIDC Discovery §3
    /// "the issuer … MUST be a URL that uses the https scheme and has no query or fragment components").
    static func httpURL(_ text: String) -> String? {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
              text.hasPrefix(scheme + "://"), let host = url.host, !host.isEmpty,
              url.user == nil, url.password == nil, url.query == nil, url.fragment == nil,
              !text.hasSuffix("/"), !text.contains(where: { $0.isWhitespace }) else { return nil }
        return text
    }

    /// `smtp://` or `smtps://` with a host; user info allowed (it carries the relay's credentials).
    static func smtpURL(_ text: String) -> String? {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["smtp", "smtps"].contains(scheme),
              text.hasPrefix(scheme + "://"), let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil, !text.contains(where: { $0.isWhitespace }) else { return nil }
        return text
    }

    /// A bare address `local@domain`: no display name, no spaces, no CR/LF (it goes into mail headers).
    static func email(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !"<>(),;:\"[]\\".unicodeScalars.contains($0) })
        else { return nil }
        return text
    }
}
