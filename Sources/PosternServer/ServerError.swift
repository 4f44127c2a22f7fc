/// Why the server could not start or keep running: one line for the operator, then exit.
public enum ServerError: Error, CustomStringConvertible {
    case startup(String)

    public var description: String {
        switch self {
        case .startup(let reason): reason
        }
    }
}
