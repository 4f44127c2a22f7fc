import PosternJOSE

/// Signs access tokens (`typ: at+jwt`, RFC 9068 §2.1) with whichever key the key ring says is active.
public struct AccessTokenSigner: Sendable {
    private let activeSigner: @Sendable () -> JWTSigner?

    /// `activeSigner` answers the signer of the active key at the moment of the call.
    public init(activeSigner: @escaping @Sendable () -> JWTSigner?) {
        self.activeSigner = activeSigner
    }

    public func sign(_ claims: JWTClaims) throws(PosternError) -> String {
        guard let signer = activeSigner() else { throw .serverError(debug: "no active signing key") }
        do {
            return try signer.sign(claims)
        } catch {
            throw .serverError(debug: "access token signing failed", underlying: error)
        }
    }
}
