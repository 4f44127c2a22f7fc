import Testing
@testable import PosternCore

@Suite struct KeyRingScheduleTests {
    let policy = KeyRingSchedule.Policy(jwksMaxAge: 300, rotationPeriod: 90 * 86_400)
    let lifetime: Int64 = 900

    /// Drives the schedule the way the server does: generate what it needs, commit what is due.
    func settle(_ ring: inout KeyRingSchedule, at now: Int64, newKid: String) {
        if case let .newKey(activatesAt)? = ring.need(at: now) {
            ring.apply(.publish(kid: newKid, at: now, activatesAt: activatesAt))
        }
        for t in ring.advance(now: now, tokenLifetime: lifetime) { ring.apply(t) }
    }

    @Test func firstStartActivatesAtOnce() {
        var ring = KeyRingSchedule(policy: policy)
        #expect(ring.need(at: 1000) == .newKey(activatesAt: 1000))
        settle(&ring, at: 1000, newKid: "k1")
        #expect(ring.activeKey?.kid == "k1")
        #expect(ring.need(at: 1001) == nil)
    }

    @Test func rotatedKeyIsPublishedOneMaxAgeBeforeItSigns() {
        var ring = KeyRingSchedule(policy: policy)
        settle(&ring, at: 0, newKid: "k1")
        guard case let .newKey(activatesAt)? = ring.rotation(at: 100) else { Issue.record("no rotation"); return }
        #expect(activatesAt == 400)
        ring.apply(.publish(kid: "k2", at: 100, activatesAt: activatesAt))
        // Before max-age has passed, the old key still signs and both are published.
        #expect(ring.advance(now: 399, tokenLifetime: lifetime).isEmpty)
        #expect(ring.activeKey?.kid == "k1")
        #expect(Set(ring.publishedKeys.map(\.kid)) == ["k1", "k2"])
        // A second rotation request while one is pending does nothing.
        #expect(ring.rotation(at: 200) == nil)
        for t in ring.advance(now: 400, tokenLifetime: lifetime) { ring.apply(t) }
        #expect(ring.activeKey?.kid == "k2")
        let old = ring.publishedKeys.first { $0.kid == "k1" }
        #expect(old?.state == .retired)
        #expect(old?.removeAt == Int64(400 + 900))
    }

    @Test func retiredKeyStaysUntilItsTokensExpire() {
        var ring = KeyRingSchedule(policy: policy)
        settle(&ring, at: 0, newKid: "k1")
        ring.apply(.publish(kid: "k2", at: 10, activatesAt: 310))
        for t in ring.advance(now: 310, tokenLifetime: lifetime) { ring.apply(t) }
        #expect(ring.advance(now: 310 + 899, tokenLifetime: lifetime).isEmpty)
        #expect(ring.advance(now: 310 + 900, tokenLifetime: lifetime) == [.remove(kid: "k1")])
        ring.apply(.remove(kid: "k1"))
        #expect(ring.publishedKeys.map(\.kid) == ["k2"])
    }

    @Test func automaticRotationAfterPeriod() {
        var ring = KeyRingSchedule(policy: policy)
        settle(&ring, at: 0, newKid: "k1")
        #expect(ring.need(at: 90 * 86_400 - 1) == nil)
        #expect(ring.need(at: 90 * 86_400) == .newKey(activatesAt: 90 * 86_400 + 300))
    }

    @Test func replayedTransitionsAreIgnored() {
        var ring = KeyRingSchedule(policy: policy)
        settle(&ring, at: 0, newKid: "k1")
        let before = ring
        ring.apply(.publish(kid: "k1", at: 5, activatesAt: 5))
        ring.apply(.activate(kid: "k1", at: 5, retiredKeyRemoveAt: 905))
        ring.apply(.remove(kid: "k1"))  // an active key is never removed
        #expect(ring == before)
    }

    @Test func activeKeyIsNeverRemovedAndOnlyOneIsActive() {
        var ring = KeyRingSchedule(policy: policy)
        settle(&ring, at: 0, newKid: "k1")
        for (i, now) in stride(from: Int64(1000), to: 20_000, by: 1000).enumerated() {
            if case let .newKey(at)? = ring.rotation(at: now) { ring.apply(.publish(kid: "r\(i)", at: now, activatesAt: at)) }
            for t in ring.advance(now: now, tokenLifetime: lifetime) { ring.apply(t) }
            #expect(ring.publishedKeys.filter { $0.state == .active }.count == 1)
        }
    }

    @Test func retentionIsTheLifetimeGivenWhenTheActivationWasDecided() {
        var ring = KeyRingSchedule(policy: policy)
        settle(&ring, at: 0, newKid: "k1")
        ring.apply(.publish(kid: "k2", at: 10, activatesAt: 310))
        // A day-long access-token TTL: the retired key must outlive the day-long tokens it signed.
        let due = ring.advance(now: 310, tokenLifetime: 86_400)
        #expect(due == [.activate(kid: "k2", at: 310, retiredKeyRemoveAt: 310 + 86_400, tokenLifetime: 86_400)])
        for t in due { ring.apply(t) }
        // A shorter lifetime configured after a restart does not cut the decided retention short.
        #expect(ring.advance(now: 310 + 86_399, tokenLifetime: 60).isEmpty)
        #expect(ring.advance(now: 310 + 86_400, tokenLifetime: 60) == [.remove(kid: "k1")])
    }

