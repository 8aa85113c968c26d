/// Placeholder: the cell language.
public enum BookDSLModule {}
