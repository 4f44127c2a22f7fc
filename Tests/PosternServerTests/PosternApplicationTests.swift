import Foundation
import PosternCore
import PosternServer
import PosternStore
import Testing

/// Start-up of the whole application: what an operator sees when it cannot start.
@Suite(.serialized) struct PosternApplicationTests {
    /// A second server (its own data folder) on a port a running one holds stops with one line naming the address,
    /// instead of sharing the port with it; it lets go of its data folder, and the first keeps serving.
    @Test func aSecondServerOnTheSamePortStopsWithOneLine() throws {
        let first = try ServerFixture()
        defer { #expect(first.stop()) }
        let folder = NSTemporaryDirectory() + "postern-second-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try Config.load(environment: ["POSTERN_DATA_DIR": folder, "POSTERN_LISTEN": "127.0.0.1:\(first.port)",
                                                   "POSTERN_LOG_LEVEL": "warning"])
        let message: String
        do {
            _ = try PosternApplication(config: config, handlesSignals: false) { _ in }
            message = "started"
        } catch {
            message = "\(error)"
        }
        #expect(message == "cannot listen on 127.0.0.1:\(first.port): address already in use (is another server running there?)")
        // The failed start closed its store: the folder's lock is free again.
        let reopened = try FlatFileStore<AuthState>(directory: DataDirectory(folder), options: StoreOptions())
        reopened.close()
        let token = try first.post("/oauth/token", "grant_type=client_credentials", authorization: ServerFixture.basic(first.machine))
        #expect(token.status == 200)
    }
}
