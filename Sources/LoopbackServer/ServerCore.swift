import Foundation

/// The server's shared state: the listening socket, open connections, the handler and the stop flag.
/// Separate from ``LoopbackServer`` so the threads it runs do not keep the public object alive.
final class ServerCore: @unchecked Sendable {
    private struct State {
        var stopped = false
        var connections: Set<Int32> = []
        var accepted = 0
        var listenerClosed = false
    }

    let listener: Int32
    let handler: @Sendable (ServerRequest) async -> ServerAction
    private let state = ServerLock(State())

    init(listener: Int32, handler: @escaping @Sendable (ServerRequest) async -> ServerAction) {
        self.listener = listener
        self.handler = handler
    }

    var isStopped: Bool { state.current.stopped }

    var acceptedConnections: Int { state.current.accepted }

    var openConnections: Int { state.current.connections.count }

    /// Accepts connections until stopped, serving each on its own thread.
    func acceptLoop() {
        defer {
            state.withLock { $0.listenerClosed = true }
            SocketIO.closeSocket(listener)
        }
        while !isStopped {
            guard SocketIO.waitReadable(listener, milliseconds: 100) else { continue }
            guard let fd = SocketIO.accept(listener) else { continue }
            let id: Int? = state.withLock { state in
                guard !state.stopped else { return nil }
                state.connections.insert(fd)
                state.accepted += 1
                return state.accepted
            }
            guard let id else {
                SocketIO.closeSocket(fd)
                return
            }
            let connection = ServerConnection(fd: fd, id: id, core: self)
            let thread = Thread { connection.run() }
            thread.stackSize = 512 * 1024
            thread.name = "loopback-server-connection-\(id)"
            thread.start()
        }
    }

    /// Forgets and closes a connection's socket (called by the connection's own thread only, so the
    /// descriptor cannot be reused while ``stop()`` shuts it down).
    func closeConnection(_ fd: Int32) {
        state.withLock { state in
            state.connections.remove(fd)
            SocketIO.closeSocket(fd)
        }
    }

    /// Asks the handler what to do, running it on this connection thread and blocking until it answers.
    func handle(_ request: ServerRequest) -> ServerAction {
        let result = ServerLock<ServerAction?>(nil)
        let handler = self.handler
        if #available(macOS 15.0, *) {
            let executor = ConnectionExecutor()
            Task(executorPreference: executor) {
                let action = await handler(request)
                result.withLock { $0 = action }
                executor.finish()
            }
            executor.run()
        } else {
            let done = DispatchSemaphore(value: 0)
            Task {
                let action = await handler(request)
                result.withLock { $0 = action }
                done.signal()
            }
            done.wait()
        }
        return result.current ?? .close
    }

    /// Sleeps for `duration` unless the server stops first; false when it stopped.
    func sleep(_ duration: Duration) -> Bool {
        let parts = duration.components
        var remaining = Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
        while remaining > 0 {
            if isStopped { return false }
            let slice = min(remaining, 0.02)
            Thread.sleep(forTimeInterval: slice)
            remaining -= slice
        }
        return !isStopped
    }

    /// Stops accepting, and wakes and ends every connection.
    func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            if !state.listenerClosed { SocketIO.shutdownBoth(listener) }
            for fd in state.connections { SocketIO.shutdownBoth(fd) }
        }
    }
}
