/// Durable state behind one interface, so a database backend can replace the flat files later.
public protocol Store<State>: Sendable {
    associatedtype State: StateMachine

    /// Runs `body` on the current state; never touches disk.
    func read<T>(_ body: (State) throws -> T) rethrows -> T

    /// Runs `decide` under the store's lock on the current state; applies the records it returns and
    /// returns its value once those records and audit events are durable. If `decide` throws, nothing changes.
    func update<T>(_ decide: (State) throws -> (Change<State.Record>, T)) throws -> T
}
