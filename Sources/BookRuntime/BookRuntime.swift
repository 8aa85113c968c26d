import BookMarkdown
import BookDSL
import BookReport
/// Placeholder: runtime.
public enum BookRuntimeModule {}
