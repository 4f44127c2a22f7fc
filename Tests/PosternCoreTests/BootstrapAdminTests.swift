import PosternCrypto
import Testing
@testable import PosternCore

/// API.md "Configuration": `POSTERN_BOOTSTRAP_ADMIN_EMAIL` / `_PASSWORD` create that admin on a first start.
@Suite struct BootstrapAdminTests {
    func service(_ store: MemoryAuthStore) throws -> AuthorizationService {
        AuthorizationService(issuer: "https://id.example", config: try Config.load(environment: [:]), store: store,
                             encryptionKey: SecureRandom.bytes(32), clock: ManualClock())
    }

    @Test func createsAnAdminWithAHashedPasswordAndOneEventWithoutSecrets() throws {
        let store = MemoryAuthStore(AuthState())
        let service = try service(store)
        let user = try #require(try service.createBootstrapAdmin(email: "Root@Example.com", password: "correct horse battery"))
        let stored = try #require(store.snapshot().user(email: "root@example.com"))
        #expect(stored == user && stored.roles == ["admin"])
        let hash = try #require(stored.passwordHash)
        #expect(hash.hasPrefix("$scrypt$"))
        #expect(try service.passwords.verify("correct horse battery", against: hash) == .valid(needsRehash: false))
        #expect(store.audit.map(\.type) == ["user.registered"])
        #expect(store.audit[0].subject == user.id && store.audit[0].detail == ["method": "bootstrap"])
    }

    @Test func anExistingAccountIsLeftAsItIs() throws {
        let store = MemoryAuthStore(AuthState())
        let service = try service(store)
        let existing = try UserRegistration(email: "root@example.com", password: "an older password")
            .user(in: store.snapshot(), passwords: service.passwords, now: 0)
        try store.update(AuditOrigin(requestID: "", ip: "")) { _ in ([.userCreated(existing)], [], ()) }
        #expect(try service.createBootstrapAdmin(email: "ROOT@example.com", password: "correct horse battery") == nil)
        #expect(store.snapshot().user(email: "root@example.com") == existing)
        #expect(store.audit.isEmpty)
    }

    @Test func aSecondStartCreatesNothing() throws {
        let store = MemoryAuthStore(AuthState())
        let service = try service(store)
        try service.createBootstrapAdmin(email: "root@example.com", password: "correct horse battery")
        #expect(try service.createBootstrapAdmin(email: "root@example.com", password: "correct horse battery") == nil)
        #expect(store.snapshot().users.count == 1 && store.audit.count == 1)
    }
}
