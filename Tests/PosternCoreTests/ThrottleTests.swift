import Synchronization
import Testing
@testable import PosternCore

/// A clock the test moves by hand.
final class ManualClock: Clock {
    private let time: Mutex<Int64>
    init(_ start: Int64 = 1_000_000) { time = Mutex(start) }
    func now() -> Int64 { time.withLock { $0 } }
    func advance(_ seconds: Int64) { time.withLock { $0 += seconds } }
}

@Suite struct ThrottleTests {
    @Test func fiveFailuresLockWithGrowingBackoffThatEndsByItself() {
        let clock = ManualClock()
        let throttle = Throttle(policy: .init(ipCapacity: 1000, ipRefillPerSecond: 100), clock: clock)
        for _ in 0..<4 {
            #expect(throttle.admit(account: "usr_a", ipKey: "1.2.3.4") == nil)
            throttle.record(account: "usr_a", ipKey: "1.2.3.4", succeeded: false)
        }
        #expect(throttle.admit(account: "usr_a", ipKey: "1.2.3.4") == nil)
        throttle.record(account: "usr_a", ipKey: "1.2.3.4", succeeded: false)
        #expect(throttle.admit(account: "usr_a", ipKey: "1.2.3.4") == 60)
        // A password backoff holds from every address.
        #expect(throttle.isLocked(account: "usr_a", ipKey: "5.6.7.8"))
        #expect(throttle.admit(account: "usr_a", ipKey: "5.6.7.8") == 60)
        // Another account from the same IP is unaffected.
        #expect(throttle.admit(account: "usr_b", ipKey: "1.2.3.4") == nil)
        clock.advance(60)
        #expect(throttle.admit(account: "usr_a", ipKey: "1.2.3.4") == nil)
        throttle.record(account: "usr_a", ipKey: "1.2.3.4", succeeded: false)
        #expect(throttle.admit(account: "usr_a", ipKey: "1.2.3.4") == 120)
        clock.advance(120)
        throttle.record(account: "usr_a", ipKey: "1.2.3.4", succeeded: false)
        #expect(throttle.admit(account: "usr_a", ipKey: "1.2.3.4") == 240)
    }

    @Test func backoffIsCappedAndSuccessResets() {
        var b = FailureBackoff()
        let policy = FailureBackoff.Policy()
        var now: Int64 = 0
        for _ in 0..<20 {
            now = max(now, b.lockedUntil)
            b.recordFailure(now: now, policy: policy)
        }
        #expect(b.retryAfter(now: now) == 900)
        let clock = ManualClock()
        let t = Throttle(clock: clock)
        for _ in 0..<4 { t.record(account: "x", ipKey: "k", succeeded: false) }
        t.record(account: "x", ipKey: "k", succeeded: true)
        t.record(account: "x", ipKey: "k", succeeded: false)
        #expect(t.admit(account: "x", ipKey: "k") == nil)
    }

    @Test func quietWindowForgetsTheStreak() {
        var b = FailureBackoff()
        let policy = FailureBackoff.Policy()
        for i in 0..<4 { b.recordFailure(now: Int64(i), policy: policy) }
        b.recordFailure(now: 3 + 901, policy: policy)
        #expect(b.failures == 1)
        #expect(b.retryAfter(now: 905) == nil)
    }

