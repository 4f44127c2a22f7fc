import Foundation
import Testing
@testable import PosternCore

@Suite struct ConfigTests {
    static func load(_ environment: [String: String] = [:], file: String? = nil,
                     overrides: [String: String] = [:]) throws(ConfigError) -> Config {
        try Config.load(environment: environment, file: file.map { Array($0.utf8) }, overrides: overrides)
    }

    static func problem(_ environment: [String: String] = [:], file: String? = nil,
                        overrides: [String: String] = [:]) -> ConfigError? {
        do {
            _ = try load(environment, file: file, overrides: overrides)
            return nil
        } catch {
            return error
        }
    }

    static let key32 = Data(repeating: 7, count: 32).base64EncodedString()

    @Test func defaultsWorkWithNoConfiguration() throws {
        let config = try Self.load()
        #expect(config.listen.description == "127.0.0.1:8080")
        #expect(config.issuer == "http://127.0.0.1:8080")
        #expect(config.dataDirectory == "./postern-data")
        #expect(config.accessTokenTTL == 900 && config.refreshTokenTTL == 2_592_000)
        #expect(config.encryptionKey == nil && config.bootstrapAdminEmail == nil && config.bootstrapAdminPassword == nil)
        #expect(config.github == nil && config.linkedIn == nil && config.smtpURL == nil && config.mailFrom == nil)
        #expect(config.trustedProxies.isEmpty)
        #expect(config.refreshGraceSeconds == 30 && config.auditRetentionDays == 365 && config.logLevel == .info)
        // Loopback http is the development default: only the generated-key notice.
        #expect(config.warnings.count == 1 && config.warnings[0].hasPrefix("POSTERN_ENCRYPTION_KEY is unset"))
    }

