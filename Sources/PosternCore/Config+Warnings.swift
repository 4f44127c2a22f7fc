import Foundation

extension Config {
    /// STYLE.md habit 9: "An insecure setting logs a warning at start-up." Each line names the
    /// setting, the risk and the fix.
    func insecureSettingWarnings(sources: ConfigSources) -> [String] {
        var warnings: [String] = []
        if listen.address.isUnspecified {
            warnings.append("POSTERN_LISTEN is \(listen): every interface is served; bind 127.0.0.1 behind a reverse proxy unless it runs elsewhere")
        }
        if encryptionKey == nil {
            warnings.append("POSTERN_ENCRYPTION_KEY is unset: the key is kept in the data dir (generated on the first start), next to what it protects; set POSTERN_ENCRYPTION_KEY_FILE from a secret store")
        }
        for setting in Self.settings where setting.isSecret && sources.value(setting.key)?.isSecretInEnvironment == true {
            warnings.append("\(setting.environmentName) is a secret in the environment, which child processes, crash reports and `docker inspect` can see; use \(setting.environmentName)_FILE")
        }
        for (name, app) in [("GITHUB", github), ("LINKEDIN", linkedIn)] {
            guard let app else { continue }
            for (suffix, url) in [("BASE_URL", app.baseURL), ("API_URL", app.apiURL)] {
                let components = URLComponents(string: url)
                if components?.scheme == "http", !Self.isLoopbackHost(components?.host) {
                    warnings.append("POSTERN_\(name)_\(suffix) is \(url): codes, client secret and upstream tokens would travel in clear; use https")
                }
            }
        }
        if let smtpURL, let components = URLComponents(string: smtpURL), components.scheme == "smtp",
           !Self.isLoopbackHost(components.host) {
            warnings.append("POSTERN_SMTP_URL uses smtp:// to a remote host: reset and verification links may travel in clear; use smtps://")
        }
        for network in trustedProxies where network.prefixLength == 0 {
            warnings.append("POSTERN_TRUSTED_PROXIES contains \(network): every client is trusted to set X-Forwarded-For, so any client can pick its IP and escape rate limits")
        }
        return warnings
    }

    /// The warning about `issuer`, the one `serve` actually uses (`issuer(boundPort:)`), or nil. Not among
    /// `warnings`: without POSTERN_ISSUER the issuer is known only once the port is bound.
    public func issuerWarning(_ issuer: String) -> String? {
        guard let issuerURL = URLComponents(string: issuer), issuerURL.scheme == "http",
              !listen.address.isLoopback || !Self.isLoopbackHost(issuerURL.host) else { return nil }
        let named = givenSettings.contains("issuer") ? "POSTERN_ISSUER is \(issuer)" : "POSTERN_ISSUER is unset, so the issuer is \(issuer)"
        // OAuth 2.1 §1.5 / RFC 6749 §3.1: the endpoints require TLS; without it tokens, codes and
        // the session cookie travel in clear (and the cookie cannot be Secure).
        return named + ": http outside loopback sends tokens and cookies in clear; use an https issuer behind a TLS proxy"
    }

    static func isLoopbackHost(_ host: String?) -> Bool {
        guard var host else { return false }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host == "localhost" || IPAddress(host)?.isLoopback == true
    }
}
