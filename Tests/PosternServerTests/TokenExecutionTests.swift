import PosternHTTP
import Testing
@testable import PosternServer

/// Where `/oauth/token` runs a request: only the password grant goes to the hashing pool, however it is spelled, so
/// that no encoding trick puts an scrypt hash on an event loop.
@Suite struct TokenExecutionTests {
    func execution(_ body: String, type: String = "application/x-www-form-urlencoded") -> HandlerExecution {
        OAuthRoutes.tokenExecution(HTTPRequest(method: .post, target: "/oauth/token",
                                               headers: HTTPHeaders([("Content-Type", type)]), body: Array(body.utf8)))
    }

    @Test func thePasswordGrantGoesToTheWorkersHoweverItIsEncoded() {
        #expect(execution("grant_type=password&username=a&password=b") == .worker)
        #expect(execution("scope=openid&grant_type=password") == .worker)
        #expect(execution("username=a&grant_type=p%61ssword&password=b") == .worker)
        #expect(execution("grant_type=%70%61%73%73%77%6F%72%64") == .worker)
        #expect(execution(#"{"grant_type":"p\u0061ssword","username":"a"}"#, type: "application/json") == .worker)
        #expect(execution(#"{"gr\u0061nt_type":"password"}"#, type: "application/json") == .worker)
    }

    @Test func everyOtherGrantAndEveryUndecodableBodyRunsInline() {
        #expect(execution("grant_type=client_credentials&scope=read+write") == .inline)
        #expect(execution("grant_type=refresh_token&refresh_token=rt_abc") == .inline)
        // "password" elsewhere than the grant type: decoded, and still inline.
        #expect(execution("grant_type=client_credentials&scope=password") == .inline)
        #expect(execution("grant_type=client_credentials&scope=a%20b") == .inline)
        #expect(execution("grant_type=password", type: "text/plain") == .inline)
        #expect(execution("grant_type=%zz&password") == .inline)
        #expect(execution("") == .inline)
        #expect(execution("passwor") == .inline)
    }
}
