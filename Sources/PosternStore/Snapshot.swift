import Foundation
import PosternJOSE

/// The whole state at one log sequence number, so start-up need not replay history from the beginning.
struct Snapshot<State: StateMachine>: Codable {
    /// Every frame up to and including this one is in the snapshot.
    let lsn: UInt64
    let auditSeq: Int64
    let auditHash: String
    let state: State

    static func fileName(_ lsn: UInt64) -> String { "snapshot-" + LogSegments.number(lsn) }

    /// Written as one frame (so a damaged snapshot is detected), to a temporary name, fsynced, renamed.
    func write(to directory: DataDirectory) throws(StoreError) {
        let payload: [UInt8]
        do { payload = try JSONStreamEncoder.encode(self) } catch { throw .encoding("snapshot: \(error)") }
        try StoreFile.writeAtomically(Frame.encode(payload), to: directory.state + "/" + Snapshot.fileName(lsn))
    }

    /// The newest snapshot, or nil in a new folder. A damaged newest snapshot stops start-up: older
    /// segments are gone once a snapshot is written, so falling back would silently lose data.
    static func newest(in directory: DataDirectory) throws(StoreError) -> Snapshot? {
        guard let name = directory.newestSnapshotName else { return nil }
        let path = directory.state + "/" + name
        let bytes = try StoreFile.read(path)
        guard case .frame(let payload, let next) = Frame.read(bytes, at: 0), next == bytes.count else {
            throw .corrupt(path: path, offset: 0, reason: "snapshot is damaged")
        }
        do { return try JSONDecoder().decode(Snapshot.self, from: Data(payload)) } catch {
            throw .corrupt(path: path, offset: Frame.headerSize, reason: "snapshot does not decode: \(error)")
        }
    }
}
