/// How long the writer lets a batch gather before its fsync: the group-commit policy, apart from the thread that
/// runs it so that its rules can be tested as rules.
///
/// It exists because an fsync costs CPU as well as time (here ~130 µs of it: ext4 writeback and a virtio exit), and
/// on a busy server that CPU comes out of the event loops. Two rules, after PostgreSQL's `commit_delay` and MySQL's
/// `binlog_group_commit_sync_delay`:
/// - with a sync interval, while fsyncs are shared (the last covered more than one commit) the writer starts one at
///   most once per interval and takes everything that arrived meanwhile;
/// - otherwise, when fewer commits are queued than the last batch held, it waits the commit delay once: the rest
///   are mostly committers that the last batch has just woken.
/// A lone committer on a quiet store never waits under either rule.
struct CommitPacing: Sendable {
    let commitDelayMicroseconds: UInt32
    let syncIntervalMicroseconds: UInt32

    init(_ options: StoreOptions) {
        commitDelayMicroseconds = options.commitDelayMicroseconds
        syncIntervalMicroseconds = options.syncIntervalMicroseconds
    }

    /// Microseconds to wait before taking the rest of the queue into this batch (0: sync now). `batch` commits are
    /// queued, the last fsync covered `previousBatch`, and it started `sinceLastSync` microseconds ago.
    func wait(batch: Int, previousBatch: Int, sinceLastSync: UInt64) -> UInt32 {
        if syncIntervalMicroseconds > 0 && previousBatch > 1 {
            let interval = UInt64(syncIntervalMicroseconds)
            return sinceLastSync < interval ? UInt32(interval - sinceLastSync) : 0
        }
        return batch < previousBatch ? commitDelayMicroseconds : 0
    }
}
