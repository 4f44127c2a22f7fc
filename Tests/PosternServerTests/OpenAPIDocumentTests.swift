import Foundation
import PosternTestSupport
import Testing
import PosternServer

/// API.md "Operations": `GET /openapi.json` describes everything served, kept true by a test that exercises it. The
/// conformance suite exercises each documented operation; this checks the other direction, that the document lists
/// exactly the routes the application registers, no fewer and no more.
@Suite(.serialized) struct OpenAPIDocumentTests {
    @Test func theServedDocumentListsExactlyTheRegisteredRoutes() throws {
        let server = try ServerFixture()
        defer { #expect(server.stop()) }
        let response = try server.request("GET", "/openapi.json")
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
        let document = server.json(response)
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let served = Set(server.application.server.router.routes.map { "\($0.method.rawValue) \($0.pattern)" })
        #expect(documented == served, "only documented: \(documented.subtracting(served)); only served: \(served.subtracting(documented))")
    }
}
