import RLSupport
import RLRender

/// CliffWalking-v0 / v1: walk along a cliff edge from the bottom-left to the bottom-right corner of a
/// 4x12 grid (port of Gymnasium `gymnasium/envs/toy_text/cliffwalking.py`, Sutton & Barto example 6.6).
///
/// ## Action space
/// `Discrete(4)`: 0 up, 1 right, 2 down, 3 left.
///
/// ## Observation space
/// `Discrete(48)`: `row · 12 + col`; the start is 36.
///
/// ## Rewards
/// -1 per step; -100 for stepping into the cliff, which sends the agent back to the start.
///
/// ## Starting state
/// State 36 (row 3, column 0).
///
/// ## Episode end
/// Terminates at the goal (state 47); no time limit is registered. With `isSlippery` (v1,
/// `CliffWalkingSlippery-v1`) the move goes sideways with probability 1/3 each way.
public final class CliffWalkingEnv: TabularEnv {
    public let shape = (4, 12)
    public let startStateIndex = 36
    public let isSlippery: Bool
    public static let kwargNames = ["renderMode", "isSlippery"]
    public static let renderModes = ["human", "rgb_array", "ansi"]
    static let moves = [(-1, 0), (0, 1), (1, 0), (0, -1)]

    public init(renderMode: String? = nil, isSlippery: Bool = false) {
        self.isSlippery = isSlippery
        super.init(nS: 48, nA: 4, metadata: EnvMetadata(renderModes: CliffWalkingEnv.renderModes, renderFps: 4), renderMode: renderMode)
        for s in 0..<48 {
            let pos = (s / 12, s % 12)
            for a in 0..<4 { P[s][a] = transitions(pos, a) }
        }
        initialStateDistrib[startStateIndex] = 1.0
    }

    static func isCliff(_ r: Int, _ c: Int) -> Bool { r == 3 && c >= 1 && c <= 10 }

    func transitions(_ current: (Int, Int), _ move: Int) -> [Transition] {
        let deltas = isSlippery ? [(move + 3) % 4, move, (move + 1) % 4].map { CliffWalkingEnv.moves[$0] } : [CliffWalkingEnv.moves[move]]
        return deltas.map { d in
            let r = min(max(current.0 + d.0, 0), 3)
            let c = min(max(current.1 + d.1, 0), 11)
            let p = 1.0 / Double(deltas.count)
            if CliffWalkingEnv.isCliff(r, c) { return Transition(p, startStateIndex, -100, false) }
            return Transition(p, r * 12 + c, -1, r == 3 && c == 11)
        }
    }

    /// The 720x240 frame (`rgb_array`).
    public override func render() throws -> RGBImage? {
        guard rendersFrames() else { return nil }
        guard hasReset else { return nil }
        return ToyTextRenderer.cliffWalking(state: s)
    }

    /// The ansi grid: `x` the agent, `C` the cliff, `T` the goal, `o` other cells.
    public override func renderText() throws -> String? {
        guard renderMode == "ansi" else { return nil }
        var out = ""
        for r in 0..<4 {
            for c in 0..<12 {
                let idx = r * 12 + c
                var cell = idx == s ? " x " : (r == 3 && c == 11 ? " T " : (CliffWalkingEnv.isCliff(r, c) ? " C " : " o "))
                if c == 0 { cell = String(cell.dropFirst()) }
                if c == 11 { cell = String(cell.dropLast()) + "\n" }
                out += cell
            }
        }
        return out + "\n"
    }
}
