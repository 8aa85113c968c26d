// Spaces: samples identical to spaces.json (Gymnasium 1.4 / numpy 2.4), printed forms and
// extra sampling branches checked against values produced with gymnasium 1.2.2 + numpy 2.4.6.
import Testing
import Foundation
@testable import RLEnv
import RLSupport

@Suite struct SpacesTests {
    @Test func samplesMatchSpacesFixture() throws {
        let root = try #require(try FixtureLoader.json("spaces.json") as? [String: Any])
        let seeds = try #require(root["seeds"] as? [String: [String: Any]])
        #expect(seeds.count == 3)
        for (seedText, entry) in seeds {
            let seed = try #require(Int(seedText))
            let d = try Discrete(5); try d.seed(seed)
            let expectD = try #require(entry["Discrete(5).sample_x16"] as? [Int])
            #expect((0..<16).map { _ in d.sampleInt() } == expectD)
            let b = try Box(low: -1, high: 1, shape: [3], dtype: .float32); try b.seed(seed)
            let expectB = try #require(entry["Box(-1,1,(3,),float32).sample_x4"] as? [[Double]])
            for row in expectB { #expect(b.sampleArray().scalars == row) }
            let p = try Discrete(2); try p.seed(seed)
            let expectP = try #require(entry["Discrete(2).sample(probability=[0.3,0.7])_x16"] as? [Int])
            #expect(try (0..<16).map { _ in try p.sample(probability: [0.3, 0.7]) } == expectP)
        }
    }

    @Test func printedFormsMatchGymnasium() throws {
        #expect(try Box(low: 0, high: 255, shape: [96, 96, 3], dtype: .uint8).description == "Box(0, 255, (96, 96, 3), uint8)")
        #expect(try Box(low: -1, high: 1, shape: [3]).description == "Box(-1.0, 1.0, (3,), float32)")
        #expect(try Discrete(5).description == "Discrete(5)")
        #expect(try Discrete(3, start: -1).description == "Discrete(3, start=-1)")
        #expect(try MultiDiscrete([3, 2]).description == "MultiDiscrete([3 2])")
        #expect(try MultiBinary(4).description == "MultiBinary(4)")
        let theta = 12 * 2 * Double.pi / 360
        let high = [2.4 * 2, .infinity, theta * 2, .infinity]
        #expect(try Box(low: high.map { -$0 }, high: high).description ==
            "Box([-4.8               -inf -0.41887903        -inf], [4.8               inf 0.41887903        inf], (4,), float32)")
        #expect(try Box(low: [-1.2, -0.07], high: [0.6, 0.07]).description == "Box([-1.2  -0.07], [0.6  0.07], (2,), float32)")
        #expect(try Box(low: [-1, -1, -8], high: [1, 1, 8]).description == "Box([-1. -1. -8.], [1. 1. 8.], (3,), float32)")
        let acro = [1, 1, 1, 1, 4 * Double.pi, 9 * Double.pi]
        #expect(try Box(low: acro.map { -$0 }, high: acro).description ==
            "Box([ -1.        -1.        -1.        -1.       -12.566371 -28.274334], [ 1.        1.        1.        1.       12.566371 28.274334], (6,), float32)")
        #expect(try Box(low: [1e-5, 1], high: [2, 3e9]).description == "Box([1.e-05 1.e+00], [2.e+00 3.e+09], (2,), float32)")
        #expect(try Box(low: -.infinity, high: .infinity, shape: [2]).description == "Box(-inf, inf, (2,), float32)")
        let t = TupleSpace([try Discrete(32), try Discrete(11), try Discrete(2)])
        #expect(t.description == "Tuple(Discrete(32), Discrete(11), Discrete(2))")
        let d = DictSpace(["b": try Discrete(2), "a": try Box(low: 0, high: 1, shape: [2])])
        #expect(d.description == "Dict('a': Box(0.0, 1.0, (2,), float32), 'b': Discrete(2))")
    }

    @Test func otherSamplersMatchGymnasium() throws {
        let mb = try MultiBinary(5); try mb.seed(0)
        #expect(mb.sampleValues() == [0, 1, 1, 1, 1])
        let md = try MultiDiscrete([3, 4, 5]); try md.seed(0)
        #expect(md.sample().scalars == [1, 1, 0])
        let t = TupleSpace([try Discrete(3), try Box(low: -1, high: 1, shape: [2])])
        #expect(try t.seed(0) == [1826701614, 1367864806])
        let ts = t.sample()
        #expect(ts == .tuple([.int(1), .float32([0.65423167, -0.4485111])]))
        let b = try Box(low: [-.infinity, 0, -.infinity, -1], high: [.infinity, .infinity, 5, 1]); try b.seed(3)
        #expect(b.sampleArray().scalars == [2.040919065475464, 0.3896568715572357, 3.600459098815918, 0.1643240749835968])
        let bi = try Box(low: 0, high: 10, shape: [4], dtype: .int64); try bi.seed(3)
        #expect(bi.sampleArray().scalars == [0, 2, 8, 6])
        let bu = try Box(low: 0, high: 255, shape: [5], dtype: .uint8); try bu.seed(3)
        #expect(bu.sampleArray().scalars == [21, 60, 205, 149, 24])
        let dm = try Discrete(5); try dm.seed(0)
        #expect(try (0..<6).map { _ in try dm.sample(mask: [0, 1, 0, 1, 1]) } == [4, 3, 3, 1, 1, 1])
    }

    @Test func containsAndErrors() throws {
        let b = try Box(low: -1, high: 1, shape: [2])
        #expect(b.contains(.float32([0.5, -1])))
        #expect(!b.contains(.float32([1.5, 0])))
        #expect(!b.contains(.float64([0.5, 0])))  // float64 does not cast safely to float32
        #expect(!b.contains(.int(0)))
        let d = try Discrete(3, start: 1)
        #expect(d.contains(1) && d.contains(3) && !d.contains(0) && !d.contains(4))
        #expect(throws: SpaceError.self) { try Discrete(0) }
        #expect(throws: SpaceError.self) { try Box(low: 1, high: 0, shape: [1]) }
        #expect(throws: SpaceError.self) { try Discrete(2).sample(mask: [1, 0], probability: [0.5, 0.5]) }
    }
}

extension MultiBinary {
    func sampleValues() -> [Double] { sample().scalars }
}

@Suite struct SpaceValueTests {
    @Test func valuesFromPlainNumbers() throws {
        #expect(try Discrete(3).value(fromScalars: [2]) == .int(2))
        #expect(try Discrete(3).value(fromScalars: [1.5]) == nil)
        #expect(try Box(low: -2, high: 2, shape: [1]).value(fromScalars: [0.1]) == .float32([0.1]))
        #expect(try Box(low: -2, high: 2, shape: [2]).value(fromScalars: [0.1]) == nil)
        #expect(try MultiDiscrete([2, 3]).value(fromScalars: [1, 2]) == .array(EnvArray(ints: [1, 2])))
    }
}

@Suite struct FixtureCopyTests {
    /// The committed copies are what the tests read on machines without ../shared/fixtures.
    @Test func committedFixtureCopiesAreBundled() throws {
        for name in ["spaces.json", "specs.json", "numpy_rng.json"] + rolloutFiles {
            let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
                ?? Bundle.module.url(forResource: name, withExtension: nil)
            #expect(url != nil, "\(name) is not bundled")
        }
    }
}
