import Testing
import RLSupport
@testable import BookRuntime

/// The cell cache end to end: each book runs in its own `rlbook` process (see `CacheSupport.swift`).
@Suite struct CellCacheTests {
    static let book = """
    ---
    title: Cache
    seed: 7
    ---
    # Cache

    Some prose.

    ```swift
    //| parameters: true
    let steps = 30
    ```

    ```swift
    //| label: make
    let net = Sequential(Linear(4, 8), ReLU(), Linear(8, 2))
    let opt = Adam(net.parameters(), lr: 0.01)
    struct Point { var x: Double; var y: Double }
    class Node { var n = 0; var next: Node? = nil }
    enum Phase { case warm, done(Int) }
    func square(_ x: Int) -> Int { x * x }
    ```

    ```swift
    //| label: unrelated
    let unrelated = "u1"
    print(unrelated)
    ```

    ```swift
    //| label: train
    //| cache: true
    var losses: [Double] = []
    let a = Node()
    a.next = Node()
    a.next!.next = a
    for i in 0..<steps {
        let x = Tensor.randn([16, 4])
        let loss = (net(x) * net(x)).mean()
        opt.zeroGrad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
        a.n += 1
    }
    let p = Point(x: 1.5, y: Double(Int.random(in: 0..<1000)))
    let d: [String: Int] = ["a": 1, "b": square(3)]
    let s: Set<Int> = [1, 2, 3]
    let t = (1, "two", 3.0)
    let phase = Phase.done(steps)
    let w = Tensor.randn([3])
    print("trained", losses.count)
    plot(losses, title: "loss")
    table([[0, losses[0]], [1, losses[1]]], columns: ["step", "loss"])
    ```

    ```swift
    //| label: after
    print(p.x, p.y, d, s.count, t.1, a.n, a.next!.next! === a, square(4), phase)
    print(net(Tensor.ones([1, 4])))
    print(Tensor.randn([2]), Int.random(in: 0..<1000))
    print(w)
    ```
    """

    /// Writes the book (with `edit` applied) and runs it; returns the process result and the report.
    func run(_ dir: String, _ text: String, _ extra: [String] = []) -> (code: Int32, stdout: String, stderr: String, html: String) {
        try? FileIO.writeAtomically(text, to: dir + "/book.md")
        let r = rlbook(["run", dir + "/book.md", "--out", dir + "/out"] + extra, logs: dir)
        let html = (try? FileIO.read(dir + "/out/index.html")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (r.code, r.stdout, r.stderr, html)
    }

    func hit(_ r: (code: Int32, stdout: String, stderr: String, html: String), _ label: String = "train") -> Bool {
        Self.restored(r.stderr, label)
    }

    /// Whether a run's progress lines say `label` was restored from the cache.
    static func restored(_ stderr: String, _ label: String) -> Bool {
        stderr.contains("] \(label) ok (cached") || stderr.contains("] \(label) ... ok (cached")
    }

    func hit(_ r: (code: Int32, stdout: String, stderr: String, html: String), _ label: String = "train", expected: Bool) -> Bool {
        let h = hit(r, label)
        if h != expected { Issue.record("cell \(label): expected \(expected ? "a hit" : "a miss"); exit \(r.code), stderr:\n\(r.stderr)") }
        return h == expected
    }

    /// The report without its timing fields (start time, total and cell durations).
    static func untimed(_ html: String) -> String {
        var out = ""
        for line in html.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = String(line)
            if l.contains("<dt>Started</dt>") || l.contains("<dt>Total time</dt>") { continue }
            if let r = l.firstRange(of: "<span class=\"rl-duration\">") {
                let rest = l[r.upperBound...]
                if let e = rest.firstIndex(of: "<") { l = String(l[..<r.upperBound]) + String(rest[e...]) }
            }
            out += l + "\n"
        }
        return out
    }

