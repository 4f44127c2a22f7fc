import Foundation

/// Starts a thread under a name the kernel knows, so `top -H`, `ps -L`, perf and gdb can tell the event loops from
/// the workers. On Linux, Foundation passes `Thread.name` to the kernel only when the thread sets it on itself.
enum NamedThread {
    static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        // The kernel refuses a name longer than 15 bytes (a loop index past 99 would make one): keep its start.
        let kernelName = String(decoding: name.utf8.prefix(15), as: UTF8.self)
        Thread {
            Thread.current.name = kernelName
            body()
        }.start()
    }
}
