import Testing
import RLEnv
import RLTensor
import RLAgents

/// Observations become tensors without copying (issue 9): envs produce `NDArray`s, tensors wrap their
/// buffers, and an env never writes into a buffer someone else still holds.
@Suite struct ObservationTensorTests {
    @Test func cartPoleObservationTensorSharesTheBuffer() throws {
        let env = try Gym.make("CartPole-v1")
        let (obs, _) = try env.reset(seed: 3)
        let a = try #require(obs.arrayValue)
        let t = Tensor(a)
        #expect(t.sharesStorage(with: a))
        // One DType: the space's dtype is the tensor's dtype, no mapping in between.
        #expect(t.dtype == env.observationSpace.dtype)
        let first = t.toArray(Float.self)
        // The env refills its observation in place only when no one holds it: the tensor keeps its values.
        let next = try #require(try env.step(.int(1)).observation.arrayValue)
        #expect(!t.sharesStorage(with: next))
        #expect(t.toArray(Float.self) == first)
        #expect(next.toArray(Float.self) != first)
    }

    @Test func carRacingVectorObservationTensorSharesTheBuffer() throws {
        let vec = try Gym.makeVec("CarRacing-v3", numEnvs: 2, vectorizationMode: "vector_entry_point")
        let (obs, _) = try vec.reset(seed: 5)
        let a = try #require(obs.arrayValue)
        let t = Tensor(a)
        #expect(t.sharesStorage(with: a) && t.shape == [2, 96, 96, 3] && t.dtype == .uint8)
        let first = t.toArray(UInt8.self)
        for _ in 0..<3 { _ = try vec.step([.array(EnvArray(float32: [0, 1, 0])), .array(EnvArray(float32: [0.5, 0, 0]))]) }
        #expect(t.toArray(UInt8.self) == first)
    }

    @Test func observationBatchesReadImagesInPlace() throws {
        let layout = ObservationLayout(kind: .image(channels: 3, height: 1, width: 2, transposed: true), envShape: [1, 2, 3])
        let frame = EnvArray(uint8: [1, 2, 3, 4, 5, 6], shape: [1, 2, 3])
        let b = try layout.batch(.array(frame))
        #expect(b.bytes == [1, 4, 2, 5, 3, 6])
        let v = try ObservationLayout(kind: .vector(3), envShape: [3]).batch(.array(EnvArray(float64: [1, 2, 3])))
        #expect(v.floats == [1, 2, 3])
    }
}
