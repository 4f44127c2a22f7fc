/// Decides which address a request came from when the socket peer may be a proxy speaking for someone else.
///
/// The server asks it once per request, before the middleware, and puts the answer in
/// `RequestContext.clientAddress`, so the access log, the handlers and everything they key by address agree.
/// Without one (the default) the peer is the client and a request costs nothing extra.
public protocol ClientAddressResolver: Sendable {
    /// The client's address for a request from `peer` (numeric, as the socket reported it) with these `headers`.
    func clientAddress(peer: String, headers: HTTPHeaders) -> String
}
