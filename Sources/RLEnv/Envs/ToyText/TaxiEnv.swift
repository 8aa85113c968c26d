import RLSupport
import RLRender

/// Taxi-v3 / Taxi-v4: pick up a passenger and drop them at their destination on a 5x5 grid
/// (port of Gymnasium `gymnasium/envs/toy_text/taxi.py`, Dietterich 2000).
///
/// ## Action space
/// `Discrete(6)`: 0 south, 1 north, 2 east, 3 west, 4 pickup, 5 drop off.
///
/// ## Observation space
/// `Discrete(500)`: `((taxiRow · 5 + taxiCol) · 5 + passengerLocation) · 4 + destination`;
/// passenger locations 0-3 are R, G, Y, B and 4 is "in the taxi".
///
/// ## Rewards
/// -1 per step, +20 for a correct drop-off, -10 for an illegal pickup or drop-off (threshold 8).
///
/// ## Starting state
/// Uniform over the 300 states with the passenger waiting at a location other than the destination.
///
/// ## Episode end
/// Terminates after a correct drop-off; `Gym.make` truncates at 200 steps.
/// `info` holds `prob` and `action_mask`. `isRainy` (moves slip sideways with probability
/// (1 - rainyProbability)/2 each) and `fickle_passenger` follow Gymnasium 1.3+ (v4).
public final class TaxiEnv: TabularEnv {
    public static let map = ["+---------+", "|R: | : :G|", "| : | : : |", "| : : : : |", "| | : | : |", "|Y| : |B: |", "+---------+"]
    let desc: [[Character]] = TaxiEnv.map.map { Array($0) }
    public let locs = [(0, 0), (0, 4), (4, 0), (4, 3)]
    public let rainyProbability: Double
    public let fickleProbability: Double
    public let fickle: Bool
    var fickleStep = false
    let maxRow = 4, maxCol = 4
    public static let kwargNames = ["renderMode", "isRainy", "ficklePassenger", "rainyProbability", "fickleProbability"]
    public static let renderModes = ["human", "ansi", "rgb_array"]

    public init(renderMode: String? = nil, isRainy: Bool = false, ficklePassenger: Bool = false,
                rainyProbability: Double = 0.8, fickleProbability: Double = 0.3) {
        self.rainyProbability = rainyProbability
        self.fickleProbability = fickleProbability
        self.fickle = ficklePassenger
        super.init(nS: 500, nA: 6, metadata: EnvMetadata(renderModes: TaxiEnv.renderModes, renderFps: 4), renderMode: renderMode)
        for row in 0..<5 {
            for col in 0..<5 {
                for pass in 0..<5 {
                    for dest in 0..<4 {
                        let state = encode(row, col, pass, dest)
                        if pass < 4 && pass != dest { initialStateDistrib[state] += 1 }
                        for action in 0..<6 {
                            if isRainy { buildRainy(row, col, pass, dest, action) } else { buildDry(row, col, pass, dest, action) }
                        }
                    }
                }
            }
        }
        let total = initialStateDistrib.reduce(0, +)
        initialStateDistrib = initialStateDistrib.map { $0 / total }
    }

    /// The state index of a taxi position, passenger location and destination.
    public func encode(_ row: Int, _ col: Int, _ pass: Int, _ dest: Int) -> Int { ((row * 5 + col) * 5 + pass) * 4 + dest }

    /// `(taxiRow, taxiCol, passengerLocation, destination)` of a state.
    public func decode(_ i: Int) -> (Int, Int, Int, Int) {
        var i = i
        let d = i % 4; i /= 4
        let p = i % 5; i /= 5
        let c = i % 5; i /= 5
        return (i, c, p, d)
    }

    func locIndex(_ loc: (Int, Int)) -> Int? { locs.firstIndex { $0 == loc } }

    func pickup(_ loc: (Int, Int), _ pass: Int, _ reward: Double) -> (Int, Double) {
        if pass < 4 && loc == locs[pass] { return (4, reward) }
        return (pass, -10)
    }

    func dropoff(_ loc: (Int, Int), _ pass: Int, _ dest: Int, _ reward: Double) -> (Int, Double, Bool) {
        if loc == locs[dest] && pass == 4 { return (dest, 20, true) }
        if let i = locIndex(loc), pass == 4 { return (i, reward, false) }
        return (pass, -10, false)
    }

    func buildDry(_ row: Int, _ col: Int, _ pass: Int, _ dest: Int, _ action: Int) {
        let state = encode(row, col, pass, dest)
        var (newRow, newCol, newPass) = (row, col, pass)
        var reward = -1.0
        var terminated = false
        if action == 0 { newRow = min(row + 1, maxRow) } else if action == 1 { newRow = max(row - 1, 0) }
        if action == 2 && desc[1 + row][2 * col + 2] == ":" {
            newCol = min(col + 1, maxCol)
        } else if action == 3 && desc[1 + row][2 * col] == ":" {
            newCol = max(col - 1, 0)
        } else if action == 4 {
            (newPass, reward) = pickup((row, col), newPass, reward)
        } else if action == 5 {
            (newPass, reward, terminated) = dropoff((row, col), newPass, dest, reward)
        }
        P[state][action].append(Transition(1.0, encode(newRow, newCol, newPass, dest), reward, terminated))
    }

