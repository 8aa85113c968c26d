// Bit-identity tests for SeedSequence / PCG64 / NumpyGenerator against numpy 2.4.6.
// Fixture values: RandomFixtureData.swift (copied from numpy_rng.json); the extra long-stream
// checks below were produced with numpy 2.4.6 (`np.random.default_rng(seed)`).
import Testing
@testable import RLSupport

@Suite struct RandomTests {
    @Test(arguments: randomFixtures.map { $0.seed })
    func fixtureSeedMatchesNumpy(seed: UInt64) throws {
        let f = try #require(randomFixtures.first { $0.seed == seed })
        let ss = SeedSequence(seed)
        #expect(ss.generateState(4) == f.state32)
        let pcg = PCG64(seedSequence: ss)
        #expect(pcg.stateDecimal == f.pcgState)
        #expect(pcg.incDecimal == f.pcgInc)

        var g = NumpyGenerator(seed: seed)
        #expect((0..<4).map { _ in g.nextUInt64() } == f.raw)
        g = NumpyGenerator(seed: seed)
        #expect((0..<8).map { _ in g.random() } == f.random)
        g = NumpyGenerator(seed: seed)
        #expect(g.uniform(low: -0.05, high: 0.05, count: 4) == f.uniform)
        g = NumpyGenerator(seed: seed)
        #expect(try (0..<16).map { _ in try g.integers(5) } == f.integers5)
        g = NumpyGenerator(seed: seed)
        #expect(try (0..<16).map { _ in try g.integers(low: 0, high: 3) } == f.integers03)
        g = NumpyGenerator(seed: seed)
        #expect((0..<8).map { _ in g.standardNormal() } == f.normal)
        g = NumpyGenerator(seed: seed)
        #expect(try (0..<16).map { _ in try g.choice(3, p: [0.2, 0.5, 0.3]) } == f.choice)
    }

    @Test func longNormalAndExponentialStreamsMatchNumpy() {
        let picks = [0, 777, 5000, 12345, 19999]
        var g = NumpyGenerator(seed: 3)
        let n = (0..<20000).map { _ in g.standardNormal() }
        #expect(picks.map { n[$0] } == [2.0409191213851825, -1.7117519241888182, 0.14725703313182606, -0.8440236069229027, -0.260399015233995])
        #expect(g.random() == 0.9965157885165146)
        g = NumpyGenerator(seed: 3)
        let e = (0..<20000).map { _ in g.standardExponential() }
        #expect(picks.map { e[$0] } == [0.11001481267803984, 3.3940304225435294, 0.39474986792212974, 2.2704563835681966, 0.007803336860000388])
        #expect(g.random() == 0.9648160915000185)
        g = NumpyGenerator(seed: 0)
        #expect((0..<4).map { _ in g.standardExponential() } == [0.6799319039689096, 1.0195971014658647, 0.019806662589055352, 0.0022693266812281823])
    }

    @Test func integerWidthsAndBytesMatchNumpy() throws {
        var g = NumpyGenerator(seed: 0)
        #expect(try g.integers(low: 0, high: 2, count: 10, width: .bits8) == [0, 1, 1, 1, 1, 1, 0, 1, 0, 1])
        g = NumpyGenerator(seed: 0)
        #expect(try g.integers(low: 0, high: 1000, count: 6, width: .bits16) == [509, 850, 921, 636, 840, 511])
        g = NumpyGenerator(seed: 0)
        #expect(try g.integers(low: -5, high: 1_000_000_000_000, count: 3) == [636961687319, 269786713760, 40973523931])
        g = NumpyGenerator(seed: 7)
        #expect(g.bytes(7) == [0x8b, 0x4a, 0xe5, 0xf1, 0xa9, 0x41, 0x06])
        g = NumpyGenerator(seed: 3)
        #expect(try g.choice(4, count: 5, p: [0.1, 0.2, 0.3, 0.4]) == [0, 1, 3, 2, 0])
    }

    @Test func seedSequenceLargeSeedsAndSpawnKeys() {
        #expect(SeedSequence(UInt64.max).generateState(4) == [2458692877, 2931597649, 2251873402, 295448644])
        #expect(SeedSequence(5, spawnKey: [3]).generateState(4) == [2928346150, 3080350050, 2053990489, 628713528])
    }

    @Test func invalidArgumentsAreTypedErrors() {
        let g = NumpyGenerator(seed: 1)
        #expect(throws: RandomError.emptyRange(low: 3, high: 3)) { try g.integers(low: 3, high: 3) }
        #expect(throws: RandomError.probabilitySizeMismatch(population: 3, probabilities: 2)) { try g.choice(3, p: [0.5, 0.5]) }
        #expect(throws: RandomError.negativeProbability) { try g.choice(2, p: [-0.5, 1.5]) }
        #expect(throws: RandomError.negativeSeed(-1)) { try NumpyGenerator.npRandom(seed: -1) }
        #expect(throws: (any Error).self) { try g.choice(2, p: [0.3, 0.3]) }
        // OS-entropy generators differ from each other.
        let a = NumpyGenerator(), b = NumpyGenerator()
        #expect(a.nextUInt64() != b.nextUInt64())
    }
}

@Suite struct PCG64AdvanceTests {
    @Test func advanceSkipsDraws() {
        var a = PCG64(seedSequence: SeedSequence(0))
        var b = a
        for _ in 0..<1234 { _ = a.nextUInt64() }
        b.advance(by: 1234)
        #expect(a.nextUInt64() == b.nextUInt64())
        var c = PCG64(seedSequence: SeedSequence(0))
        c.advance(by: 2)
        // raw draws 3 and 4 of seed 0 (numpy_rng.json next_uint64_x4)
        #expect(c.nextUInt64() == 755828109848996024)
        #expect(c.nextUInt64() == 304881062738325533)
    }
}
