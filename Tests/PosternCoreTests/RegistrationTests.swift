import PosternCrypto
import Testing
@testable import PosternCore

@Suite struct ClientRegistrationTests {
    @Test func confidentialClientGetsASecretStoredOnlyAsItsHash() throws {
        let (client, secret) = try ClientRegistration(name: " m2m ", grantTypes: [.clientCredentials], scope: "read write")
            .register(now: 5)
        let s = try #require(secret)
        #expect(client.id.hasPrefix("cli_"))
        #expect(client.name == "m2m")
        #expect(client.secretHash == SHA256.hash(s))
        #expect(s.count == 43)
        #expect(client.scope == Scope(["read", "write"]))
        #expect(client.authMethod == .clientSecretBasic)
    }

    @Test func publicClientHasNoSecret() throws {
        let (client, secret) = try ClientRegistration(name: "spa", grantTypes: [.authorizationCode, .refreshToken],
                                                      redirectURIs: ["http://127.0.0.1:3000/cb"], isPublic: true).register(now: 0)
        #expect(secret == nil && client.secretHash == nil && client.isPublic)
    }

    /// RFC 8252 §7.1: a native app redirects to a private-use scheme named by a reverse domain it controls.
    @Test func nativeAppsMayUseAReverseDomainScheme() throws {
        for uri in ["com.example.app:/oauth2redirect/provider", "com.example.app://callback", "https://app.example/cb",
                    "http://[::1]:8123/cb"] {
            let (client, _) = try ClientRegistration(name: "native", grantTypes: [.authorizationCode], redirectURIs: [uri],
                                                     isPublic: true).register(now: 0)
            #expect(client.redirectURIs == [uri])
        }
    }

    @Test(arguments: [
        ClientRegistration(name: "", grantTypes: [.clientCredentials]),
        ClientRegistration(name: String(repeating: "n", count: 201), grantTypes: [.clientCredentials]),
        ClientRegistration(name: "x", grantTypes: []),
        ClientRegistration(name: "x", grantTypes: [.clientCredentials], isPublic: true),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: ["http://app.example/cb"]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: ["https://app.example/cb#frag"]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: ["/relative"]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: ["javascript:alert(1)"]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: ["https://*.example.com/cb"]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: [#"http://evil.example\@localhost/cb"#]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: ["https://user:pw@app.example/cb"]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: ["https://app.example/c b"]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: ["myapp:/cb"]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: ["data:text/html,x"]),
        ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: ["com.example.app:/cb#f"]),
        ClientRegistration(name: "x", grantTypes: [.clientCredentials], postLogoutRedirectURIs: ["ftp://x.example/"]),
        ClientRegistration(name: "x", grantTypes: [.clientCredentials], scope: "a  b"),
    ])
    func invalidRegistrationsAreRefused(_ registration: ClientRegistration) {
        do {
            _ = try registration.register(now: 0)
            Issue.record("accepted \(registration)")
        } catch {
            #expect(error.code == .invalidRequest)
        }
    }

    static let longURI = "https://app.example/" + String(repeating: "p", count: 100_000)

