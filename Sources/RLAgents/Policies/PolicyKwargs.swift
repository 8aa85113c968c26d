/// What `policyKwargs:` may set (SB3's `policy_kwargs`, camelCased).
public struct PolicyKwargs: Sendable, Equatable {
    /// Hidden layer sizes of the policy (actor) and value (critic) networks; DQN uses `pi` for its Q-network.
    /// nil: the algorithm's default (`[64, 64]` for MlpPolicy, `[]` for CnnPolicy).
    public var netArchPi: [Int]?
    public var netArchVf: [Int]?
    /// Activation between hidden layers (nil: ReLU for DQN, Tanh for PPO/A2C).
    public var activation: Activation?
    /// Orthogonal initialisation of actor-critic policies (SB3 default true).
    public var orthoInit = true
    /// Initial log standard deviation of continuous actions (SB3 default 0).
    public var logStdInit = 0.0
    /// Output size of NatureCNN (SB3's `features_extractor_kwargs=dict(features_dim=...)`).
    public var featuresDim = 512
    /// Divide images by 255 (SB3's `normalize_images`).
    public var normalizeImages = true

    public init() {}

    /// The names `policyKwargs` accepts, for did-you-mean.
    public static let keys = ["netArch", "activationFn", "orthoInit", "logStdInit", "featuresDim", "normalizeImages"]
}
