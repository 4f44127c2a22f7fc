import PosternCore
import PosternHTTP

/// The one place a `PosternError` becomes a response: the API.md error shape, status and challenge headers.
extension PosternError: HTTPResponseRepresentableError {
    public var response: HTTPResponse {
        var response = HTTPResponse.json(status, jsonBody)
        for (name, value) in headerFields { response.headers.add(name, value) }
        return response
    }
}
