import BookRuntime
import RLSupport

// The rlbook executable: parse arguments (CommandLineParser), run, map errors to exit codes. The runner lives in BookRuntime.
setvbuf(stdout, nil, _IOLBF, 0)
exit(RLBookMain.main(Array(CommandLine.arguments.dropFirst())))
