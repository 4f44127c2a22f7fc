extension HTTPServer {
    /// Blocks SIGTERM and SIGINT in the calling thread, so every thread started afterwards (a store
    /// writer, a maintenance timer) inherits the mask and only the server's signal thread collects them.
    /// Call it first thing in `main`, before any other thread exists; `start()` does it too, too late for those.
    public static func blockShutdownSignals() {
        ShutdownSignal.blockSignals()
    }
}
