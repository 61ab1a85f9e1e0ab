import Foundation

/// A program run to its end as a child process, with its wall time and peak memory (from `wait4`), for
/// benchmarks that measure a whole command as a user runs it.
public struct ChildProcess: Sendable {
    /// Wall seconds from spawn to exit.
    public var seconds: Double
    /// Peak resident memory of the child, in bytes.
    public var peakRSSBytes: Int
    /// The exit status, or 128 + the signal that ended it.
    public var exitStatus: Int32
    /// CPU seconds the child used, user and system (on a busy machine a steadier figure than wall time).
    public var cpuSeconds: Double = 0

    /// Runs `executable` with `arguments`, its standard output and error discarded, and waits for it.
    public static func run(_ executable: String, _ arguments: [String]) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let start = ContinuousClock.now
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: executable]) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let elapsed = start.duration(to: ContinuousClock.now)
        let exited = status & 0x7F == 0
        return ChildProcess(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                            peakRSSBytes: Int(usage.ru_maxrss) * 1024,
                            exitStatus: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
                            cpuSeconds: Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6)
    }

    /// The running program's own executable (`/proc/self/exe` on Linux, else the first argument).
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