    /// What the CLI and the admin API both store: no control character in the name (it reaches consent pages, logs
    /// and terminals), bounded scope tokens and scope, and an over-long redirect URI told as such, not echoed.
    @Test(arguments: [
        (ClientRegistration(name: "a\u{01}b", grantTypes: [.clientCredentials]), "client_name", "control characters"),
        (ClientRegistration(name: "a\u{7f}b", grantTypes: [.clientCredentials]), "client_name", "control characters"),
        (ClientRegistration(name: "a\nb", grantTypes: [.clientCredentials]), "client_name", "control characters"),
        (ClientRegistration(name: "app\r\n", grantTypes: [.clientCredentials]), "client_name", "control characters"),
        (ClientRegistration(name: "a\u{1b}[2Jb", grantTypes: [.clientCredentials]), "client_name", "control characters"),
        (ClientRegistration(name: "a\u{85}b", grantTypes: [.clientCredentials]), "client_name", "control characters"),
        (ClientRegistration(name: "e" + String(repeating: "\u{301}", count: 50_000), grantTypes: [.clientCredentials]),
         "client_name", "1–200 characters"),
        (ClientRegistration(name: "x", grantTypes: [.clientCredentials], scope: String(repeating: "s", count: 100_000)),
         "scope", "scope longer than 1024 bytes"),
        (ClientRegistration(name: "x", grantTypes: [.clientCredentials],
                            scope: Array(repeating: "read", count: 206).joined(separator: " ")), "scope", "scope longer than 1024 bytes"),
        (ClientRegistration(name: "x", grantTypes: [.clientCredentials], scope: "openid " + String(repeating: "s", count: 257)),
         "scope", "scope token longer than 256 bytes"),
        (ClientRegistration(name: "x", grantTypes: [.clientCredentials], scope: "a\"b"), "scope", "scope is malformed"),
        (ClientRegistration(name: "x", grantTypes: [.authorizationCode], redirectURIs: [longURI]),
         "redirect_uris", "redirect URI longer than 2048 bytes"),
        (ClientRegistration(name: "x", grantTypes: [.clientCredentials], postLogoutRedirectURIs: [longURI]),
         "post_logout_redirect_uris", "redirect URI longer than 2048 bytes"),
    ])
    func refusalsNameTheFieldAndTheLimit(_ registration: ClientRegistration, _ field: String, _ message: String) {
        do {
            _ = try registration.register(now: 0)
            Issue.record("accepted \(registration.name.prefix(40))")
        } catch {
            #expect(error.code == .invalidRequest && error.field == field)
            #expect(error.publicDescription.contains(message) && error.publicDescription.utf8.count < 200, "\(error.publicDescription.prefix(200))")
        }
    }

    /// The limits themselves are allowed, and so are names in any script.
    @Test func registrationsAtTheLimitsAreAccepted() throws {
        let token = String(repeating: "t", count: 256)
        let scope = [token, token, token].joined(separator: " ") + " " + String(repeating: "u", count: 1024 - 3 * 257)
        #expect(scope.utf8.count == 1024)
        let uri = "https://app.example/" + String(repeating: "p", count: 2048 - 20)
        let (client, _) = try ClientRegistration(name: String(repeating: "é", count: 200), grantTypes: [.authorizationCode],
                                                 redirectURIs: [uri], scope: scope).register(now: 0)
        #expect(client.scope.tokens.count == 2 && client.redirectURIs == [uri] && client.name.count == 200)
        let (named, _) = try ClientRegistration(name: "Ünïcødé app ✓ 日本", grantTypes: [.clientCredentials]).register(now: 0)
        #expect(named.name == "Ünïcødé app ✓ 日本")
    }
}

@Suite struct UserRegistrationTests {
    let passwords = PasswordChecker(hasher: PasswordHasher(parameters: try! ScryptParameters(logN: 4, blockSize: 8, parallelism: 1)),
                                    concurrency: 1, queueDepth: 1)

    @Test func createsANormalizedUserWithAHashedPassword() throws {
        let u = try UserRegistration(email: " Ada@Example.com", password: "correct horse", roles: ["admin"])
            .user(in: AuthState(), passwords: passwords, now: 9)
        #expect(u.email == "ada@example.com" && u.roles == ["admin"] && u.id.hasPrefix("usr_"))
        #expect(u.passwordHash?.hasPrefix("$scrypt$") == true)
        #expect(!(u.passwordHash ?? "").contains("correct horse"))
    }

    @Test(arguments: [("no-at-sign", "longenough"), ("a@b", "longenough"), ("a b@x.io", "longenough"), ("@x.io", "longenough"),
                      ("a@x.io", "short"), ("a@x.io", String(repeating: "p", count: 1025)), ("a@.x.io", "longenough")])
    func badInputIsInvalidRequest(_ email: String, _ password: String) {
        do {
            _ = try UserRegistration(email: email, password: password).user(in: AuthState(), passwords: passwords, now: 0)
            Issue.record("accepted \(email)")
        } catch {
            #expect(error.code == .invalidRequest)
        }
    }

    @Test func takenEmailIsRefused() throws {
        var state = AuthState()
        try state.apply(.userCreated(User(id: "usr_x", email: "a@x.io", passwordHash: nil, createdAt: 0)))
        do {
            _ = try UserRegistration(email: "A@X.io", password: "longenough").user(in: state, passwords: passwords, now: 0)
            Issue.record("duplicate email accepted")
        } catch {
            #expect(error.code == .emailTaken)
        }
    }
}