    @Test func ipBucketLimitsBurstAndRefills() {
        let clock = ManualClock()
        let t = Throttle(policy: .init(ipCapacity: 3, ipRefillPerSecond: 0.5), clock: clock)
        for _ in 0..<3 { #expect(t.admit(account: nil, ipKey: "9.9.9.9") == nil) }
        #expect(t.admit(account: nil, ipKey: "9.9.9.9") == 2)
        #expect(t.admit(account: nil, ipKey: "8.8.8.8") == nil)
        clock.advance(2)
        #expect(t.admit(account: nil, ipKey: "9.9.9.9") == nil)
    }

    @Test func tablesStayBounded() {
        let clock = ManualClock()
        let t = Throttle(policy: .init(ipCapacity: 5, ipRefillPerSecond: 1, maxEntries: 100), clock: clock)
        for i in 0..<10_000 { _ = t.admit(account: nil, ipKey: "10.0.\(i / 256).\(i % 256)") }
        #expect(t.trackedIPCount <= 101)
        #expect(t.admit(account: nil, ipKey: "fresh") == nil)
    }

    @Test(arguments: [
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::9", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:ffff::1", "2001:db8:1:2::/64"),
        ("::1", "0:0:0:0::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("192.0.2.7", "192.0.2.7"),
        ("not-an-ip", "not-an-ip"),
    ])
    func ipv6KeysByPrefix(_ address: String, _ key: String) {
        #expect(Throttle.key(forIP: address) == key)
    }

    @Test func secretsSpendTheAddressBucketOnlyOnFailureAndNeverRefuseARightSecretForIt() {
        let clock = ManualClock()
        let t = Throttle(policy: .init(ipCapacity: 3, ipRefillPerSecond: 0.5, kind: .secrets), clock: clock)
        for _ in 0..<1_000 {
            #expect(t.admit(account: "cli_a", ipKey: "9.9.9.9") == nil)
            #expect(t.record(account: "cli_a", ipKey: "9.9.9.9", succeeded: true) == nil)
        }
        // Three failures under three ids fit the budget; the fourth is past it and told to wait.
        for i in 0..<3 { #expect(t.record(account: "cli_\(i)", ipKey: "9.9.9.9", succeeded: false) == nil) }
        #expect(t.record(account: "cli_3", ipKey: "9.9.9.9", succeeded: false) == 2)
        // Nothing is refused before the check: a right secret from there still passes, another address is untouched.
        #expect(t.admit(account: "cli_a", ipKey: "9.9.9.9") == nil)
        #expect(t.record(account: "cli_x", ipKey: "8.8.8.8", succeeded: false) == nil)
        clock.advance(2)
        #expect(t.record(account: "cli_4", ipKey: "9.9.9.9", succeeded: false) == nil)
    }

    /// An account name is whatever a request sent: a long one is kept as its digest, whole (no two long names that
    /// share a prefix share an entry), and the same name keeps finding its entry.
    @Test func longAccountNamesAreKeptAsDigests() {
        let clock = ManualClock()
        let t = Throttle(policy: .init(ipCapacity: 1000, ipRefillPerSecond: 100, kind: .secrets), clock: clock)
        let long = String(repeating: "x", count: 60_000)
        #expect(t.accountKey(long + "a", "1.2.3.4").utf8.count < 100)
        #expect(t.accountKey("cli_short", "1.2.3.4") == "cli_short 1.2.3.4")
        for _ in 0..<5 { t.record(account: long + "a", ipKey: "1.2.3.4", succeeded: false) }
        #expect(t.admit(account: long + "a", ipKey: "1.2.3.4") == 60)
        #expect(t.admit(account: long + "b", ipKey: "1.2.3.4") == nil)
    }

    @Test func secretsBackTheAccountOffAtOneAddressOnly() {
        let clock = ManualClock()
        let t = Throttle(policy: .init(ipCapacity: 1000, ipRefillPerSecond: 100, kind: .secrets), clock: clock)
        for _ in 0..<5 { t.record(account: "cli_a", ipKey: "1.2.3.4", succeeded: false) }
        #expect(t.admit(account: "cli_a", ipKey: "1.2.3.4") == 60)
        #expect(t.isLocked(account: "cli_a", ipKey: "1.2.3.4"))
        #expect(t.admit(account: "cli_a", ipKey: "5.6.7.8") == nil)
        #expect(!t.isLocked(account: "cli_a", ipKey: "5.6.7.8"))
        #expect(t.admit(account: "cli_b", ipKey: "1.2.3.4") == nil)
    }

    @Test func secretTablesStayBounded() {
        let clock = ManualClock()
        let t = Throttle(policy: .init(ipCapacity: 5, ipRefillPerSecond: 1, maxEntries: 100, kind: .secrets), clock: clock)
        for i in 0..<10_000 { t.record(account: "cli_\(i)", ipKey: "10.0.\(i / 256).\(i % 256)", succeeded: false) }
        #expect(t.trackedIPCount <= 101)
        #expect(t.trackedAccountCount <= 101)
        #expect(t.admit(account: "cli_new", ipKey: "fresh") == nil)
    }
}
