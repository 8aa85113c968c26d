// The seam as this tree has it: a tensor over the observation's buffer, and the pool's allocation count.
import RLEnv
import RLSupport
import RLTensor

func observationTensor(_ v: EnvValue) throws -> Tensor {
    guard case .array(let a) = v else { return Tensor.scalar(Double(v.intValue ?? 0)) }
    return Tensor(a)
}

func allocations() -> Int { BufferPool.shared.allocations }
