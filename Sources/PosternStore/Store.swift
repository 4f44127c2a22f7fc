/// Durable state behind one interface, so a database backend can replace the flat files later.
public protocol Store<State>: Sendable {
    associatedtype State: StateMachine

    /// Runs `body` on the current state; never touches disk.
    func read<T>(_ body: (State) throws -> T) rethrows -> T

    /// Runs `decide` under the store's lock on the current state and applies the records it returns. Returns
    /// `decide`'s value at once, with the commit's `Durability`: nothing may be acknowledged before it is done.
    /// A decision that writes nothing gets the durability of every change applied before it, since it may have
    /// read them. If `decide` throws, nothing changes; if a record does not apply, this throws `StoreError.rejected`.
    func submit<T>(_ decide: (State) throws -> (Change<State.Record>, T)) throws -> (value: T, durability: Durability)
}

extension Store {
    /// `submit`, then waits on this thread until the change is durable (offline tools, tests).
    public func update<T>(_ decide: (State) throws -> (Change<State.Record>, T)) throws -> T {
        let (value, durability) = try submit(decide)
        try durability.wait()
        return value
    }
}
