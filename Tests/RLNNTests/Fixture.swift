import TestSupport

/// This target's fixtures (Tests/RLNNTests/Fixtures).
let Fixture = TensorFixtures(bundle: .module)
