import RLTensor
/// Placeholder: layers arrive with the RLNN issue.
public enum RLNNModule {}
