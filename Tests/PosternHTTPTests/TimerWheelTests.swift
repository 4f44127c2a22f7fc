import Testing
@testable import PosternHTTP

@Suite struct TimerWheelTests {
    private let second: UInt64 = 1_000_000_000

    @Test func firesEntriesOnlyOnceTheirTickHasPassed() {
        var wheel = TimerWheel(now: 0)
        _ = wheel.schedule(descriptor: 5, generation: 1, deadline: 2 * second)
        var fired: [TimerWheel.Entry] = []
        wheel.collectExpired(now: second, into: &fired)
        #expect(fired.isEmpty)
        wheel.collectExpired(now: 2 * second, into: &fired)
        #expect(fired.map(\.descriptor) == [5])
        wheel.collectExpired(now: 10 * second, into: &fired)
        #expect(fired.map(\.descriptor) == [5])
    }

    @Test func deadlinesBeyondTheHorizonComeRoundEarlyForRefiling() {
        var wheel = TimerWheel(now: 0)
        let tick = wheel.schedule(descriptor: 3, generation: 1, deadline: 1000 * second)
        #expect(tick < TimerWheel.tick(of: 1000 * second))
        var fired: [TimerWheel.Entry] = []
        wheel.collectExpired(now: 200 * second, into: &fired)
        #expect(fired.map(\.tick) == [tick])
    }

    @Test func aLongIdleStretchStillFiresEverything() {
        var wheel = TimerWheel(now: 0)
        for descriptor in Int32(0)..<50 {
            _ = wheel.schedule(descriptor: descriptor, generation: 0, deadline: UInt64(descriptor + 1) * second)
        }
        var fired: [TimerWheel.Entry] = []
        wheel.collectExpired(now: 100_000 * second, into: &fired)
        #expect(fired.count == 50)
    }
}