    /// The commands that need only the folder read it by `load`'s rule: an empty variable is unset, so the default.
    @Test func theDataDirectoryAloneFollowsTheRuleOfLoad() throws {
        for environment in [[:], ["POSTERN_DATA_DIR": ""], ["POSTERN_DATA_DIR": "/srv/postern"],
                            ["POSTERN_DATA_DIR": "", "POSTERN_ACCESS_TOKEN_TTL": "1"]] {
            let expected = environment["POSTERN_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./postern-data"
            #expect(Config.dataDirectory(environment: environment) == expected, "\(environment)")
            if environment["POSTERN_ACCESS_TOKEN_TTL"] == nil { #expect(try Self.load(environment).dataDirectory == expected) }
        }
    }

    /// `serve` derives the issuer from the bound port only when no source gave one: a default is not "given".
    @Test func givenSettingsNameEverySourceButNotDefaults() throws {
        #expect(try Self.load().givenSettings.isEmpty)
        #expect(try Self.load(["POSTERN_ISSUER": "https://id.example"]).givenSettings == ["issuer"])
        #expect(try Self.load(file: #"{"issuer":"https://id.example"}"#).givenSettings == ["issuer"])
        #expect(try Self.load(overrides: ["issuer": "https://id.example", "listen": "127.0.0.1:0"]).givenSettings == ["issuer", "listen"])
        // A file that merely mentions the word is not an issuer setting.
        #expect(try Self.load(file: #"{"mail_from":"issuer@example.com"}"#).givenSettings == ["mail_from"])
    }

    @Test func settingsTableIsComplete() {
        let keys = Config.settings.map(\.key)
        #expect(Set(keys).count == keys.count)
        for name in ["LISTEN", "ISSUER", "DATA_DIR", "ACCESS_TOKEN_TTL", "REFRESH_TOKEN_TTL", "ENCRYPTION_KEY",
                     "BOOTSTRAP_ADMIN_EMAIL", "BOOTSTRAP_ADMIN_PASSWORD", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET",
                     "GITHUB_BASE_URL", "GITHUB_API_URL", "LINKEDIN_CLIENT_ID", "LINKEDIN_CLIENT_SECRET",
                     "LINKEDIN_BASE_URL", "LINKEDIN_API_URL", "SMTP_URL", "MAIL_FROM", "TRUSTED_PROXIES",
                     "REFRESH_GRACE_SECONDS", "AUDIT_RETENTION_DAYS", "LOG_LEVEL"] {
            #expect(Config.settings.contains { $0.environmentName == "POSTERN_" + name }, "\(name)")
        }
        for setting in Config.settings {
            #expect(!setting.summary.isEmpty && !setting.production.isEmpty, "\(setting.key)")
            // API.md: every …_SECRET, …_PASSWORD, …_ENCRYPTION_KEY is a secret (and takes …_FILE).
            if ["_SECRET", "_PASSWORD", "_ENCRYPTION_KEY"].contains(where: { setting.environmentName.hasSuffix($0) }) {
                #expect(setting.isSecret, "\(setting.key)")
            }
        }
    }

    @Test func environmentWinsOverFileAndFlagsWinOverBoth() throws {
        let file = #"{"listen": "127.0.0.1:9000", "issuer": "http://127.0.0.1:9000", "access_token_ttl": 600, "log_level": "debug"}"#
        let fromFile = try Self.load(file: file)
        #expect(fromFile.listen.port == 9000 && fromFile.accessTokenTTL == 600 && fromFile.logLevel == .debug)
        let env = ["POSTERN_LISTEN": "127.0.0.1:9100", "POSTERN_ACCESS_TOKEN_TTL": "300"]
        let layered = try Self.load(env, file: file)
        #expect(layered.listen.port == 9100 && layered.accessTokenTTL == 300 && layered.logLevel == .debug)
        #expect(layered.issuer == "http://127.0.0.1:9000")
        let flagged = try Self.load(env, file: file, overrides: ["listen": "[::1]:0", "data_dir": "/srv/postern"])
        #expect(flagged.listen.description == "[::1]:0" && flagged.dataDirectory == "/srv/postern")
        #expect(Self.problem(overrides: ["listen": "nope"]) == ConfigError(setting: "--listen",
                problem: #"expected HOST:PORT (IPv4:PORT or [IPv6]:PORT, port 0 to 65535), got "nope""#))
        #expect(Self.problem(overrides: ["data_dir": "a\u{0}b"])?.setting == "--data-dir")
    }

    @Test func emptyValueMeansUnset() throws {
        #expect(try Self.load(["POSTERN_LISTEN": "", "POSTERN_GITHUB_CLIENT_ID": ""]).listen.port == 8080)
    }

    @Test func errorMessageNamesTheSettingOnOneLine() {
        let error = Self.problem(["POSTERN_LISTEN": "localhost:80\nPOSTERN_OTHER=1"])
        #expect(error?.setting == "POSTERN_LISTEN")
        #expect(error?.description == #"POSTERN_LISTEN: expected HOST:PORT (IPv4:PORT or [IPv6]:PORT, port 0 to 65535), got "localhost:80\nPOSTERN_OTHER=1""#)
        #expect(error.map { !$0.description.contains("\n") } == true)
        let long = Self.problem(["POSTERN_LOG_LEVEL": String(repeating: "x", count: 10_000)])
        #expect(long.map { $0.description.count < 200 } == true)
    }

    @Test(arguments: [("127.0.0.1:8080", "127.0.0.1:8080"), ("0.0.0.0:0", "0.0.0.0:0"), ("[::1]:443", "[::1]:443"),
                      ("[::]:65535", "[::]:65535"), (":0", "127.0.0.1:0"), ("localhost:9", "127.0.0.1:9"),
                      ("[2001:DB8::1]:80", "[2001:db8::1]:80"), ("10.1.2.3:00080", "10.1.2.3:80")])
    func validListenAddresses(_ text: String, _ canonical: String) throws {
        #expect(try Self.load(["POSTERN_LISTEN": text]).listen.description == canonical)
    }

    @Test(arguments: ["8080", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:+80",
                      "127.0.0.1:8080 ", " 127.0.0.1:8080", "::1:8080", "[::1]", "[127.0.0.1]:80", "[::1:80",
                      "256.0.0.1:80", "1.2.3:80", "01.2.3.4:80", "example.com:80", "[fe80::1%eth0]:80",
                      "127.0.0.1:999999", "127.0.0.1:0x50", "[]:80"])
    func invalidListenAddresses(_ text: String) {
        #expect(Self.problem(["POSTERN_LISTEN": text])?.setting == "POSTERN_LISTEN")
    }

    @Test(arguments: ["https://auth.example.com", "https://example.com/auth", "http://127.0.0.1:8080",
                      "https://[::1]:8443/tenant/a", "http://localhost:3000"])
    func validIssuers(_ issuer: String) throws {
        #expect(try Self.load(["POSTERN_ISSUER": issuer]).issuer == issuer)
    }

    @Test(arguments: ["auth.example.com", "/relative", "https://example.com/", "https://example.com/auth/",
                      "https://example.com?x=1", "https://example.com#f", "ftp://example.com", "https://",
                      "https:///path", "https://user:pw@example.com", "HTTPS://example.com", "https://exa mple.com",
                      "javascript:alert(1)", "https:example.com"])
    func invalidIssuers(_ issuer: String) {
        #expect(Self.problem(["POSTERN_ISSUER": issuer])?.setting == "POSTERN_ISSUER")
    }

    @Test(arguments: [("POSTERN_ACCESS_TOKEN_TTL", "0"), ("POSTERN_ACCESS_TOKEN_TTL", "59"),
                      ("POSTERN_ACCESS_TOKEN_TTL", "86401"), ("POSTERN_ACCESS_TOKEN_TTL", "-900"),
                      ("POSTERN_ACCESS_TOKEN_TTL", "+900"), ("POSTERN_ACCESS_TOKEN_TTL", " 900"),
                      ("POSTERN_ACCESS_TOKEN_TTL", "9e2"), ("POSTERN_ACCESS_TOKEN_TTL", "900.0"),
                      ("POSTERN_ACCESS_TOKEN_TTL", "99999999999999999999999"), ("POSTERN_REFRESH_TOKEN_TTL", "299"),
                      ("POSTERN_REFRESH_TOKEN_TTL", "31536001"), ("POSTERN_REFRESH_GRACE_SECONDS", "301"),
                      ("POSTERN_REFRESH_GRACE_SECONDS", "-1"), ("POSTERN_AUDIT_RETENTION_DAYS", "0"),
                      ("POSTERN_LOG_LEVEL", "INFO"), ("POSTERN_LOG_LEVEL", "trace"), ("POSTERN_DATA_DIR", "x\u{0}y")])
    func outOfBoundsValuesAreRefused(_ name: String, _ value: String) {
        #expect(Self.problem([name: value])?.setting == name)
    }

    @Test func boundaryValuesAreAccepted() throws {
        let config = try Self.load(["POSTERN_ACCESS_TOKEN_TTL": "60", "POSTERN_REFRESH_TOKEN_TTL": "300",
                                    "POSTERN_REFRESH_GRACE_SECONDS": "0", "POSTERN_AUDIT_RETENTION_DAYS": "36500",
                                    "POSTERN_LOG_LEVEL": "error"])
        #expect(config.accessTokenTTL == 60 && config.refreshTokenTTL == 300 && config.refreshGraceSeconds == 0)
        #expect(config.auditRetentionDays == 36_500 && config.logLevel == .error)
        #expect(try Self.load(["POSTERN_REFRESH_GRACE_SECONDS": "300"]).refreshGraceSeconds == 300)
    }

    @Test func refreshTTLMustCoverAccessTTL() {
        #expect(Self.problem(["POSTERN_ACCESS_TOKEN_TTL": "3600", "POSTERN_REFRESH_TOKEN_TTL": "600"])
                == ConfigError(setting: "POSTERN_REFRESH_TOKEN_TTL", problem: "must be at least the access token TTL (3600)"))
    }

    @Test func encryptionKeyIsBase64Of32BytesAndNeverEchoed() throws {
        #expect(try Self.load(["POSTERN_ENCRYPTION_KEY": Self.key32]).encryptionKey == [UInt8](repeating: 7, count: 32))
        for bad in [Data(repeating: 1, count: 31).base64EncodedString(), Data(repeating: 1, count: 33).base64EncodedString(),
                    "not base64 at all!!", String(Self.key32.dropLast()), Self.key32 + "AAAA"] {
            let error = Self.problem(["POSTERN_ENCRYPTION_KEY": bad])
            #expect(error == ConfigError(setting: "POSTERN_ENCRYPTION_KEY",
                                         problem: "expected base64 of exactly 32 bytes (openssl rand -base64 32)"))
        }
    }

    /// A temporary folder removed when the test ends.
    final class TemporaryFolder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("postern-config-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = url.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    @Test func secretsAcceptFileVariants() throws {
        let folder = try TemporaryFolder()
        let keyFile = try folder.write("key", Array((Self.key32 + "\n").utf8))
        let passwordFile = try folder.write("pw", Array("  spaces kept \r\n".utf8))
        let githubFile = try folder.write("gh", Array("gh-secret".utf8))
        let config = try Self.load(["POSTERN_ENCRYPTION_KEY_FILE": keyFile,
                                    "POSTERN_BOOTSTRAP_ADMIN_EMAIL": "admin@example.com",
                                    "POSTERN_BOOTSTRAP_ADMIN_PASSWORD_FILE": passwordFile,
                                    "POSTERN_GITHUB_CLIENT_ID": "Iv1.abc",
                                    "POSTERN_GITHUB_CLIENT_SECRET_FILE": githubFile])
        #expect(config.encryptionKey?.count == 32)
        #expect(config.bootstrapAdminPassword == "  spaces kept ")
        #expect(config.github == Config.UpstreamApp(clientID: "Iv1.abc", clientSecret: "gh-secret",
                                                    baseURL: "https://github.com", apiURL: "https://api.github.com"))
        // Secrets from files raise no environment warning.
        #expect(!config.warnings.contains { $0.contains("is a secret in the environment") })
        // The config file takes `<key>_file` too.
        let fromJSON = try Self.load(file: #"{"encryption_key_file": "\#(keyFile)"}"#)
        #expect(fromJSON.encryptionKey?.count == 32)
    }

    @Test func badSecretFilesAreRefused() throws {
        let folder = try TemporaryFolder()
        let empty = try folder.write("empty", Array("\n\n".utf8))
        let binary = try folder.write("bin", [0xff, 0xfe, 0x00])
        let big = try folder.write("big", [UInt8](repeating: 0x41, count: 70_000))
        let missing = folder.url.appendingPathComponent("missing").path
        for (path, fragment) in [(empty, "is empty"), (binary, "is not UTF-8"), (big, "over 64 KiB"),
                                 (missing, "cannot read"), ("/dev/zero", "over 64 KiB"), (folder.url.path, "is a folder")] {
            let error = Self.problem(["POSTERN_GITHUB_CLIENT_SECRET_FILE": path, "POSTERN_GITHUB_CLIENT_ID": "x"])
            #expect(error?.setting == "POSTERN_GITHUB_CLIENT_SECRET_FILE", "\(path)")
            #expect(error?.problem.contains(fragment) == true, "\(path): \(String(describing: error))")
        }
    }

    @Test func secretAndFileTogetherIsAnError() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("pw", Array("x".utf8))
        #expect(Self.problem(["POSTERN_BOOTSTRAP_ADMIN_PASSWORD": "a", "POSTERN_BOOTSTRAP_ADMIN_PASSWORD_FILE": file,
                              "POSTERN_BOOTSTRAP_ADMIN_EMAIL": "a@example.com"])
                == ConfigError(setting: "POSTERN_BOOTSTRAP_ADMIN_PASSWORD",
                               problem: "set either POSTERN_BOOTSTRAP_ADMIN_PASSWORD or POSTERN_BOOTSTRAP_ADMIN_PASSWORD_FILE, not both"))
        // Only secrets take _FILE.
        #expect(Self.problem(file: #"{"listen_file": "/x"}"#) == ConfigError(setting: "config file", problem: #"unknown setting "listen_file""#))
    }

    @Test func halfConfiguredPairsAreRefused() {
        #expect(Self.problem(["POSTERN_GITHUB_CLIENT_ID": "abc"])
                == ConfigError(setting: "POSTERN_GITHUB_CLIENT_SECRET", problem: "must be set when POSTERN_GITHUB_CLIENT_ID is"))
        #expect(Self.problem(["POSTERN_LINKEDIN_CLIENT_SECRET": "s"])?.setting == "POSTERN_LINKEDIN_CLIENT_ID")
        #expect(Self.problem(["POSTERN_BOOTSTRAP_ADMIN_EMAIL": "a@example.com"])?.setting == "POSTERN_BOOTSTRAP_ADMIN_PASSWORD")
        #expect(Self.problem(["POSTERN_BOOTSTRAP_ADMIN_PASSWORD": "long enough"])?.setting == "POSTERN_BOOTSTRAP_ADMIN_EMAIL")
    }

    /// The bootstrap admin's password follows the rule of every account, and a refused one stops start-up unquoted.
    @Test func aBootstrapPasswordTheAccountCouldNotHaveIsRefused() {
        for password in ["short", String(repeating: "x", count: 1025)] {
            let error = Self.problem(["POSTERN_BOOTSTRAP_ADMIN_EMAIL": "a@example.com", "POSTERN_BOOTSTRAP_ADMIN_PASSWORD": password])
            #expect(error?.setting == "POSTERN_BOOTSTRAP_ADMIN_PASSWORD")
            #expect(error.map { !$0.description.contains(password) } == true)
        }
    }

    @Test func upstreamURLsAreConfigurableForTests() throws {
        let config = try Self.load(["POSTERN_LINKEDIN_CLIENT_ID": "li", "POSTERN_LINKEDIN_CLIENT_SECRET": "s",
                                    "POSTERN_LINKEDIN_BASE_URL": "http://127.0.0.1:9999",
                                    "POSTERN_LINKEDIN_API_URL": "http://127.0.0.1:9999/api"])
        #expect(config.linkedIn?.baseURL == "http://127.0.0.1:9999" && config.linkedIn?.apiURL == "http://127.0.0.1:9999/api")
        // Loopback http is the test setup: no warning for it.
        #expect(!config.warnings.contains { $0.hasPrefix("POSTERN_LINKEDIN_BASE_URL") })
        for bad in ["https://github.com/", "github.com", "https://github.com?x", "file:///etc/passwd"] {
            #expect(Self.problem(["POSTERN_GITHUB_BASE_URL": bad])?.setting == "POSTERN_GITHUB_BASE_URL")
        }
        #expect(Self.problem(["POSTERN_GITHUB_CLIENT_ID": "has space", "POSTERN_GITHUB_CLIENT_SECRET": "s"])?.setting
                == "POSTERN_GITHUB_CLIENT_ID")
    }

    @Test func mailSettings() throws {
        let config = try Self.load(["POSTERN_SMTP_URL": "smtps://user:pw@mail.example.com:465", "POSTERN_MAIL_FROM": "no-reply@example.com"])
        #expect(config.smtpURL == "smtps://user:pw@mail.example.com:465" && config.mailFrom == "no-reply@example.com")
        for bad in ["http://mail.example.com", "smtp://", "mail.example.com:25", "smtp://host?x=1"] {
            let error = Self.problem(["POSTERN_SMTP_URL": bad])
            #expect(error?.setting == "POSTERN_SMTP_URL")
            // It may hold credentials, so it is never echoed.
            #expect(error.map { !$0.description.contains("got") } == true)
        }
        for bad in ["no-at-sign", "a@b", "Name <a@example.com>", "a@example.com\r\nBcc: x@evil.com", "a@@example.com", "@example.com"] {
            #expect(Self.problem(["POSTERN_MAIL_FROM": bad])?.setting == "POSTERN_MAIL_FROM")
        }
    }

    @Test func trustedProxies() throws {
        let config = try Self.load(["POSTERN_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1"])
        #expect(config.trustedProxies.map(\.description) == ["10.0.0.0/8", "192.168.1.7/32", "fd00::/8", "::1/128"])
        let fromJSON = try Self.load(file: #"{"trusted_proxies": ["172.16.0.0/12", "2001:db8::/32"]}"#)
        #expect(fromJSON.trustedProxies.map(\.description) == ["172.16.0.0/12", "2001:db8::/32"])
        #expect(config.trustedProxies[0].contains(IPAddress("10.200.3.4")!))
        #expect(!config.trustedProxies[0].contains(IPAddress("11.0.0.1")!))
        #expect(!config.trustedProxies[0].contains(IPAddress("::ffff:10.0.0.1")!))
        #expect(config.trustedProxies[2].contains(IPAddress("fd12:3456::1")!))
        #expect(!config.trustedProxies[2].contains(IPAddress("fe00::1")!))
    }

    @Test(arguments: ["10.0.0.1/8", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/-1", "fd00::/129",
                      "fd00::1/8", "10.0.0.0/8/8", "10.0.0.0/8,", "banana", "10.0.0.0/ 8", "::/0x0", "10.0.0.0/8;rm"])
    func invalidCIDRs(_ text: String) {
        #expect(Self.problem(["POSTERN_TRUSTED_PROXIES": text])?.setting == "POSTERN_TRUSTED_PROXIES")
    }

    @Test func configFileErrors() {
        #expect(Self.problem(file: #"{"lisen": "127.0.0.1:80"}"#) == ConfigError(setting: "config file", problem: #"unknown setting "lisen""#))
        #expect(Self.problem(file: #"["listen"]"#)?.setting == "config file")
        // A setting written twice is refused, whichever copy would have won.
        #expect(Self.problem(file: #"{"listen": "127.0.0.1:80", "listen": "127.0.0.1:81"}"#)
                == ConfigError(setting: "config file", problem: #""listen" appears twice"#))
        #expect(Self.problem(file: "not json")?.setting == "config file")
        #expect(Self.problem(file: "")?.setting == "config file")
        #expect(Self.problem(file: #"{"listen": true}"#)?.setting == "listen (config file)")
        #expect(Self.problem(file: #"{"listen": {"host": "x"}}"#)?.setting == "listen (config file)")
        #expect(Self.problem(file: #"{"listen": ["127.0.0.1:80"]}"#)?.setting == "listen (config file)")
        #expect(Self.problem(file: #"{"access_token_ttl": 1.5}"#)?.setting == "access_token_ttl (config file)")
        #expect(Self.problem(file: #"{"LISTEN": "127.0.0.1:80"}"#)?.setting == "config file")
        #expect(Self.problem(file: #"{"listen": "nope"}"#)?.setting == "listen (config file)")
    }

    @Test func nullInTheFileMeansUnset() throws {
        #expect(try Self.load(file: #"{"listen": null, "github_client_id": null}"#).listen.port == 8080)
    }

    /// API.md "Configuration": POSTERN_LISTEN `127.0.0.1:8080` and POSTERN_ISSUER `http://127.0.0.1:8080` by default;
    /// an unset issuer follows the listen address and the bound port, with a wildcard made reachable.
    @Test(arguments: [
        ([:], 8080, "http://127.0.0.1:8080"),
        (["POSTERN_LISTEN": "127.0.0.1:0"], 40_001, "http://127.0.0.1:40001"),
        (["POSTERN_LISTEN": "0.0.0.0:18184"], 18_184, "http://127.0.0.1:18184"),
        (["POSTERN_LISTEN": "0.0.0.0:0"], 40_002, "http://127.0.0.1:40002"),
        (["POSTERN_LISTEN": "[::]:9000"], 9000, "http://[::1]:9000"),
        (["POSTERN_LISTEN": "[::1]:9000"], 9000, "http://[::1]:9000"),
        (["POSTERN_LISTEN": "10.1.2.3:80"], 80, "http://10.1.2.3:80"),
        (["POSTERN_LISTEN": "[fd00::1]:8443"], 8443, "http://[fd00::1]:8443"),
        (["POSTERN_LISTEN": "0.0.0.0:0", "POSTERN_ISSUER": "http://127.0.0.1:8080"], 40_003, "http://127.0.0.1:8080"),
    ] as [([String: String], UInt16, String)])
    func theIssuerInUse(_ environment: [String: String], _ port: UInt16, _ issuer: String) throws {
        #expect(try Self.load(environment).issuer(boundPort: port) == issuer)
    }

    @Test func theIssuerWarningNamesTheIssuerInUse() throws {
        let wildcard = try Self.load(["POSTERN_LISTEN": "0.0.0.0:18184"])
        let warning = try #require(wildcard.issuerWarning(wildcard.issuer(boundPort: 18_184)))
        #expect(warning.hasPrefix("POSTERN_ISSUER is unset, so the issuer is http://127.0.0.1:18184:"))
        let defaults = try Self.load()
        #expect(defaults.issuerWarning(defaults.issuer(boundPort: 8080)) == nil)
    }

    @Test func insecureSettingsAreReported() throws {
        let config = try Self.load(["POSTERN_LISTEN": "0.0.0.0:8080", "POSTERN_ISSUER": "http://auth.example.com",
                                    "POSTERN_GITHUB_CLIENT_ID": "id", "POSTERN_GITHUB_CLIENT_SECRET": "shh",
                                    "POSTERN_GITHUB_BASE_URL": "http://github.example.com",
                                    "POSTERN_SMTP_URL": "smtp://mail.example.com:25",
                                    "POSTERN_TRUSTED_PROXIES": "0.0.0.0/0", "POSTERN_LSTEN": "typo"])
        let prefixes = ["POSTERN_LISTEN is 0.0.0.0:8080",
                        "POSTERN_ENCRYPTION_KEY is unset", "POSTERN_GITHUB_CLIENT_SECRET is a secret in the environment",
                        "POSTERN_SMTP_URL is a secret in the environment", "POSTERN_GITHUB_BASE_URL is http://github.example.com",
                        "POSTERN_SMTP_URL uses smtp://", "POSTERN_TRUSTED_PROXIES contains 0.0.0.0/0",
                        "POSTERN_LSTEN is not a Postern setting"]
        for prefix in prefixes {
            #expect(config.warnings.contains { $0.hasPrefix(prefix) }, "\(prefix)")
        }
        #expect(config.warnings.count == prefixes.count)
        #expect(config.issuerWarning(config.issuer(boundPort: 8080))?.hasPrefix("POSTERN_ISSUER is http://auth.example.com:") == true)
        // The secret's value is never in a warning.
        #expect(!config.warnings.contains { $0.contains("shh") })
        // https everywhere and a key: nothing to say.
        let safe = try Self.load(["POSTERN_ISSUER": "https://auth.example.com", "POSTERN_ENCRYPTION_KEY": Self.key32])
        #expect(safe.warnings == ["POSTERN_ENCRYPTION_KEY is a secret in the environment, which child processes, crash reports and `docker inspect` can see; use POSTERN_ENCRYPTION_KEY_FILE"])
    }

    @Test func descriptionNeverShowsSecrets() throws {
        let config = try Self.load(["POSTERN_ENCRYPTION_KEY": Self.key32, "POSTERN_BOOTSTRAP_ADMIN_EMAIL": "root@example.com",
                                    "POSTERN_BOOTSTRAP_ADMIN_PASSWORD": "hunter2-hunter2", "POSTERN_GITHUB_CLIENT_ID": "Iv1.abc",
                                    "POSTERN_GITHUB_CLIENT_SECRET": "gh-shh", "POSTERN_SMTP_URL": "smtps://u:smtp-pw@mail.example.com"])
        for text in [config.description, config.debugDescription, "\(config)", String(reflecting: config)] {
            #expect(text.contains("Iv1.abc") && text.contains("root@example.com") && text.contains("listen=127.0.0.1:8080"))
            for secret in [Self.key32, "hunter2", "gh-shh", "smtp-pw"] {
                #expect(!text.contains(secret), "\(secret)")
            }
        }
    }

    @Test func fileVariantsOnlyForSecrets() throws {
        let config = try Self.load(["POSTERN_LISTEN_FILE": "/etc/passwd"])
        #expect(config.listen.port == 8080)
        #expect(config.warnings.contains("POSTERN_LISTEN_FILE is not a Postern setting and is ignored"))
        #expect(Self.problem(file: #"{"github_client_secret": "a", "github_client_secret_file": "/x", "github_client_id": "i"}"#)
                == ConfigError(setting: "github_client_secret (config file)",
                               problem: "set either github_client_secret (config file) or github_client_secret_file (config file), not both"))
    }
}
