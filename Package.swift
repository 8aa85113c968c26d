// swift-tools-version:6.0
// rlbook: literate reinforcement-learning tutorials, executed, with HTML reports.
// No package dependencies: only the Swift toolchain. C libraries (CUDA, MPI) are dlopen'ed at run time.
import PackageDescription

/// Optimisation flags for numeric code: x86-64-v3 (AVX2/FMA, spelled `haswell` for the compiler) on x86-64 hosts, NEON is the arm64 baseline.
#if arch(x86_64)
let simdFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let simdFlags: [SwiftSetting] = []
#endif
let fast: [SwiftSetting] = simdFlags + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
/// RLTensorAVX512 alone: float32 kernels for AVX-512 cores, called only after RLTensor's run-time CPU check.
#if arch(x86_64)
let avx512Flags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "skylake-avx512"]), .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
#else
let avx512Flags: [SwiftSetting] = []
#endif
/// The interpreter runs cells on one thread and no other thread touches its values while a cell
/// runs (engine worker threads only see engine objects, during synchronous host calls; threaded
/// vector envs refuse cell-written envs), so its reference counting need not be atomic: calls and
/// member access spend most of their time in retain/release, 15-40 % less with this.
let interpreterFlags: [SwiftSetting] = fast + [.unsafeFlags(["-Xfrontend", "-assume-single-threaded"], .when(configuration: .release))]
/// RLPhysics (Box2D): a World and everything in it (bodies, fixtures, shapes' arrays, contacts, joints)
/// is used by one thread at a time (threaded vector envs step each env's own world on one worker) and
/// nothing is shared between worlds, so its reference counting need not be atomic: 5-10 % of
/// BipedalWalker's step. See docs/physics.md before sharing physics objects across threads.
let physicsFlags: [SwiftSetting] = interpreterFlags

let package = Package(
    name: "rlbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rlbook", targets: ["rlbook"]),
    ],
    targets: [
        // Engine (bottom-up)
        .target(name: "RLSupport", swiftSettings: fast),
        .target(name: "RLTensorAVX512", swiftSettings: avx512Flags),
        .target(name: "RLTensor", dependencies: ["RLSupport", "RLTensorAVX512"], swiftSettings: fast),
        .target(name: "RLNN", dependencies: ["RLTensor", "RLSupport"], swiftSettings: fast),
        .target(name: "RLCUDA", dependencies: ["RLTensor", "RLSupport"], swiftSettings: fast),
        .target(name: "RLRender", dependencies: ["RLSupport"], swiftSettings: fast),
        .target(name: "RLPhysics", dependencies: ["RLSupport"], swiftSettings: physicsFlags),
        .target(name: "RLEnv", dependencies: ["RLSupport", "RLRender", "RLPhysics"], swiftSettings: fast),
        .target(name: "RLDistributed", dependencies: ["RLTensor", "RLSupport"], swiftSettings: fast),
        .target(name: "RLAgents", dependencies: ["RLEnv", "RLNN", "RLTensor", "RLRender", "RLSupport", "RLDistributed"], swiftSettings: fast),
        // Book (the literate runner)
        .target(name: "BookMarkdown", dependencies: ["RLSupport"]),
        .target(name: "BookDSL", dependencies: ["RLSupport"], swiftSettings: interpreterFlags),
        .target(name: "BookReport", dependencies: ["BookDSL", "RLSupport", "RLRender"], swiftSettings: fast),
        .target(name: "BookRuntime", dependencies: ["BookMarkdown", "BookDSL", "BookReport", "RLAgents", "RLCUDA", "RLEnv", "RLNN", "RLTensor", "RLRender", "RLSupport", "RLDistributed"]),
        .executableTarget(name: "rlbook", dependencies: ["BookRuntime", "RLDistributed", "RLSupport"]),
        // The CUDA device check (Benchmarks/cuda/device-check.sh): every op against the CPU, NatureCNN step timing.
        .executableTarget(name: "rlcuda-check", dependencies: ["RLCUDA", "RLNN", "RLTensor"], path: "Benchmarks/cuda/CUDACheck", swiftSettings: fast),
        // The interpreter alone on Benchmarks/interpreter books (CPU time, best of N), without the CLI.
        .executableTarget(name: "dslbench", dependencies: ["BookDSL", "RLSupport"], path: "Benchmarks/interpreter/DSLBench", swiftSettings: interpreterFlags),

        // Helpers shared by test targets (TagBalance, Snapshot, TensorFixtures); built only for tests.
        .target(name: "TestSupport", dependencies: ["RLTensor", "RLSupport"], path: "Tests/TestSupport"),
        .testTarget(name: "RLSupportTests", dependencies: ["RLSupport"]),
        .testTarget(name: "RLTensorTests", dependencies: ["RLTensor", "RLTensorAVX512", "RLSupport", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RLCUDATests", dependencies: ["RLCUDA", "RLTensor", "TestSupport"]),
        .testTarget(name: "RLNNTests", dependencies: ["RLNN", "RLTensor", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RLRenderTests", dependencies: ["RLRender", "RLSupport"]),
        .testTarget(name: "RLPhysicsTests", dependencies: ["RLPhysics"], exclude: ["Tools"]),
        .testTarget(name: "RLEnvTests", dependencies: ["RLEnv", "RLPhysics", "RLRender", "RLSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RLDistributedTests", dependencies: ["RLDistributed", "RLTensor", "RLSupport"]),
        .testTarget(name: "RLAgentsTests", dependencies: ["RLAgents", "RLEnv", "RLNN", "RLTensor", "RLSupport"]),
        .testTarget(name: "BookMarkdownTests", dependencies: ["BookMarkdown", "RLSupport", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "BookDSLTests", dependencies: ["BookDSL", "RLSupport"]),
        .testTarget(name: "BookReportTests", dependencies: ["BookReport", "RLRender", "RLSupport", "TestSupport"], resources: [.copy("Snapshots")]),
        .testTarget(name: "BookRuntimeTests", dependencies: ["BookRuntime", "BookDSL", "BookMarkdown", "BookReport", "RLCUDA", "RLTensor", "RLSupport", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["rlbook", "BookRuntime", "BookMarkdown", "RLSupport", "TestSupport"], exclude: ["Books"]),
        .testTarget(name: "rlbookTests", dependencies: ["rlbook", "BookRuntime"]),
    ],
    swiftLanguageModes: [.v5]
)