    /// The old key signs until the activation is committed, which maintenance may do late: its tokens from that gap
    /// must still verify for their whole lifetime.
    @Test func aLateActivationCountsTheRetentionFromWhenItIsCommitted() {
        var ring = KeyRingSchedule(policy: policy)
        settle(&ring, at: 0, newKid: "k1")
        ring.apply(.publish(kid: "k2", at: 10, activatesAt: 310))
        #expect(ring.advance(now: 370, tokenLifetime: 900)
                == [.activate(kid: "k2", at: 310, retiredKeyRemoveAt: 370 + 900, tokenLifetime: 900)])
    }

    /// A key that started signing under a day-long lifetime keeps its tokens verifiable for a day after it retires,
    /// even if the lifetime was lowered (and the server restarted) in between.
    @Test func aLoweredLifetimeDoesNotCutAKeysOwnRetentionShort() {
        var ring = KeyRingSchedule(policy: policy)
        ring.apply(.publish(kid: "k1", at: 0, activatesAt: 0))
        for t in ring.advance(now: 0, tokenLifetime: 86_400) { ring.apply(t) }
        #expect(ring.activeKey?.signedLifetime == 86_400)
        ring.apply(.publish(kid: "k2", at: 10, activatesAt: 310))
        #expect(ring.advance(now: 310, tokenLifetime: 900)
                == [.activate(kid: "k2", at: 310, retiredKeyRemoveAt: 310 + 86_400, tokenLifetime: 900)])
    }

    /// Raised while a key is active (a restart with a longer lifetime), then lowered again before it retires: the
    /// tokens it signed in between live the raised lifetime, so its retention counts from that.
    @Test func aLifetimeRaisedAndLoweredAgainWhileAKeySignsKeepsTheRaisedRetention() {
        var ring = KeyRingSchedule(policy: policy)
        settle(&ring, at: 0, newKid: "k1")
        #expect(ring.activeKey?.signedLifetime == 900)
        #expect(ring.advance(now: 100, tokenLifetime: 86_400) == [.raiseLifetime(kid: "k1", tokenLifetime: 86_400)])
        for t in ring.advance(now: 100, tokenLifetime: 86_400) { ring.apply(t) }
        #expect(ring.activeKey?.signedLifetime == 86_400)
        // Recorded once; a lower setting never lowers it.
        #expect(ring.advance(now: 101, tokenLifetime: 86_400).isEmpty)
        #expect(ring.advance(now: 102, tokenLifetime: 900).isEmpty)
        ring.apply(.raiseLifetime(kid: "k1", tokenLifetime: 60))
        #expect(ring.activeKey?.signedLifetime == 86_400)
        ring.apply(.publish(kid: "k2", at: 200, activatesAt: 500))
        #expect(ring.advance(now: 500, tokenLifetime: 900)
                == [.activate(kid: "k2", at: 500, retiredKeyRemoveAt: 500 + 86_400, tokenLifetime: 900)])
    }

    /// A raise names the active key only: a waiting or retired key signs nothing, and a stale raise is ignored.
    @Test func aRaisedLifetimeTouchesOnlyTheActiveKey() {
        var ring = KeyRingSchedule(policy: policy)
        settle(&ring, at: 0, newKid: "k1")
        ring.apply(.publish(kid: "k2", at: 10, activatesAt: 310))
        ring.apply(.raiseLifetime(kid: "k2", tokenLifetime: 86_400))
        #expect(ring.publishedKeys.first { $0.kid == "k2" }?.signedLifetime == nil)
        settle(&ring, at: 310, newKid: "k3")
        ring.apply(.raiseLifetime(kid: "k1", tokenLifetime: 86_400))
        #expect(ring.publishedKeys.first { $0.kid == "k1" }?.signedLifetime == 900)
        #expect(ring.publishedKeys.first { $0.kid == "k1" }?.removeAt == Int64(310 + 900))
    }

    /// A key activated before lifetimes were recorded gets today's recorded once, so a later lower setting keeps it.
    @Test func aKeyActivatedWithoutARecordedLifetimeRecordsTodaysOnce() {
        var ring = KeyRingSchedule(policy: policy)
        ring.apply(.publish(kid: "k1", at: 0, activatesAt: 0))
        ring.apply(.activate(kid: "k1", at: 0, retiredKeyRemoveAt: nil))
        #expect(ring.advance(now: 10, tokenLifetime: 3600) == [.raiseLifetime(kid: "k1", tokenLifetime: 3600)])
        for t in ring.advance(now: 10, tokenLifetime: 3600) { ring.apply(t) }
        #expect(ring.advance(now: 11, tokenLifetime: 3600).isEmpty)
    }

    @Test func anActivationWithoutARecordedRemovalKeepsTheOldFixedRetention() {
        var ring = KeyRingSchedule(policy: policy)
        settle(&ring, at: 0, newKid: "k1")
        ring.apply(.publish(kid: "k2", at: 10, activatesAt: 310))
        ring.apply(.activate(kid: "k2", at: 310, retiredKeyRemoveAt: nil))
        #expect(ring.publishedKeys.first { $0.kid == "k1" }?.removeAt == Int64(310 + 3600))
    }
}
