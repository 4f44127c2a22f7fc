import Foundation
import PosternCrypto
import PosternJOSE
import Synchronization
import Testing
@testable import PosternCore

@Suite struct PasswordGrantTests {
    static let fast = try! ScryptParameters(logN: 4, blockSize: 8, parallelism: 1)
    let clock = ManualClock()
    let hasher = PasswordHasher(parameters: PasswordGrantTests.fast)
    let client = Client(id: "cli_app", name: "App", secretHash: SHA256.hash("x"), grantTypes: [.password, .refreshToken],
                        scope: Scope(["openid", "read"]), authMethod: .clientSecretBasic,
                        allowedResources: ["https://api.example"], createdAt: 0)

    func grant(throttle: Throttle? = nil, hasher: PasswordHasher? = nil) -> PasswordGrant {
        PasswordGrant(accessTokens: AccessTokenPolicy(issuer: "https://id.example"),
                      refresh: RefreshPolicy(codec: RefreshTokenCodec(secret: [1, 2, 3])),
                      passwords: PasswordChecker(hasher: hasher ?? self.hasher, concurrency: 2, queueDepth: 2),
                      throttle: throttle ?? Throttle(clock: clock))
    }

    func state(disabled: Bool = false, hash: String? = nil) throws -> AuthState {
        var s = AuthState()
        try s.apply(.clientRegistered(client))
        try s.apply(.userCreated(User(id: "usr_ada", email: "ada@example.com", username: "ada", roles: ["admin"],
                                      passwordHash: try hash ?? hasher.hash("correct horse"), disabled: disabled, createdAt: 0)))
        return s
    }

    func run(_ g: PasswordGrant, _ params: [String: String], state: inout AuthState) throws -> GrantDecision {
        let request = GrantRequest(client: client, parameters: params, now: clock.now(), clientIP: "192.0.2.1", requestID: "r")
        let decision = g.decide(try g.validate(request, snapshot: state), request: request, state: state)
        for r in decision.records { try state.apply(r) }
        return decision
    }

