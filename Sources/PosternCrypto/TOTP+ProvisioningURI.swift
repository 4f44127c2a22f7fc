import Foundation

extension TOTP {
    // RFC 3986 §2.3 unreserved characters: everything else in a label or parameter is percent-encoded,
    // including ":" (the issuer/account separator) and "&", "=", "?" (query syntax).
    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The `otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30` URI
    /// (Google Authenticator Key Uri Format) that the enrolment QR code carries.
    public func provisioningURI(issuer: String, account: String) -> String {
        let issuerText = Self.percentEncoded(issuer)
        return "otpauth://totp/\(issuerText):\(Self.percentEncoded(account))"
            + "?secret=\(Base32.encode(secret))&issuer=\(issuerText)&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    private static func percentEncoded(_ text: String) -> String {
        // Only fails for unpaired UTF-16 surrogates, which a Swift String cannot hold; "" is the safe fallback.
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
