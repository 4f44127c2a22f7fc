/// An error that knows its own response (Hummingbird's habit): the router renders it instead of a 500.
public protocol HTTPResponseRepresentableError: Error {
    var response: HTTPResponse { get }
}
