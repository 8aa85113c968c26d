import RLEnv
import RLSupport

/// SB3's `VecFrameStack`: each observation is the last `nStack` observations of its env, stacked on the
/// channel axis (the last axis, or the first for channel-first images; SB3's `StackedObservations`,
/// `stable_baselines3/common/vec_env/stacked_observations.py`), the older ones zero at the start of an
/// episode. The terminal observation of an ended episode is the stack that ends with it.
///
/// Made per env (`FrameStackEnv`, below) inside a new `VecEnv`: a `VecEnv` resets an env as soon as its
/// episode ends, so each env's stack starts from zeros exactly where SB3's does, and checkpoints rebuild it
/// by replaying the env's episode like any other wrapper's state.
extension VecEnv {
    /// A `VecEnv` over the same envs, each observation the last `nStack` stacked (`VecFrameStack(venv, n_stack)`).
    /// `channelsOrder`: "last", "first", or nil to detect it (images: the smallest dimension is the channels;
    /// other observations: the last axis).
    public func stackingFrames(_ nStack: Int, channelsOrder: String? = nil) throws -> VecEnv {
        guard nStack >= 1 else { throw AgentError.invalidArgument("nStack must be at least 1, got \(nStack)") }
        if let c = channelsOrder, c != "last" && c != "first" {
            throw AgentError.invalidArgument("channelsOrder must be \"last\" or \"first\", got \"\(c)\"\(DidYouMean.hint(c, from: ["last", "first"]))")
        }
        let stacked = try VecEnv(try envs.map { try FrameStackEnv($0, nStack: nStack, channelsOrder: channelsOrder) })
        stacked.pendingSeeds = pendingSeeds
        stacked.wrapperNames = ["VecFrameStack"] + wrapperNames
        return stacked
    }
}

/// One env's side of `VecFrameStack` (see above).
final class FrameStackEnv: Wrapper {
    let nStack: Int
    /// Stack on the first axis (channel-first images) rather than the last.
    let first: Bool
    let frameShape: [Int]
    let dtype: DType
    /// The stacked observation (zeros until frames arrive).
    var stack: EnvArray

    init(_ env: Env, nStack: Int, channelsOrder: String?) throws {
        guard let box = env.observationSpace as? Box, let shape = box.shape, !shape.isEmpty else {
            throw AgentError.unsupportedEnv("VecFrameStack stacks Box observations; this env's are \(env.observationSpace)")
        }
        let isImage = ObservationLayout.isImage(box)
        first = channelsOrder.map { $0 == "first" } ?? (isImage && ObservationLayout.isChannelsFirst(shape))
        self.nStack = nStack
        frameShape = shape
        dtype = box.dtype ?? .float32
        var stackedShape = shape
        let axis = first ? 0 : shape.count - 1
        stackedShape[axis] *= nStack
        stack = EnvArray(zeros: stackedShape, dtype: dtype)
        super.init(env)
        // low and high repeated along the stacking axis (numpy's `repeat(low, n_stack, axis)`)
        observationSpace = try Box(low: FrameStackEnv.repeated(box.low, shape, nStack, first: first),
                                   high: FrameStackEnv.repeated(box.high, shape, nStack, first: first),
                                   shape: stackedShape, dtype: dtype)
    }

    override var pythonName: String { "VecFrameStack" }

    /// The bounds of the stacked space as SB3 computes them, `numpy.repeat(low, n_stack, axis)`: numpy repeats
    /// each element (each channel plane, on the first axis) n times in place, so for vector observations the
    /// bounds are not in the order of the stacked values (they are the same for images, whose bounds are 0 and 255).
    static func repeated(_ v: [Double], _ shape: [Int], _ n: Int, first: Bool) -> [Double] {
        let run = first ? v.count / max(shape[0], 1) : 1
        var out: [Double] = []
        out.reserveCapacity(v.count * n)
        var i = 0
        while i < v.count {
            for _ in 0..<n { out += v[i..<min(v.count, i + run)] }
            i += run
        }
        return out
    }

    /// The wrapped env's description: SB3's wrapper stands around the VecEnv, not inside each env.
    override var description: String { env.description }

    override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        let (obs, info) = try env.reset(seed: seed, options: options)
        stack = EnvArray(zeros: stack.shape, dtype: dtype)
        try push(obs)
        return (.array(stack), info)
    }

    override func step(_ action: EnvValue) throws -> StepResult {
        let r = try env.step(action)
        try push(r.observation)
        return (.array(stack), r.reward, r.terminated, r.truncated, r.info)
    }

    /// Shifts the stack by one frame and writes `obs` as its newest.
    func push(_ obs: EnvValue) throws {
        guard case .array(var frame) = obs, frame.count == frameShape.reduce(1, *) else {
            throw AgentError.unsupportedEnv("VecFrameStack expected observations of shape \(frameShape), got \(obs)")
        }
        if frame.dtype != dtype { frame = frame.astype(dtype) }
        // a fresh array each step: the previous stack may be held (a replay buffer, a terminal observation)
        var next = EnvArray(uninitialized: stack.shape, dtype: dtype)
        let size = dtype.size, frameBytes = frame.count * size
        let old = UnsafeRawPointer(stack.buffer.data), new = UnsafeRawPointer(frame.buffer.data)
        next.withUnsafeMutableRawElements { out in
            if first {
                // frames one after another: drop the oldest, append the newest
                out.copyMemory(from: old + frameBytes, byteCount: (nStack - 1) * frameBytes)
                (out + (nStack - 1) * frameBytes).copyMemory(from: new, byteCount: frameBytes)
            } else {
                // per position, nStack runs of c channels: shift each position's runs by one
                let c = frameShape[frameShape.count - 1] * size, outer = frame.count * size / max(c, 1)
                for p in 0..<outer {
                    let o = out + p * nStack * c, s = old + p * nStack * c
                    o.copyMemory(from: s + c, byteCount: (nStack - 1) * c)
                    (o + (nStack - 1) * c).copyMemory(from: new + p * c, byteCount: c)
                }
            }
        }
        stack = next
    }
}
