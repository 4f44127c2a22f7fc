import Foundation
import PosternCrypto
import PosternStore
import Testing
@testable import PosternCore

@Suite struct DurableAuthStoreTests {
    @Test func tokensIssuedBeforeARestartStillRefreshAfterIt() throws {
        let path = NSTemporaryDirectory() + "postern-core-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: path) }
        let secret = SecureRandom.bytes(32)
        let config = try Config.load(environment: [:])
        let hasher = PasswordHasher(parameters: try ScryptParameters(logN: 4, blockSize: 8, parallelism: 1))
        var refresh = ""
        do {
            let backend = try FlatFileStore<AuthState>(directory: DataDirectory(path))
            let store = DurableAuthStore(backend)
            let service = AuthorizationService(issuer: "https://id.example", config: config, store: store, encryptionKey: secret,
                                               hasher: hasher)
            try service.maintainKeys()
            let (client, clientSecret) = try ClientRegistration(name: "app", grantTypes: [.password, .refreshToken]).register(now: 0)
            let user = try UserRegistration(email: "u@example.com", password: "long enough").user(in: store.snapshot(), passwords: service.passwords, now: 0)
            try store.update(AuditOrigin(requestID: "", ip: "")) { _ in ([.clientRegistered(client), .userCreated(user)], [], ()) }
            let r = try service.token.handle(TokenRequest(
                parameters: [(name: "grant_type", value: "password"), (name: "username", value: "u@example.com"),
                             (name: "password", value: "long enough")],
                basicCredentials: (id: client.id, secret: clientSecret!))).get()
            refresh = try #require(r.refreshToken)
            backend.close()
            // Second run of the same scope: the client id is needed again.
            let reopened = try FlatFileStore<AuthState>(directory: DataDirectory(path))
            let service2 = AuthorizationService(issuer: "https://id.example", config: config, store: DurableAuthStore(reopened),
                                                encryptionKey: secret, hasher: hasher)
            try service2.maintainKeys()
            #expect(service2.keys.published.jwksBody == service.keys.published.jwksBody)
            let again = try service2.token.handle(TokenRequest(
                parameters: [(name: "grant_type", value: "refresh_token"), (name: "refresh_token", value: refresh)],
                basicCredentials: (id: client.id, secret: clientSecret!))).get()
            #expect(again.refreshToken != nil)
            reopened.close()
        }
        let report = try AuditVerifier.verify(DataDirectory(path))
        #expect(report.events >= 4)
    }
}
