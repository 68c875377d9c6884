#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A program run to its end or to a deadline, in a process group of its own: LibreOffice's
/// `soffice` starts `soffice.bin` under it, and a timeout that killed only the first would
/// leave the second converting (and holding its profile) for ever.
enum ProcessRunner {
  enum Outcome: Equatable {
    /// `posix_spawn` failed with this error number.
    case notStarted(Int32)
    case exited(Int32)
    case signalled(Int32)
    case timedOut
  }

  /// Runs `arguments[0]` (a path) with standard output and error written to `outputPath`.
  static func run(_ arguments: [String], environment: [String], outputPath: String, timeout: Duration) -> Outcome {
    guard let program = arguments.first else { return .notStarted(ENOENT) }
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawnattr_init(&attributes)
    defer {
      posix_spawn_file_actions_destroy(&actions)
      posix_spawnattr_destroy(&attributes)
    }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
    guard status == 0 else { return .notStarted(status) }

    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
      // Waits without reaping: while the leader is a zombie its group id cannot be reused, so
      // killing the group reaches only what it left behind.
      var info = siginfo_t()
      let waited = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
      // With WNOHANG and nothing to report, Linux leaves the zeroed `info` as it was.
      if waited == 0, info.si_signo == SIGCHLD { break }
      if waited != 0, errno != EINTR { break }
      if clock.now >= deadline {
        kill(-pid, SIGKILL)
        reap(pid)
        return .timedOut
      }
      usleep(20_000)
    }
    kill(-pid, SIGKILL)
    return reap(pid)
  }

  @discardableResult
  private static func reap(_ pid: pid_t) -> Outcome {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { return .notStarted(errno) }
    }
    let signal = status & 0x7F
    return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
  }
}
