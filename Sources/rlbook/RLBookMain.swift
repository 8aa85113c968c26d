import BookRuntime
import RLSupport

/// The `rlbook` command line: parse the arguments, then help, version, or run (under `mpirun` for `-np N`).
enum RLBookMain {
    static func main(_ args: [String]) -> Int32 {
        let command: Command
        do { command = try CommandLineParser.parse(args) } catch {
            fputs(error.description + "\n", stderr)
            return error.exitCode
        }
        switch command {
        case .help:
            print(CommandLineParser.helpText)
            return 0
        case .version:
            print("rlbook \(RLBookVersion.string)")
            return 0
        case .cache(let action, let options):
            return CacheCommand.run(action: action, options: options)
        case .run(var options):
            if let np = options.processes {
                return MPILauncher.exec(np: np, arguments: MPILauncher.removingNP(Array(args.dropFirst())))
            }
            options.endsProcessOverBudget = true
            return DistributedRun.run(options)
        }
    }
}
