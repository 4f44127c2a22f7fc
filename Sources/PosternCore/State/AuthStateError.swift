/// A record that cannot apply to the current state: a bug or a damaged log, never user input.
public enum AuthStateError: Error, Equatable, Sendable {
    case duplicate(String)
    case missing(String)
}
