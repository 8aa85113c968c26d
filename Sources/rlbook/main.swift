import BookRuntime
import RLSupport

// The rlbook executable: parse arguments, run, map errors to exit codes. All logic lives in BookRuntime.
setvbuf(stdout, nil, _IOLBF, 0)
exit(RLBookMain.main(Array(CommandLine.arguments.dropFirst())))
