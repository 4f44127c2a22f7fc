/// A per-loop hashed timer wheel for connection deadlines (header read, idle keep-alive, lingering close).
///
/// Entries are never removed: a connection moves its deadline by just storing it, and a fired entry whose
/// connection now has a later deadline is put back. So a request costs no timer work unless its deadline
/// moves earlier, and there is no timer per syscall.
struct TimerWheel {
    /// A connection slot plus its generation, so a reused descriptor never inherits an old entry.
    struct Entry {
        let descriptor: Int32
        let generation: UInt32
        let tick: UInt64
    }

    /// 100 ms resolution: the timeouts are seconds long, so a coarser tick only shifts them by a tenth.
    static let tickNanoseconds: UInt64 = 100_000_000
    private static let slotCount = 1024

    private var slots: [[Entry]] = Array(repeating: [], count: TimerWheel.slotCount)
    private var processedTick: UInt64

    init(now: UInt64) {
        processedTick = now / Self.tickNanoseconds
    }

    static func tick(of nanoseconds: UInt64) -> UInt64 {
        (nanoseconds + tickNanoseconds - 1) / tickNanoseconds
    }

    /// Files an entry for `deadline`; returns the tick it was filed under (the connection remembers it).
    /// Deadlines past the wheel's horizon are filed at the horizon and re-filed when they come round.
    mutating func schedule(descriptor: Int32, generation: UInt32, deadline: UInt64) -> UInt64 {
        let tick = min(max(Self.tick(of: deadline), processedTick + 1), processedTick + UInt64(Self.slotCount - 1))
        slots[Int(tick % UInt64(Self.slotCount))].append(Entry(descriptor: descriptor, generation: generation, tick: tick))
        return tick
    }

    /// Moves every entry due by `now` into `due`, in tick order. The caller acts on them after this returns:
    /// acting may file new entries, which must not happen while the wheel is being mutated (exclusivity).
    mutating func collectExpired(now: UInt64, into due: inout [Entry]) {
        let nowTick = now / Self.tickNanoseconds
        if nowTick > processedTick + UInt64(Self.slotCount) {
            // After a long idle stretch every slot is due; visit each once instead of every missed tick.
            processedTick = nowTick - UInt64(Self.slotCount)
        }
        while processedTick < nowTick {
            processedTick += 1
            let index = Int(processedTick % UInt64(Self.slotCount))
            guard !slots[index].isEmpty else { continue }
            due.append(contentsOf: slots[index])
            slots[index].removeAll(keepingCapacity: true)
        }
    }
}
