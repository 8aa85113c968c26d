import RLSupport

/// What `rlbook run` was asked to do (the `rlbook` command line parses it; tests build it directly).
public struct RunOptions: Sendable, Equatable {
    /// The tutorial file.
    public var file: String
    /// Output folder; default `outputs/<file-stem>`.
    public var outDir: String?
    /// `-p name=value` overrides in order.
    public var parameters: [(name: String, value: String)] = []
    /// `--profile NAME`.
    public var profile: String?
    /// `--device auto|cpu|cuda` (nil: the book's front matter decides).
    public var device: String?
    /// `--seed N` (overrides the book's seed).
    public var seed: Int?
    /// `--cache-dir DIR`: where cached cells are kept (default: `<out>/.cache`).
    public var cacheDir: String?
    /// `--cache`: cache every cell without its own `//| cache:` (as front matter `cache: true`).
    public var cacheAll = false
    /// `--resume`: every cell with a cache entry (from a run that was stopped) is restored, not run.
    public var resume = false
    /// The version cache entries are made for and checked against (tests change it).
    public var cacheVersion = RLBookVersion.string
    /// Cells that ran at least this long store a resume point even without `cache: true` (seconds).
    public var resumePointSeconds = 10.0
    /// `--checkpoint-every SECONDS`: how often a running `learn` writes a training checkpoint (0: never).
    public var checkpointSeconds = 300.0
    /// `--from LABEL`: start at this cell.
    public var from: String?
    /// `--until LABEL`: stop after this cell.
    public var until: String?
    /// `--max-memory`: the most memory the process may take, in bytes (`MemoryBudget`).
    public var maxMemory: Int?
    /// The run owns its process (the `rlbook` command, not a test running books side by side): past
    /// the memory budget where no cell can be stopped, the watchdog ends the process with exit 70
    /// (`RunMemoryGuard`) before the kernel would kill it.
    public var endsProcessOverBudget = false
    /// `--timeout SECONDS`: the time limit of cells without `//| timeout:`.
    public var timeout: Double?
    /// `--quiet`: no progress on stderr.
    public var quiet = false
    /// `--check`: run into a scratch folder and compare the text outputs with the committed report.
    public var check = false
    /// `--np N`: run under `mpirun -np N` (see `MPILauncher` in the `rlbook` target).
    public var processes: Int?

    public init(file: String) { self.file = file }

    public static func == (a: RunOptions, b: RunOptions) -> Bool {
        a.file == b.file && a.outDir == b.outDir && a.parameters.map { "\($0.name)=\($0.value)" } == b.parameters.map { "\($0.name)=\($0.value)" }
            && a.profile == b.profile && a.device == b.device && a.seed == b.seed && a.from == b.from && a.until == b.until && a.quiet == b.quiet && a.check == b.check && a.cacheDir == b.cacheDir && a.resume == b.resume && a.checkpointSeconds == b.checkpointSeconds && a.cacheAll == b.cacheAll && a.processes == b.processes && a.timeout == b.timeout
    }

    /// The output folder to use: `--out`, else `outputs/<stem>` next to the current directory.
    /// A book in a subfolder of `tutorials/` (a translation such as `tutorials/zh/carracing-dqn.md`)
    /// keeps that subfolder: `outputs/zh/carracing-dqn`.
    public var resolvedCacheDir: String { cacheDir ?? resolvedOutDir + "/.cache" }

    public var resolvedOutDir: String {
        if let outDir { return outDir }
        let parts = file.split(separator: "/").map(String.init)
        if parts.count >= 3, parts[parts.count - 3] == "tutorials" {
            return "outputs/" + parts[parts.count - 2] + "/" + RunOptions.stem(of: file)
        }
        return "outputs/" + RunOptions.stem(of: file)
    }

    /// `tutorials/carracing-dqn.md` -> `carracing-dqn`.
    public static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }
}

/// The rlbook version.
public enum RLBookVersion {
    public static let string = "0.1.0"
}
