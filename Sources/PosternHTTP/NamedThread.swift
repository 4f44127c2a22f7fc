internal import CLinux
import Foundation

/// Starts a thread under a name the kernel knows, so `top -H`, `ps -L`, perf and gdb can tell the server's threads
/// apart. Foundation's `Thread.name` does not do it on Linux: set before `start()` it stays inside Foundation, and
/// set by the thread itself it is lost when the thread runs before `start()` has recorded its handle.
public enum NamedThread {
    /// `name` should fit the kernel's 15 bytes; a longer one is cut there.
    public static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        Thread {
            nameThisThread(name)
            body()
        }.start()
    }

    /// Names the calling thread.
    public static func nameThisThread(_ name: String) {
        _ = postern_name_this_thread(name)
    }
}