    func calcNewPosition(_ row: Int, _ col: Int, _ move: (Int, Int)) -> (Int, Int) {
        let (dr, dc) = move
        let nr = max(0, min(row + dr, maxRow)), nc = max(0, min(col + dc, maxCol))
        if dc == 1 && desc[1 + nr][2 * nc] != ":" { return (row, col) }
        if dc == -1 && desc[1 + nr][2 * nc + 2] != ":" { return (row, col) }
        return (nr, nc)
    }

    func buildRainy(_ row: Int, _ col: Int, _ pass: Int, _ dest: Int, _ action: Int) {
        let state = encode(row, col, pass, dest)
        var left = (row, col), right = (row, col)
        var (newRow, newCol, newPass) = (row, col, pass)
        var reward = -1.0
        var terminated = false
        let moves: [[(Int, Int)]] = [[(1, 0), (0, 1), (0, -1)], [(-1, 0), (0, -1), (0, 1)], [(0, 1), (-1, 0), (1, 0)], [(0, -1), (1, 0), (-1, 0)]]
        if (action == 0 && row < maxRow) || (action == 1 && row > 0) || (action == 2 && desc[1 + row][2 * col + 2] == ":") || (action == 3 && desc[1 + row][2 * col] == ":") {
            let (dr, dc) = moves[action][0]
            newRow = max(0, min(row + dr, maxRow))
            newCol = max(0, min(col + dc, maxCol))
            left = calcNewPosition(row, col, moves[action][1])
            right = calcNewPosition(row, col, moves[action][2])
        } else if action == 4 {
            (newPass, reward) = pickup((row, col), newPass, reward)
        } else if action == 5 {
            (newPass, reward, terminated) = dropoff((row, col), newPass, dest, reward)
        }
        let intended = encode(newRow, newCol, newPass, dest)
        if action <= 3 {
            let lateral = (1.0 - rainyProbability) / 2.0
            P[state][action].append(Transition(rainyProbability, intended, -1, terminated))
            P[state][action].append(Transition(lateral, encode(left.0, left.1, newPass, dest), -1, terminated))
            P[state][action].append(Transition(lateral, encode(right.0, right.1, newPass, dest), -1, terminated))
        } else {
            P[state][action].append(Transition(1.0, intended, reward, terminated))
        }
    }

    /// Legal-move mask for a state (`action_mask`): 1 where the action changes something.
    public func actionMask(_ state: Int) -> [Int] {
        var mask = [0, 0, 0, 0, 0, 0]
        let (r, c, p, d) = decode(state)
        if r < 4 { mask[0] = 1 }
        if r > 0 { mask[1] = 1 }
        if c < 4 && desc[r + 1][2 * c + 2] == ":" { mask[2] = 1 }
        if c > 0 && desc[r + 1][2 * c] == ":" { mask[3] = 1 }
        if p < 4 && (r, c) == locs[p] { mask[4] = 1 }
        if p == 4 && ((r, c) == locs[d] || locIndex((r, c)) != nil) { mask[5] = 1 }
        return mask
    }

    func maskInfo(_ state: Int) -> InfoValue { .array(EnvArray(ints: actionMask(state), dtype: .int8)) }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try resetState(seed: seed, options: options)
        fickleStep = fickle && npRandom.random() < fickleProbability
        return (.int(s), ["prob": .double(1.0), "action_mask": maskInfo(s)])
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        let a = try validatedAction(action)
        let before = s
        var t = transition(a)
        let (sr, sc, sp, sd) = decode(before)
        let (tr, tc, tp, _) = decode(t.nextState)
        if fickle && fickleStep && sp == 4 && (tr != sr || tc != sc) {
            fickleStep = false
            let possible = (0..<4).filter { $0 != sd }
            let dest = possible[npRandom.boundedInt(offset: 0, inclusiveRange: UInt64(possible.count - 1))]
            t.nextState = encode(tr, tc, tp, dest)
            s = t.nextState
        }
        return (.int(t.nextState), t.reward, t.terminated, false, ["prob": .double(t.probability), "action_mask": maskInfo(t.nextState)])
    }

    /// The 550x350 frame (`rgb_array`).
    public override func render() throws -> RGBImage? {
        guard rendersFrames() else { return nil }
        guard hasReset else { return nil }
        return ToyTextRenderer.taxi(env: self)
    }

    /// The ansi map with the taxi (yellow, green when carrying), passenger (blue) and destination (magenta).
    public override func renderText() throws -> String? {
        guard renderMode == "ansi" else { return nil }
        var out = desc.map { $0.map(String.init) }
        let (r, c, p, d) = decode(s)
        func ul(_ x: String) -> String { x == " " ? "_" : x }
        if p < 4 {
            out[1 + r][2 * c + 1] = "\u{1B}[43m" + ul(out[1 + r][2 * c + 1]) + "\u{1B}[0m"
            let (pi, pj) = locs[p]
            out[1 + pi][2 * pj + 1] = "\u{1B}[34;1m" + out[1 + pi][2 * pj + 1] + "\u{1B}[0m"
        } else {
            out[1 + r][2 * c + 1] = "\u{1B}[42m" + ul(out[1 + r][2 * c + 1]) + "\u{1B}[0m"
        }
        let (di, dj) = locs[d]
        out[1 + di][2 * dj + 1] = "\u{1B}[35m" + out[1 + di][2 * dj + 1] + "\u{1B}[0m"
        var text = out.map { $0.joined() }.joined(separator: "\n") + "\n"
        if let a = lastAction { text += "  (\(["South", "North", "East", "West", "Pickup", "Dropoff"][a]))\n" } else { text += "\n" }
        return text
    }
}
