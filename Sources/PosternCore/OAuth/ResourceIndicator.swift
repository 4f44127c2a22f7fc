import Foundation

/// RFC 8707 resource indicators: which `aud` an access token carries.
public enum ResourceIndicator {
    /// The audience for `resource`, or nil (the client's default, else the issuer) when it was not sent.
    ///
    /// RFC 8707 §2: the value "MUST be an absolute URI" and "MUST NOT include a fragment
    /// component"; a resource the client may not name is `invalid_target`.
    public static func audience(_ resource: String?, for client: Client) throws(PosternError) -> String? {
        guard let resource else { return nil }
        guard let url = URLComponents(string: resource), url.scheme != nil, url.host != nil, url.fragment == nil else {
            throw PosternError(.invalidTarget, description: "resource must be an absolute URI without a fragment")
        }
        guard client.allowedResources.contains(resource) else {
            throw PosternError(.invalidTarget, description: "The client may not request this resource")
        }
        return resource
    }
}
