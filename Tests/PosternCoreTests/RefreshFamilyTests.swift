import Testing
@testable import PosternCore

@Suite struct RefreshFamilyTests {
    let day: Int64 = 86_400

    func hash(_ n: UInt8) -> [UInt8] { [UInt8](repeating: n, count: 32) }

    func family(at t: Int64 = 1_000) -> RefreshFamily {
        RefreshFamily(id: "ses_1", clientID: "cli_1", subject: "usr_1", scope: ["openid"], authTime: t, amr: ["pwd"],
                      createdAt: t, absoluteLifetime: 90 * day, idleLifetime: 30 * day,
                      firstTokenHash: hash(1), accessToken: .init(jti: "a0", expiresAt: t + 900))
    }

    @Test func liveTokenRotatesAndPredecessorReplaysWithinGrace() {
        var f = family()
        #expect(f.decide(presentedHash: hash(1), at: 1_010, graceSeconds: 30) == .rotate)
        f.rotate(to: hash(2), at: 1_010, idleLifetime: 30 * day, accessToken: .init(jti: "a1", expiresAt: 1_910))
        #expect(f.generation == 1)
        #expect(f.decide(presentedHash: hash(1), at: 1_040, graceSeconds: 30) == .replayWithinGrace)
        #expect(f.decide(presentedHash: hash(1), at: 1_041, graceSeconds: 30) == .reuseDetected)
        #expect(f.decide(presentedHash: hash(2), at: 1_041, graceSeconds: 30) == .rotate)
    }

    @Test func zeroGraceMeansAnyReplayIsReuse() {
        var f = family()
        f.rotate(to: hash(2), at: 1_010, idleLifetime: 30 * day, accessToken: .init(jti: "a1", expiresAt: 1_910))
        #expect(f.decide(presentedHash: hash(1), at: 1_010, graceSeconds: 0) == .reuseDetected)
        #expect(f.decide(presentedHash: hash(1), at: 1_011, graceSeconds: 0) == .reuseDetected)
        // A one-second window still covers the second of the rotation and the next.
        #expect(f.decide(presentedHash: hash(1), at: 1_011, graceSeconds: 1) == .replayWithinGrace)
        #expect(f.decide(presentedHash: hash(1), at: 1_012, graceSeconds: 1) == .reuseDetected)
    }

    @Test func olderRetiredTokenIsReuseEvenInsideWindow() {
        var f = family()
        f.rotate(to: hash(2), at: 1_010, idleLifetime: 30 * day, accessToken: .init(jti: "a1", expiresAt: 1_910))
        f.rotate(to: hash(3), at: 1_011, idleLifetime: 30 * day, accessToken: .init(jti: "a2", expiresAt: 1_911))
        #expect(f.decide(presentedHash: hash(1), at: 1_012, graceSeconds: 300) == .reuseDetected)
        #expect(f.decide(presentedHash: hash(2), at: 1_012, graceSeconds: 300) == .replayWithinGrace)
    }

    @Test func idleExpirySlidesButAbsoluteNeverExtends() {
        var f = family(at: 0)
        #expect(f.decide(presentedHash: hash(1), at: 30 * day, graceSeconds: 30) == .expired)
        var t: Int64 = 0
        var n: UInt8 = 1
        // Rotating every 29 days keeps it alive, until the 90-day absolute lifetime.
        while t + 29 * day < 90 * day {
            t += 29 * day
            #expect(f.decide(presentedHash: hash(n), at: t, graceSeconds: 30) == .rotate)
            n += 1
            f.rotate(to: hash(n), at: t, idleLifetime: 30 * day, accessToken: .init(jti: "a\(n)", expiresAt: t + 900))
        }
        #expect(f.idleExpiresAt == 90 * day)
        #expect(f.decide(presentedHash: hash(n), at: 90 * day, graceSeconds: 30) == .expired)
    }

    @Test func revokedFamilyRefusesEveryToken() {
        var f = family()
        f.rotate(to: hash(2), at: 1_010, idleLifetime: 30 * day, accessToken: .init(jti: "a1", expiresAt: 1_910))
        f.revoke(at: 1_020)
        for h in [hash(1), hash(2), hash(9)] {
            #expect(f.decide(presentedHash: h, at: 1_021, graceSeconds: 30) == .revoked)
        }
    }

    /// A rotation keeps only the newest access token (for a grace replay), however often the family rotates.
    @Test func theNewestAccessTokenIsKeptAndItsExpiryBoundsEveryOlderOne() {
        var f = family(at: 0)
        #expect(f.hasLiveAccessTokens(at: 899) && !f.hasLiveAccessTokens(at: 900))
        f.rotate(to: hash(2), at: 1_000, idleLifetime: 30 * day, accessToken: .init(jti: "a1", expiresAt: 1_900))
        #expect(f.lastAccessToken == .init(jti: "a1", expiresAt: 1_900))
        #expect(f.hasLiveAccessTokens(at: 1_899) && !f.hasLiveAccessTokens(at: 1_900))
    }

    @Test func anAccessTokenIDNamesItsFamily() {
        let jti = RefreshFamily.accessTokenID(family: "ses_1")
        #expect(RefreshFamily.family(ofAccessTokenID: jti) == "ses_1")
        #expect(RefreshFamily.accessTokenID(family: "ses_1") != jti)
        #expect(RefreshFamily.family(ofAccessTokenID: Identifier.make(.token)) == nil)
    }
}