    @Test func coldAndWarmRunsWriteTheSameReport() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-same")
        let cold = run(dir, Self.book)
        #expect(cold.code == 0, "\(cold.stderr)")
        #expect(!hit(cold))
        let warm = run(dir, Self.book)
        #expect(warm.code == 0, "\(warm.stderr)")
        #expect(hit(warm), "\(warm.stderr)")
        #expect(warm.stdout == cold.stdout)
        let same = Self.untimed(warm.html) == Self.untimed(cold.html)
        #expect(same)
        let footer = cold.html.contains("cache: 1 cell,")
        #expect(footer)
        // The bindings came back: shared references and the cycle, the trained weights, the generators.
        #expect(cold.stdout.contains("1.5"))
        #expect(cold.stdout.contains("30 true 16 done(30)"), "\(cold.stdout)")
    }

    @Test func editsInvalidateExactlyTheCellsThatDependOnThem() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-inval")
        #expect(run(dir, Self.book).code == 0)
        // Prose and an unrelated cell: hit.
        _ = hit(run(dir, Self.book.replacingOnce("Some prose.", "Some edited prose.")), expected: true)
        _ = hit(run(dir, Self.book.replacingOnce("let unrelated = \"u1\"", "let unrelated = \"u2\"")), expected: true)
        // A dependency's code: miss (then the new version is cached).
        let edited = Self.book.replacingOnce("Linear(4, 8), ReLU(), Linear(8, 2)", "Linear(4, 6), ReLU(), Linear(6, 2)")
        _ = hit(run(dir, edited), expected: false)
        _ = hit(run(dir, edited), expected: true)
        // The cell's own code.
        _ = hit(run(dir, Self.book.replacingOnce("let w = Tensor.randn([3])", "let w = Tensor.randn([4])")), expected: false)
        // A parameter, the seed, the version.
        _ = hit(run(dir, Self.book, ["-p", "steps=31"]), expected: false)
        _ = hit(run(dir, Self.book, ["--seed", "8"]), expected: false)
        _ = hit(run(dir, Self.book), expected: true)
        _ = hit(run(dir, Self.book, ["--cache-version", "0.0.0-test"]), expected: false)
    }

    @Test func aFileTheCellReadsIsPartOfItsKey() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-file")
        let net = "let net = Sequential(Linear(2, 2))\n"
        try FileIO.createDirectory(dir + "/out")
        let text = "```swift\n\(net)```\n\n```swift\n//| label: load\n//| cache: true\nnet.load(\"w.safetensors\")\nprint(net(Tensor.ones([1, 2])))\n```\n"
        try FileIO.writeAtomically("```swift\n\(net)net.save(\"w.safetensors\")\n```\n", to: dir + "/save.md")
        #expect(rlbook(["run", dir + "/save.md", "--out", dir + "/out"], logs: dir).code == 0)
        let first = run(dir, text)
        #expect(first.code == 0, "\(first.stderr)")
        _ = hit(run(dir, text), "load", expected: true)
        #expect(rlbook(["run", dir + "/save.md", "--out", dir + "/out", "--seed", "3"], logs: dir).code == 0)
        let changed = run(dir, text)
        #expect(!hit(changed, "load"))
        #expect(changed.stderr.contains("changed since cell 'load' was cached"), "\(changed.stderr)")
        #expect(changed.stdout != first.stdout)
    }

    @Test func filesACachedCellWroteArePutBackOnAHit() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-written")
        let text = "```swift\nlet net = Sequential(Linear(2, 2))\n```\n\n```swift\n//| label: keep\n//| cache: true\nnet.save(\"models/w.safetensors\")\n```\n"
        #expect(run(dir, text).code == 0)
        let saved = try FileIO.read(dir + "/out/models/w.safetensors")
        FileIO.remove(dir + "/out/models/w.safetensors")
        // Another report folder: the entry's paths are relative to it.
        let moved = tempDir("cache-written-2")
        try FileIO.writeAtomically(text, to: moved + "/book.md")
        let r = rlbook(["run", moved + "/book.md", "--out", moved + "/out", "--cache-dir", dir + "/out/.cache"], logs: moved)
        #expect(Self.restored(r.stderr, "keep"), "\(r.stderr)")
        #expect((try? FileIO.read(moved + "/out/models/w.safetensors")) == saved)
        _ = hit(run(dir, text), "keep", expected: true)
        #expect((try? FileIO.read(dir + "/out/models/w.safetensors")) == saved)
    }

    @Test func aCorruptOrForeignEntryIsIgnoredWithAWarning() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-corrupt")
        let cold = run(dir, Self.book)
        #expect(cold.code == 0)
        let folder = dir + "/out/.cache"
        let entries = FileIO.listDirectory(folder).filter { $0.hasSuffix(".rlcache") }
        #expect(entries.count == 1)
        let name = try #require(entries.first)
        var bytes = try FileIO.read(folder + "/" + name)
        // One flipped byte in the middle: the checksum catches it.
        bytes[bytes.count / 2] ^= 0xFF
        try FileIO.writeAtomically(bytes, to: folder + "/" + name)
        let flipped = run(dir, Self.book)
        #expect(flipped.code == 0)
        #expect(!hit(flipped))
        #expect(flipped.stderr.contains("warning: corrupt cache entry: checksum mismatch"), "\(flipped.stderr)")
        let same = Self.untimed(flipped.html) == Self.untimed(cold.html)
        #expect(same)
        // Cut short, and replaced by something else entirely.
        for damaged in [Array(bytes.prefix(40)), Array("hello".utf8)] {
            try FileIO.writeAtomically(damaged, to: folder + "/" + name)
            let r = run(dir, Self.book)
            #expect(r.code == 0 && !hit(r) && r.stderr.contains("warning:"), "\(r.stderr)")
        }
        // The run rewrote the entry; the next run hits again.
        _ = hit(run(dir, Self.book), expected: true)
        let list = rlbook(["cache", "list", dir + "/book.md", "--out", dir + "/out"], logs: dir)
        #expect(list.stdout.contains("train") && list.stdout.contains("1 entry"), "\(list.stdout)")
        let clear = rlbook(["cache", "clear", dir + "/book.md", "--out", dir + "/out"], logs: dir)
        #expect(clear.stdout.contains("removed 1 entry"), "\(clear.stdout)")
        #expect(FileIO.listDirectory(folder).isEmpty)
    }

    @Test func anEnvironmentMadeInACachedCellIsNamedClosuresAndTrainedAgentsAreCached() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-unstorable")
        let text = """
        ```swift
        //| cache: true
        let double = { (x: Int) in x * 2 }
        print(double(2))
        ```

        ```swift
        //| cache: true
        let env = gym.make("CartPole-v1")
        ```

        ```swift
        let model = PPO(policy: "MlpPolicy", env: gym.make("CartPole-v1"), nSteps: 64, batchSize: 64, seed: 5)
        ```

        ```swift
        //| cache: true
        model.learn(totalTimesteps: 64)
        ```
        """
        let r = run(dir, text)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("'double' cannot be cached"), "\(r.stderr)")
        #expect(r.stderr.contains("'env' cannot be cached: env is an Env made in this cell"), "\(r.stderr)")
        #expect(!r.stderr.contains("'model' cannot be cached"), "\(r.stderr)")
        let noted = r.html.contains("This cell cannot be cached and runs every time")
        #expect(noted)
        #expect(FileIO.listDirectory(dir + "/out/.cache").filter { $0.hasSuffix(".rlcache") }.count == 2)
        let warm = run(dir, text)
        #expect(warm.code == 0, "\(warm.stderr)")
        #expect(warm.stdout == r.stdout)
        #expect(warm.stderr.split(separator: "\n").filter { $0.contains("ok (cached") }.count == 2, "\(warm.stderr)")
    }

    @Test func fromRestoresTheCellsBeforeTheLabel() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-from")
        let full = run(dir, Self.book)
        #expect(full.code == 0)
        let from = run(dir, Self.book, ["--from", "after"])
        #expect(from.code == 0, "\(from.stderr)")
        _ = hit(from, expected: true)
        #expect(from.stdout == full.stdout)
    }
}