    /// API.md "Tokens": `aud` is the RFC 8707 resource when sent and allowed for the client, and the family keeps
    /// it for every refresh; one the client may not name is `invalid_target`, before any password is checked.
    @Test func theResourceSetsTheAudienceOfTheLoginAndItsFamily() throws {
        var s = try state()
        let d = try run(grant(), ["username": "ada", "password": "correct horse", "resource": "https://api.example"], state: &s)
        #expect(try d.outcome.get().accessToken.audience == ["https://api.example"])
        let family = d.records.compactMap { record -> RefreshFamily? in
            if case .refreshFamilyStarted(let f) = record { return f } else { return nil }
        }.first
        #expect(family?.audience == "https://api.example")
        for resource in ["https://elsewhere.example", "not a uri"] {
            do {
                _ = try run(grant(), ["username": "ada", "password": "correct horse", "resource": resource], state: &s)
                Issue.record("accepted resource \(resource)")
            } catch { #expect((error as? PosternError)?.code == .invalidTarget) }
        }
    }

    @Test func correctPasswordIssuesTokensAndStartsAFamily() throws {
        var s = try state()
        let d = try run(grant(), ["username": "ADA@example.com", "password": "correct horse", "scope": "openid"], state: &s)
        let t = try d.outcome.get()
        #expect(t.accessToken.subject == "usr_ada")
        #expect(t.accessToken.extra["amr"] == .array([.string("pwd")]))
        #expect(t.accessToken.extra["roles"] == .array([.string("admin")]))
        let refresh = try #require(t.refreshToken)
        #expect(s.family(tokenHash: RefreshTokenCodec.hash(refresh))?.subject == "usr_ada")
        #expect(s.family(tokenHash: RefreshTokenCodec.hash(refresh))?.amr == ["pwd"])
        #expect(s.users["usr_ada"]?.lastLoginAt == clock.now())
        #expect(d.audit.map(\.type) == ["user.login"])
        // Username works as the login too.
        #expect((try? run(grant(), ["username": "Ada", "password": "correct horse"], state: &s).outcome.get()) != nil)
    }

    @Test func wrongPasswordUnknownAndDisabledAccountsGetOneAnswer() throws {
        var s = try state()
        var descriptions: Set<String> = []
        for (login, password) in [("ada", "wrong"), ("nobody@example.com", "correct horse")] {
            let d = try run(grant(), ["username": login, "password": password], state: &s)
            guard case .failure(let e) = d.outcome else { Issue.record("accepted"); continue }
            #expect(e.code == .invalidGrant)
            descriptions.insert(e.publicDescription)
            #expect(d.records.isEmpty)
            #expect(d.audit.first?.type == "user.login" && d.audit.first?.result == "failure")
        }
        var disabled = try state(disabled: true)
        let d = try run(grant(), ["username": "ada", "password": "correct horse"], state: &disabled)
        guard case .failure(let e) = d.outcome else { Issue.record("disabled account logged in"); return }
        descriptions.insert(e.publicDescription)
        #expect(descriptions.count == 1)
    }

    @Test func fiveFailuresLockEvenTheRightPassword() throws {
        var s = try state()
        let throttle = Throttle(clock: clock)
        let g = grant(throttle: throttle)
        var last: GrantDecision?
        for _ in 0..<5 { last = try run(g, ["username": "ada", "password": "nope"], state: &s) }
        #expect(last?.audit.contains { $0.type == "user.locked" } == true)
        do {
            _ = try run(g, ["username": "ada", "password": "correct horse"], state: &s)
            Issue.record("locked account accepted a login")
        } catch let e as PosternError {
            #expect(e.code == .rateLimited)
            #expect((e.retryAfterSeconds ?? 0) > 0)
        }
        clock.advance(61)
        #expect((try? run(g, ["username": "ada", "password": "correct horse"], state: &s).outcome.get()) != nil)
    }

    /// The backoff belongs to the account, so another spelling of its login (spaces, case, email for username) does
    /// not start a fresh count; guesses at a login naming nobody are counted the same way.
    @Test(arguments: [(" ADA@example.com", "ada"), ("ada", "ada@example.com "), ("Nobody@example.com", " nobody@EXAMPLE.com")])
    func theBackoffFollowsTheAccountWhateverItsSpelling(failing: String, retrying: String) throws {
        var s = try state()
        let g = grant(throttle: Throttle(clock: clock))
        for _ in 0..<5 { _ = try run(g, ["username": failing, "password": "nope"], state: &s) }
        do {
            _ = try run(g, ["username": retrying, "password": "correct horse"], state: &s)
            Issue.record("\(retrying) dodged the backoff of \(failing)")
        } catch let e as PosternError {
            #expect(e.code == .rateLimited)
        }
    }

    @Test func outdatedParametersAreRehashedOnLogin() throws {
        let old = try PasswordHasher(parameters: ScryptParameters(logN: 5, blockSize: 8, parallelism: 1)).hash("correct horse")
        var s = try state(hash: old)
        _ = try run(grant(), ["username": "ada", "password": "correct horse"], state: &s).outcome.get()
        let stored = try #require(s.users["usr_ada"]?.passwordHash)
        #expect(stored != old)
        #expect(try hasher.verify("correct horse", against: stored) == .valid(needsRehash: false))
    }

    @Test(arguments: [["password": "x"], ["username": "ada"], ["username": "ada", "password": "correct horse", "scope": "admin"]])
    func missingOrBadParameters(_ params: [String: String]) throws {
        var s = try state()
        do {
            _ = try run(grant(), params, state: &s)
            Issue.record("accepted \(params)")
        } catch let e as PosternError {
            #expect(e.code == (params["scope"] == nil ? .invalidRequest : .invalidScope))
        }
    }

    @Test func saturatedCheckerAnswersOverloadedAtOnce() throws {
        let params = try ScryptParameters(logN: 14, blockSize: 8, parallelism: 1)
        let checker = PasswordChecker(hasher: PasswordHasher(parameters: params), concurrency: 1, queueDepth: 0)
        let stored = try PasswordHasher(parameters: params).hash("p")
        // Eight checks released together against room for one: some must be refused, at least one must run.
        let start = DispatchSemaphore(value: 0)
        let outcomes = Mutex<[PosternError.Code?]>([])
        let done = DispatchGroup()
        for _ in 0..<8 {
            done.enter()
            Thread {
                start.wait()
                let outcome: PosternError.Code?
                do { _ = try checker.verify("p", against: stored); outcome = nil } catch let error as PosternError { outcome = error.code } catch { outcome = .serverError }
                outcomes.withLock { $0.append(outcome) }
                done.leave()
            }.start()
        }
        for _ in 0..<8 { start.signal() }
        #expect(done.wait(timeout: .now() + 120) == .success)
        let results = outcomes.withLock { $0 }
        #expect(results.contains(nil))
        #expect(results.contains(.overloaded))
        #expect(results.allSatisfy { $0 == nil || $0 == .overloaded })
        #expect(checker.inFlight == 0)
    }

}
