import TestSupport

/// This target's fixtures (Tests/RLTensorTests/Fixtures).
let Fixture = TensorFixtures(bundle: .module)