extension String {
    func replacingOnce(_ a: String, _ b: String) -> String {
        let parts = splitOn(a)
        precondition(parts.count == 2, "'\(a)' must occur once")
        return parts[0] + b + parts[1]
    }

    private func splitOn(_ sep: String) -> [String] {
        var out: [String] = []
        var current = ""
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(sep) {
                out.append(current)
                current = ""
                i = index(i, offsetBy: sep.count)
            } else {
                current.append(self[i])
                i = index(after: i)
            }
        }
        out.append(current)
        return out
    }
}

/// `--resume` after SIGINT at a random moment gives the same final weights as an uninterrupted run.
@Suite struct ResumeTests {
    static let book = """
    ```swift
    //| label: make
    let net = Sequential(Linear(4, 16), ReLU(), Linear(16, 1))
    let opt = Adam(net.parameters(), lr: 0.003)
    var seen = 0
    ```

    ```swift
    //| label: phase-1
    for _ in 0..<600 {
        let x = Tensor.randn([8, 4])
        let d = net(x) - x.sum(dim: 1, keepdim: true)
        let loss = (d * d).mean()
        opt.zeroGrad(); loss.backward(); opt.step()
        seen += 8
    }
    print("phase 1", seen)
    ```

    ```swift
    //| label: phase-2
    for _ in 0..<600 {
        let x = Tensor.randn([8, 4])
        let d = net(x) - x.sum(dim: 1, keepdim: true)
        let loss = (d * d).mean()
        opt.zeroGrad(); loss.backward(); opt.step()
        seen += 8
    }
    print("phase 2", seen)
    ```

    ```swift
    //| label: phase-3
    for _ in 0..<600 {
        let x = Tensor.randn([8, 4])
        let d = net(x) - x.sum(dim: 1, keepdim: true)
        let loss = (d * d).mean()
        opt.zeroGrad(); loss.backward(); opt.step()
        seen += 8
    }
    print("final", seen, net(Tensor.ones([1, 4])).item(), Tensor.randn([1]).item())
    ```
    """

