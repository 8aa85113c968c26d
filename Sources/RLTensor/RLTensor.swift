/// Placeholder: tensors arrive with the RLTensor issue.
public enum RLTensorModule {}
