import RLSupport
import RLRender

/// Blackjack-v1: beat the dealer without going over 21 (port of Gymnasium
/// `gymnasium/envs/toy_text/blackjack.py`, Sutton & Barto example 5.1; infinite deck).
///
/// ## Action space
/// `Discrete(2)`: 0 stick, 1 hit.
///
/// ## Observation space
/// `Tuple(Discrete(32), Discrete(11), Discrete(2))`: player sum, dealer's showing card (1-10),
/// whether the player holds a usable ace.
///
/// ## Rewards
/// +1 win, -1 loss, 0 draw; with `natural` a natural blackjack wins 1.5; with `sab` (the registered
/// default) a natural wins 1 unless the dealer also has one.
///
/// ## Starting state
/// Two cards each; the dealer shows one.
///
/// ## Episode end
/// Terminates when the player sticks or busts.
public final class BlackjackEnv: Env {
    static let deck = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 10]
    public let natural: Bool
    public let sab: Bool
    /// The hands (card values, ace = 1).
    public private(set) var player: [Int] = []
    public private(set) var dealer: [Int] = []
    /// Suit and rank shown for the dealer's card (for rendering).
    public private(set) var dealerTopCardSuit = "C"
    public private(set) var dealerTopCardValue = "2"
    public static let kwargNames = ["renderMode", "natural", "sab"]
    public static let renderModes = ["human", "rgb_array"]

    public init(renderMode: String? = nil, natural: Bool = false, sab: Bool = false) {
        self.natural = natural
        self.sab = sab
        let obs = TupleSpace([Discrete(validated: 32), Discrete(validated: 11), Discrete(validated: 2)])
        super.init(observationSpace: obs, actionSpace: Discrete(validated: 2),
                   metadata: EnvMetadata(renderModes: BlackjackEnv.renderModes, renderFps: 4), renderMode: renderMode)
    }

    func drawCard() -> Int { BlackjackEnv.deck[npRandom.boundedInt(offset: 0, inclusiveRange: 12)] }

    static func usableAce(_ hand: [Int]) -> Bool { hand.contains(1) && hand.reduce(0, +) + 10 <= 21 }
    static func sumHand(_ hand: [Int]) -> Int { hand.reduce(0, +) + (usableAce(hand) ? 10 : 0) }
    static func isBust(_ hand: [Int]) -> Bool { sumHand(hand) > 21 }
    static func score(_ hand: [Int]) -> Int { isBust(hand) ? 0 : sumHand(hand) }
    static func isNatural(_ hand: [Int]) -> Bool { hand.sorted() == [1, 10] }

    var observation: EnvValue {
        .tuple([.int(BlackjackEnv.sumHand(player)), .int(dealer.first ?? 0), .int(BlackjackEnv.usableAce(player) ? 1 : 0)])
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        dealer = [drawCard(), drawCard()]
        player = [drawCard(), drawCard()]
        let suits = ["C", "D", "H", "S"]
        dealerTopCardSuit = suits[npRandom.boundedInt(offset: 0, inclusiveRange: 3)]
        let v = dealer[0]
        if v == 1 { dealerTopCardValue = "A" } else if v == 10 {
            dealerTopCardValue = ["J", "Q", "K"][npRandom.boundedInt(offset: 0, inclusiveRange: 2)]
        } else { dealerTopCardValue = String(v) }
        return (observation, Info())
    }

    /// The 600x500 frame (`rgb_array`).
    public override func render() throws -> RGBImage? {
        guard rendersFrames() else { return nil }
        guard !dealer.isEmpty else { return nil }
        return ToyTextRenderer.blackjack(player: player, dealerCard: dealer[0])
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        guard let a = action.intValue, actionSpace.contains(action) else { throw EnvError.invalidAction(EnvError.invalidActionMessage(action, space: actionSpace)) }
        guard !dealer.isEmpty else { throw EnvError.resetNeeded("Cannot call env.step() before calling env.reset()") }
        var terminated: Bool
        var reward: Double
        if a == 1 {
            player.append(drawCard())
            if BlackjackEnv.isBust(player) { terminated = true; reward = -1.0 } else { terminated = false; reward = 0.0 }
        } else {
            terminated = true
            while BlackjackEnv.sumHand(dealer) < 17 { dealer.append(drawCard()) }
            let ps = BlackjackEnv.score(player), ds = BlackjackEnv.score(dealer)
            reward = ps > ds ? 1.0 : (ps < ds ? -1.0 : 0.0)
            if sab && BlackjackEnv.isNatural(player) && !BlackjackEnv.isNatural(dealer) {
                reward = 1.0
            } else if !sab && natural && BlackjackEnv.isNatural(player) && reward == 1.0 {
                reward = 1.5
            }
        }
        return (observation, reward, terminated, false, Info())
    }
}
