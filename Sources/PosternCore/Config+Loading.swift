import Foundation

extension Config {
    /// Builds the configuration from defaults ← the JSON config file ← the environment ← command-line
    /// flags (API.md "Configuration": the environment wins over the file). A pure function of its
    /// arguments, apart from reading the files that `…_FILE` settings name.
    ///
    /// - Parameters:
    ///   - environment: the process environment (only `POSTERN_…` names are read).
    ///   - file: the contents of `--config FILE`, if given.
    ///   - overrides: command-line flags by setting key (`["listen": "…", "data_dir": "…"]`).
    /// - Throws: `ConfigError` naming the first bad setting.
    public static func load(environment: [String: String], file: [UInt8]? = nil,
                            overrides: [String: String] = [:]) throws(ConfigError) -> Config {
        var sources = ConfigSources(settings: settings)
        if let file { try sources.apply(file: file) }
        try sources.apply(environment: environment)
        try sources.apply(overrides: overrides)
        return try Config(sources: sources)
    }

    /// The data folder from the environment alone, layered as `load` layers it (an empty `POSTERN_DATA_DIR` is unset,
    /// so the default), for the commands that need only the folder: an unrelated bad setting must not stop them.
    public static func dataDirectory(environment: [String: String]) -> String {
        var sources = ConfigSources(settings: settings)
        let name = "POSTERN_DATA_DIR"
        // Cannot throw: data_dir is no secret, so no `…_FILE` is read.
        try? sources.apply(environment: environment.filter { $0.key == name })
        guard let value = sources.value("data_dir") else { preconditionFailure("data_dir has a default") }
        return value.text
    }

    private init(sources: ConfigSources) throws(ConfigError) {
        let reader = ConfigReader(sources: sources)
        listen = try reader.required("listen", expected: "HOST:PORT (IPv4:PORT or [IPv6]:PORT, port 0 to 65535)") {
            ListenAddress($0)
        }
        issuer = try reader.required("issuer", expected: "an absolute http(s) URL without query, fragment or trailing slash") {
            ConfigReader.httpURL($0)
        }
        dataDirectory = try reader.required("data_dir", expected: "a folder path") {
            $0.utf8.contains(0) ? nil : $0
        }
        accessTokenTTL = try reader.integer("access_token_ttl", in: 60...86_400)
        refreshTokenTTL = try reader.integer("refresh_token_ttl", in: 300...31_536_000)
        encryptionKey = try reader.optional("encryption_key", expected: "base64 of exactly 32 bytes (openssl rand -base64 32)") {
            Data(base64Encoded: $0).flatMap { $0.count == 32 ? [UInt8]($0) : nil }
        }
        let adminEmail = try reader.optional("bootstrap_admin_email", expected: "an email address", ConfigReader.email)
        // Checked here, with the rule `postern user add` applies, so a password the account could not have stops
        // start-up like any bad setting instead of after the store is open.
        let adminPassword = try reader.optional("bootstrap_admin_password",
                                                expected: "a password of at least \(UserRegistration.minimumPasswordLength) characters and at most \(UserRegistration.maximumPasswordBytes) bytes") {
            UserRegistration.passwordProblem($0) == nil ? $0 : nil
        }
        try reader.requireTogether("bootstrap_admin_email", adminEmail, "bootstrap_admin_password", adminPassword)
        bootstrapAdminEmail = adminEmail
        bootstrapAdminPassword = adminPassword
        github = try reader.upstreamApp("github")
        linkedIn = try reader.upstreamApp("linkedin")
        smtpURL = try reader.optional("smtp_url", expected: "smtp://HOST[:PORT] or smtps://[USER:PASS@]HOST[:PORT]",
                                      ConfigReader.smtpURL)
        mailFrom = try reader.optional("mail_from", expected: "an email address", ConfigReader.email)
        trustedProxies = try reader.optional("trusted_proxies", expected: "comma-separated CIDRs such as 10.0.0.0/8, fd00::/8 (no host bits set)") {
            text in
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let networks = items.compactMap { IPNetwork($0) }
            return networks.count == items.count ? networks : nil
        } ?? []
        refreshGraceSeconds = try reader.integer("refresh_grace_seconds", in: 0...300)
        auditRetentionDays = try reader.integer("audit_retention_days", in: 1...36_500)
        loginRatePerIP = try reader.integer("login_rate_per_ip", in: 1...10_000_000)
        logLevel = try reader.required("log_level", expected: LogLevel.allCases.map(\.rawValue).joined(separator: ", ")) {
            LogLevel(rawValue: $0)
        }
        // A refresh token that dies before the access token it renews is a configuration mistake.
        guard refreshTokenTTL >= accessTokenTTL else {
            throw reader.error("refresh_token_ttl", "must be at least the access token TTL (\(accessTokenTTL))")
        }
        givenSettings = Set(sources.values.keys)
        // Set last: the checks read the finished configuration.
        warnings = []
        warnings = sources.warnings + insecureSettingWarnings(sources: sources)
    }
}
