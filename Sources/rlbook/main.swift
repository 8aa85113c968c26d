import BookRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The rlbook executable: parse arguments, run, map errors to exit codes. All logic lives in BookRuntime.
setvbuf(stdout, nil, _IOLBF, 0)
exit(RLBookMain.main(Array(CommandLine.arguments.dropFirst())))
