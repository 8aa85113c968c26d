import RLSupport

/// Everything that can stop `rlbook`, mapped in one place to a message and an exit code.
///
/// Exit codes: 64 usage, 65 bad tutorial (static errors, nothing ran), 69 backend unavailable,
/// 70 runtime failure (a cell failed, or the memory budget ran out), 130 interrupted.
public enum RunError: Error, Sendable, CustomStringConvertible {
    /// Bad command line (unknown option, missing file, bad `-p`).
    case usage(String)
    /// The input file cannot be read (missing, folder, permissions).
    case input(String)
    /// The tutorial has static errors; nothing ran.
    case staticErrors([Diagnostic])
    /// The tutorial is not usable as a whole (not UTF-8, empty).
    case badTutorial(String)
    /// A requested backend (CUDA) cannot be loaded.
    case backendUnavailable(String)
    /// A cell failed at run time (the report was written).
    case cellFailed(Diagnostic?)
    /// The run was interrupted (SIGINT) or stopped; the partial report was written.
    case interrupted
    /// The output folder cannot be written.
    case output(String)
    /// `--check`: the outputs differ from the committed report.
    case checkFailed(String)
    /// The process outgrew the memory budget outside a cell (reading, compiling or reporting the book).
    case memoryExceeded(String)

    public var exitCode: Int32 {
        switch self {
        case .usage, .input, .output: return 64
        case .staticErrors, .badTutorial: return 65
        case .backendUnavailable: return 69
        case .cellFailed, .checkFailed, .memoryExceeded: return 70
        case .interrupted: return 130
        }
    }

    /// The message printed to stderr (diagnostics already rendered with source and caret).
    public var description: String {
        switch self {
        case .usage(let m): return "error: \(m)\nRun 'rlbook --help' for usage."
        case .input(let m), .output(let m), .badTutorial(let m), .backendUnavailable(let m), .checkFailed(let m), .memoryExceeded(let m): return "error: \(m)"
        case .staticErrors(let ds):
            let n = ds.filter { $0.severity == .error }.count
            return ds.map(\.rendered).joined(separator: "\n") + "\n\(n) error\(n == 1 ? "" : "s") found; nothing was run. Fix \(n == 1 ? "it" : "them") and run again."
        case .cellFailed(let d): return d?.rendered ?? "error: a cell failed"
        case .interrupted: return "interrupted; the partial report was written"
        }
    }
}
