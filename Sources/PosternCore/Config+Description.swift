extension Config: CustomStringConvertible, CustomDebugStringConvertible {
    /// The effective settings for the start-up log, with every secret shown only as `<set>`: a
    /// `Config` interpolated into a log line or printed in a debugger must not leak a key or password.
    public var description: String {
        func secret(_ value: (some Any)?) -> String { value == nil ? "<unset>" : "<set>" }
        func upstream(_ app: UpstreamApp?) -> String {
            app.map { "{client_id: \($0.clientID), client_secret: <set>, base: \($0.baseURL), api: \($0.apiURL)}" } ?? "off"
        }
        return "listen=\(listen) issuer=\(issuer) data_dir=\(dataDirectory) access_token_ttl=\(accessTokenTTL)"
            + " refresh_token_ttl=\(refreshTokenTTL) encryption_key=\(secret(encryptionKey))"
            + " bootstrap_admin_email=\(bootstrapAdminEmail ?? "<unset>") bootstrap_admin_password=\(secret(bootstrapAdminPassword))"
            + " github=\(upstream(github)) linkedin=\(upstream(linkedIn)) smtp_url=\(secret(smtpURL))"
            + " mail_from=\(mailFrom ?? "<unset>") trusted_proxies=[\(trustedProxies.map(\.description).joined(separator: ","))]"
            + " refresh_grace_seconds=\(refreshGraceSeconds) audit_retention_days=\(auditRetentionDays) login_rate_per_ip=\(loginRatePerIP) log_level=\(logLevel.rawValue)"
    }

    public var debugDescription: String { description }
}
