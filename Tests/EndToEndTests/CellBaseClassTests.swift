import Testing
import TestSupport
import RLSupport
@testable import BookRuntime

/// `class QNet: Module` and `class W: gym.ObservationWrapper` in a book.
@Test(.usesTheTensorGenerator) func cellNetworkSubclassingModuleHasTheModuleAPI() throws {
    let r = try runBook(text: """
    # Networks

    ```swift
    class QNet: Module {
        let fc1 = Linear(4, 8)
        let fc2 = Linear(8, 2)
        override init() { super.init() }
        func forward(_ x: Tensor) -> Tensor { fc2(relu(fc1(x))) }
    }
    class Deep: Module {
        let body = QNet()
        let heads = [Linear(2, 1), Linear(2, 1)]
        func callAsFunction(_ x: Tensor) -> Tensor { heads[1](body(x)) }
    }
    let net = QNet()
    print(net)
    print(net.parameters().count, net.namedParameters().map { $0.0 })
    print(net(Tensor.zeros([3, 4])).shape)
    let same = net.eval()
    print(net.training, same === net)
    let d = Deep()
    print(d.stateDict().keys.sorted())
    print(d(Tensor.ones([2, 4])).shape)
    let opt = Adam(d.parameters(), lr: 0.01)
    net.save("weights/q.safetensors")
    let copy = QNet()
    copy.load("weights/q.safetensors")
    print((copy.fc2.weight - net.fc2.weight).abs().sum().item())
    ```
    """)
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("""
    QNet(
      (fc1): Linear(in_features=4, out_features=8, bias=True)
      (fc2): Linear(in_features=8, out_features=2, bias=True)
    )
    4 ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    [3, 2]
    false true
    ["body.fc1.bias", "body.fc1.weight", "body.fc2.bias", "body.fc2.weight", "heads.0.bias", "heads.0.weight", "heads.1.bias", "heads.1.weight"]
    [2, 1]
    0.0
    """), "\(r.stdout)")
}

@Test(.usesTheTensorGenerator) func cellWrappersTransformAndForward() throws {
    let r = try runBook(text: """
    # Wrappers

    ```swift
    class Scaled: gym.ObservationWrapper {
        init(_ env: Env) { super.init(env) }
        func observation(_ obs: Tensor) -> Tensor { obs * 2 }
    }
    class Clipped: gym.RewardWrapper {
        init(_ env: Env) { super.init(env) }
        func reward(_ r: Double) -> Double { min(r, 0.5) }
    }
    class Counting: gym.Wrapper {
        var steps = 0
        init(_ env: Env) { super.init(env) }
        func step(_ action: Int) -> (Tensor, Double, Bool, Bool, [String: Any]) {
            steps += 1
            return env.step(action)
        }
    }
    let base = gym.make("CartPole-v1")
    let env = Counting(Clipped(Scaled(base)))
    let (obs, _) = env.reset(seed: 1)
    let (plain, _) = base.reset(seed: 1)
    print((obs - plain * 2).abs().sum().item(), env.actionSpace)
    let (_, r, _, _, _) = env.step(1)
    print(r, env.steps)
    let limited = TimeLimit(env, maxEpisodeSteps: 3)
    _ = limited.reset(seed: 0)
    var n = 0
    while true {
        let (_, _, te, tr, _) = limited.step(0)
        n += 1
        if te || tr { break }
    }
    print(n, env.steps)
    ```
    """)
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout == "0.0 Discrete(2)\n0.5 1\n3 4\n", "\(r.stdout)")
}

@Test(.usesTheTensorGenerator) func wrappersWithoutAnInitializerTakeTheEnvLikeGymnasiums() throws {
    // `class Half: gym.RewardWrapper { override func reward ... }` then `Half(env)`, as in Gymnasium (was refused:
    // "argument passed to call that takes no arguments"); a PPO trains on the wrapped env
    let r = try runBook(text: """
    # Wrappers without init

    ```swift
    class Half: gym.RewardWrapper {
        override func reward(_ r: Double) -> Double { r * 0.5 }
    }
    class Doubled: gym.ObservationWrapper {
        var calls = 0
        override func observation(_ o: Tensor) -> Tensor { calls += 1; return o * 2 }
    }
    let base = gym.make("CartPole-v1")
    let env = Doubled(Half(base))
    let (obs, _) = env.reset(seed: 1)
    let (plain, _) = gym.make("CartPole-v1").reset(seed: 1)
    let (_, r, _, _, _) = env.step(0)
    print((obs - plain * 2).abs().sum().item(), r, env.calls)
    let model = PPO(policy: "MlpPolicy", env: env, nSteps: 64, batchSize: 32, nEpochs: 1, verbose: 0, seed: 0)
    model.learn(totalTimesteps: 128)
    print(env.calls > 100)
    ```
    """)
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout == "0.0 0.5 2\ntrue\n", "\(r.stdout)")
}

@Test func subclassingAnEngineTypeThatCannotBeSubclassedIsRefused() throws {
    let r = try runBook(text: """
    # Refused

    ```swift
    class MyTensor: Tensor { }
    ```
    """)
    #expect(r.code == 65)
    #expect(r.stderr.contains("cannot inherit from the engine type 'Tensor'"), "\(r.stderr)")
    #expect(r.stderr.contains("Module"))
}

@Test func cellsPickTheirDeviceAndFallBackOnEngineErrors() throws {
    let r = try runBook(text: """
    # Devices

    ```swift
    let device = cuda.isAvailable ? "cuda" : "cpu"
    print(Device.cudaAvailable == cuda.isAvailable, cuda.isAvailable() == cuda.isAvailable)
    var x = Tensor.ones([2])
    do {
        x = try x.to("cuda")
        print("on cuda")
    } catch {
        print("fallback:", error)
    }
    print(x.to(device).sum().item())
    ```
    """)
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("true true\n"), "\(r.stdout)")
    #expect(r.stdout.contains("on cuda") || r.stdout.contains("fallback: device 'cuda' is not available"), "\(r.stdout)")
    #expect(r.stdout.hasSuffix("2.0\n"))
}
