import Testing
@testable import RLSupport

@Test func diagnosticRendersLocationSourceAndCaret() {
    let d = Diagnostic(.error, "value of type 'Env' has no member 'stepp'; did you mean 'step'?",
                       at: SourceLocation(file: "t.md", line: 57, column: 18), length: 5,
                       sourceLine: "let result = env.stepp(action)")
    #expect(d.rendered == """
    t.md:57:18: error: value of type 'Env' has no member 'stepp'; did you mean 'step'?
        let result = env.stepp(action)
                         ^~~~~
    """)
}

@Test func diagnosticFindsSourceLine() {
    let d = Diagnostic(.error, "x", at: SourceLocation(file: "f", line: 2, column: 1)).withSource(from: "a\nbcd\ne")
    #expect(d.sourceLine == "bcd")
}

@Test func didYouMeanFindsCloseNames() {
    #expect(DidYouMean.suggest("stepp", from: ["step", "reset", "render"]) == "step")
    #expect(DidYouMean.suggest("pritn", from: ["print", "min"]) == "print")
    #expect(DidYouMean.suggest("zzzzzz", from: ["step"]) == nil)
}

@Test func atomicWriteReplacesFileAndLeavesNoTemp() throws {
    let dir = "/tmp/rlbook-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"   // not shared with a test run beside this one
    try FileIO.writeAtomically("one", to: dir + "/a/x.txt")
    try FileIO.writeAtomically("two", to: dir + "/a/x.txt")
    #expect(try FileIO.read(dir + "/a/x.txt") == Array("two".utf8))
}

@Test func streamedAtomicWriteJoinsPiecesAndKeepsTheOldFileOnFailure() throws {
    let dir = "/tmp/rlbook-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let path = dir + "/s/x.bin"
    // Small pieces (staged) and one larger than the stage's quarter (written straight through), in order.
    let big = (0..<(300 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    let pieces: [[UInt8]] = [Array("head".utf8), [], big, Array("tail".utf8)]
    try FileIO.writeAtomically(to: path) { emit in for p in pieces { try p.withUnsafeBytes { try emit($0) } } }
    #expect(try FileIO.read(path) == pieces.flatMap { $0 })
    // A producer that fails half-way leaves the previous file as it was and no temp file beside it.
    struct Stop: Error {}
    #expect(throws: Stop.self) {
        try FileIO.writeAtomically(to: path) { emit in
            try Array("new".utf8).withUnsafeBytes { try emit($0) }
            throw Stop()
        }
    }
    #expect(try FileIO.read(path) == pieces.flatMap { $0 })
    #expect(FileIO.listDirectory(dir + "/s") == ["x.bin"])
    FileIO.remove(path)
}

@Test func durationsFormat() {
    #expect(Clock.formatDuration(0.423) == "0.42 s")
    #expect(Clock.formatDuration(31.44) == "31.4 s")
    #expect(Clock.formatDuration(125) == "2 min 05 s")
}

@Test func memoryWatchdogSamplesMoreOftenNearItsLimit() {
    let gb = 1 << 30
    // far below a large limit: rarely; at a small limit the 2 GB margin keeps the usual pace
    #expect(MemoryWatchdog.pause(resident: gb, working: 16 * gb) == MemoryWatchdog.farInterval)
    #expect(MemoryWatchdog.pause(resident: 8 << 20, working: 64 << 20) == MemoryWatchdog.interval)
    #expect(MemoryWatchdog.pause(resident: 5 * gb, working: 16 * gb) == MemoryWatchdog.interval)
    #expect(MemoryWatchdog.pause(resident: 9 * gb, working: 16 * gb) == MemoryWatchdog.closeInterval)
    #expect(MemoryWatchdog.farInterval > MemoryWatchdog.interval && MemoryWatchdog.interval > MemoryWatchdog.closeInterval)
}