    @Test func resumeAfterSigintMatchesAnUninterruptedRun() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let base = tempDir("resume")
        try FileIO.writeAtomically(Self.book, to: base + "/book.md")
        let t0 = Clock.monotonic()
        let whole = rlbook(["run", base + "/book.md", "--out", base + "/whole", "--seed", "3"], logs: base)
        let total = Clock.monotonic() - t0
        #expect(whole.code == 0, "\(whole.stderr)")
        guard let finalLine = whole.stdout.split(separator: "\n").last(where: { $0.hasPrefix("final") }) else {
            Issue.record("no final line: \(whole.stdout)"); return
        }
        var restoredSomething = false
        for attempt in 0..<3 {
            let out = base + "/run\(attempt)"
            let args = ["run", base + "/book.md", "--out", out, "--seed", "3", "--resume-points", "0"]
            let p = RLBookProcess(args, logs: base)
            // A random moment within the run; the last attempt waits for the first cell to finish first
            // (so at least one resume restores something even on a loaded machine).
            if attempt == 2 {
                let start = Clock.monotonic()
                while !((try? FileIO.read(p.stdoutFile)).map { String(decoding: $0, as: UTF8.self) } ?? "").contains("phase 1")
                        && Clock.monotonic() - start < 60 { usleep(5_000) }
            }
            let delay = Double.random(in: 0.05...0.9) * total * Double(attempt + 1) / 3
            usleep(useconds_t(delay * 1e6))
            kill(p.pid, SIGINT)
            let stopped = p.wait()
            #expect(stopped.code == 130 || stopped.code == 0, "\(stopped.stderr)")
            let resumed = rlbook(args + ["--resume"], logs: base)
            #expect(resumed.code == 0, "\(resumed.stderr)")
            let line = resumed.stdout.split(separator: "\n").last(where: { $0.hasPrefix("final") })
            #expect(line == finalLine, "attempt \(attempt) after \(delay) s: \(resumed.stderr)")
            if resumed.stderr.contains("(cached") { restoredSomething = true }
        }
        #expect(restoredSomething, "no attempt was stopped after a finished cell")
    }
}

@Test func sha256MatchesTheFIPSTestVectors() {
    // FIPS 180-4 examples (csrc.nist.gov, SHA256.pdf / SHA2_Additional.pdf).
    #expect(SHA256.hash(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hash([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var h = SHA256()
    for _ in 0..<1000 { h.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
    #expect(h.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

@Test func sha256GivesTheSameDigestHoweverTheInputIsSplit() {
    // One message of 1,000 bytes fed whole, in pieces across block boundaries (1, 55, 63, 64, 65, ...
    // bytes), as slices, and as a collection without contiguous storage: always one digest.
    let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
    let whole = SHA256.hash(message)
    for sizes in [[1], [55], [63], [64], [65], [1, 127, 3], [200, 1], [999]] {
        var h = SHA256(), at = 0, i = 0
        while at < message.count {
            let n = Swift.min(sizes[i % sizes.count], message.count - at)
            h.update(message[at..<(at + n)])
            at += n; i += 1
        }
        #expect(h.hexDigest() == whole, "pieces of \(sizes)")
    }
    var lazy = SHA256()
    lazy.update(message.lazy.map { $0 })
    #expect(lazy.hexDigest() == whole)
    // The two-block FIPS message, split inside its first block.
    let abc = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    var two = SHA256()
    two.update(abc[0..<10]); two.update(abc[10...])
    #expect(two.hexDigest() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
}

@Test func cacheEntriesRoundTripAndRefuseDamage() throws {
    let e = CacheEntry(rlbookVersion: "9.9", key: "k", bookFile: "b.md", cellName: "c", seconds: 1.5,
                       files: [("a.txt", "h")], outputs: OutputArchive.encode([.text("hi\n"), .note("n")]), state: [1, 2, 3])
    let bytes = e.encoded()
    let d = try CacheEntry.decode(bytes)
    #expect(d.key == "k" && d.cellName == "c" && d.seconds == 1.5 && d.files.map(\.path) == ["a.txt"] && d.state == [1, 2, 3])
    #expect(try OutputArchive.decode(d.outputs).count == 2)
    for cut in [0, 5, 16, bytes.count / 2, bytes.count - 1] {
        #expect(throws: CacheError.self) { try CacheEntry.decode(Array(bytes.prefix(cut))) }
    }
    var other = bytes
    other[12] = 99   // another format version
    #expect(throws: CacheError.self) { try CacheEntry.decode(other) }
    // Random bytes never crash the output reader.
    for n in 0..<200 {
        var junk = [UInt8](repeating: 0, count: n)
        for i in junk.indices { junk[i] = UInt8.random(in: 0...255) }
        _ = try? OutputArchive.decode(junk)
    }
}
