import BookRuntime
import RLSupport

/// A parsed `rlbook` command line.
enum Command: Sendable, Equatable {
    case run(RunOptions)
    /// `rlbook cache list|clear FILE [--out DIR] [--cache-dir DIR]`.
    case cache(action: String, options: RunOptions)
    case help(topic: String?)
    case version

    /// The options of a `run` command; nil for `help` and `version`.
    var runOptions: RunOptions? {
        if case .run(let options) = self { return options }
        return nil
    }
}

/// Parses `rlbook` arguments (without the program name).
enum CommandLineParser {
    static let runOptionNames = ["--out", "-o", "-p", "--param", "--profile", "--device", "--seed", "--from", "--until", "--quiet", "-q", "--check", "--cache", "--cache-dir", "--resume", "--resume-points", "--checkpoint-every", "--np", "--max-memory", "--timeout", "--help", "-h"]

    static func parse(_ args: [String]) throws(RunError) -> Command {
        guard let first = args.first else { return .help(topic: nil) }
        switch first {
        case "--help", "-h", "help": return .help(topic: args.dropFirst().first)
        case "--version", "-V", "version": return .version
        case "run": break
        case "cache":
            guard args.count >= 2, ["list", "clear"].contains(args[1]) else {
                throw .usage("'rlbook cache' needs an action: list or clear\(args.count >= 2 ? DidYouMean.hint(args[1], from: ["list", "clear"]) : ""); e.g. rlbook cache list tutorials/hello.md")
            }
            guard case .run(let opts) = try parse(["run"] + args.dropFirst(2)) else { return .help(topic: "run") }
            return .cache(action: args[1], options: opts)
        default:
            if first.hasPrefix("-") {
                throw .usage("unknown option '\(first)'\(DidYouMean.hint(first, from: ["--help", "--version"]))")
            }
            throw .usage("unknown command '\(first)'\(DidYouMean.hint(first, from: ["run", "cache", "help", "version"])); try 'rlbook run FILE'")
        }
        var i = 1
        func value(_ name: String) throws(RunError) -> String {
            guard i + 1 < args.count else { throw .usage("option '\(name)' needs a value") }
            i += 1
            return args[i]
        }
        var file: String?
        var opts = RunOptions(file: "")
        while i < args.count {
            var arg = args[i]
            var inlineValue: String?
            if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
                inlineValue = String(arg[arg.index(after: eq)...])
                arg = String(arg[..<eq])
            }
            func v() throws(RunError) -> String { if let inlineValue { return inlineValue }; return try value(arg) }
            switch arg {
            case "--help", "-h": return .help(topic: "run")
            case "--out", "-o": opts.outDir = try v()
            case "-p", "--param":
                let pv = try v()
                guard let eq = pv.firstIndex(of: "="), eq != pv.startIndex else {
                    throw .usage("'-p \(pv)' must look like -p name=value")
                }
                opts.parameters.append((String(pv[..<eq]).trimmingBlanks, String(pv[pv.index(after: eq)...])))
            case "--profile": opts.profile = try v()
            case "--device":
                let d = try v()
                guard ["auto", "cpu", "cuda"].contains(d) else {
                    throw .usage("unknown device '\(d)'\(DidYouMean.hint(d, from: ["auto", "cpu", "cuda"])); use auto, cpu or cuda")
                }
                opts.device = d
            case "--seed":
                let s = try v()
                guard let n = Int(String(s.filter { $0 != "_" })) else { throw .usage("--seed needs an integer, got '\(s)'") }
                opts.seed = n
            case "--from": opts.from = try v()
            case "--cache-dir": opts.cacheDir = try v()
            case "--resume": opts.resume = true
            case "--cache": opts.cacheAll = true
            case "--resume-points":
                let s = try v()
                guard let x = Double(s), x >= 0 else { throw .usage("--resume-points needs a number of seconds (0 or more), got '\(s)'") }
                opts.resumePointSeconds = x
            case "--checkpoint-every":
                let s = try v()
                guard let x = Double(s), x >= 0 else { throw .usage("--checkpoint-every needs a number of seconds (0: no checkpoints), got '\(s)'") }
                opts.checkpointSeconds = x
            case "--cache-version": opts.cacheVersion = try v()   // not in the help: for the cache's tests
            case "--until": opts.until = try v()
            case "--quiet", "-q": opts.quiet = true
            case "--check": opts.check = true
            case "--max-memory":
                let m = try v()
                guard let bytes = MemoryBudget.parse(m) else { throw .usage("--max-memory needs a size such as 4G, 512M or 1000000 (bytes), got '\(m)'") }
                guard bytes >= MemoryBudget.minimum else {
                    throw .usage("--max-memory \(m) is less than the \(MemoryBudget.describe(MemoryBudget.minimum)) rlbook needs for itself (the program, its threads and the report); give at least 64M")
                }
                opts.maxMemory = bytes
            case "--timeout":
                let t = try v()
                guard let seconds = Double(t), seconds > 0, seconds < 1e9 else { throw .usage("--timeout needs a number of seconds such as 60, got '\(t)'") }
                opts.timeout = seconds
            case "--np":
                let n = try v()
                guard let k = Int(n), k >= 1 else { throw .usage("--np needs a positive number of processes, got '\(n)'") }
                opts.processes = k
            default:
                if arg.hasPrefix("-") && arg != "-" {
                    throw .usage("unknown option '\(arg)'\(DidYouMean.hint(arg, from: runOptionNames))")
                }
                if let file { throw .usage("more than one tutorial given ('\(file)' and '\(arg)'); run one at a time") }
                file = arg
            }
            i += 1
        }
        guard let file else { throw .usage("missing tutorial file; try 'rlbook run tutorials/hello.md'") }
        opts.file = file
        return .run(opts)
    }

    static let helpText = """
    rlbook \(RLBookVersion.string): run literate reinforcement-learning tutorials and write their reports

    USAGE:
      rlbook run FILE [options]     execute a tutorial, write outputs/<name>/index.html
      rlbook cache list|clear FILE  show or remove the book's cached cells (--out, --cache-dir)
      rlbook --help                 this help
      rlbook --version              the version

    RUN OPTIONS:
      -o, --out DIR                 output folder (default: outputs/<file-stem>)
      -p, --param NAME=VALUE        override a `let` of the `parameters: true` cell (repeatable)
      --profile NAME                use a parameter profile from the front matter
      --device auto|cpu|cuda        default device (auto falls back to cpu)
      --seed N                      book seed (overrides the front matter)
      --from LABEL                  start at the cell with this label
      --until LABEL                 stop after the cell with this label
      --cache                       cache every cell (as front matter 'cache: true'; docs/cache.md)
      --resume                      after a crash or Ctrl-C: restore every cell the stopped run
                                    finished from the cache and run the rest (docs/cache.md)
      --cache-dir DIR               where cached cells live (default: <out>/.cache)
      --resume-points SECONDS       store a resume point after every cell that ran at least this
                                    long (default 10)
      --checkpoint-every SECONDS    how often a training cell's 'learn' writes a checkpoint that
                                    --resume continues from (default 300; 0: none)
      -q, --quiet                   no progress lines on stderr
      --check                       run, then compare the text outputs with the committed
                                    report's outputs.txt (timings masked); exit 70 on differences
      --max-memory SIZE             the most memory the whole run may take (4G, 512M; at least 64M;
                                    default: 80 % of the available memory): allocations past it are
                                    refused and a cell that outgrows it is stopped, with an error
      --timeout SECONDS             time limit of each cell that sets no '//| timeout:'
      --np N                        run N processes under mpirun (data-parallel training; rank 0
                                    writes the report); same as 'mpirun -np N rlbook run FILE'

    EXIT CODES:
      0 ok, 64 usage error, 65 the tutorial has static errors (nothing ran),
      69 requested backend unavailable, 70 a cell failed at run time or the run
      outgrew --max-memory, 130 interrupted (Ctrl-C); the partial report is
      written in every case
    """
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\r" || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\r" || l == "\t" { s.removeLast() }
        return String(s)
    }
}
