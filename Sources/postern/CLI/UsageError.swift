/// A bad command line (exit 2), or a refused command (exit 1): printed as one line on stderr.
struct UsageError: Error, Equatable {
    let message: String
    /// Exit 2 for bad arguments; 1 when the arguments were fine but the command cannot run.
    var status: Int32 = 2

    init(_ message: String) { self.message = message }

    static func runtime(_ message: String) -> UsageError {
        var error = UsageError(message)
        error.status = 1
        return error
    }
}
