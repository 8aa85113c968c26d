/// Placeholder: physics arrives with the CarRacing issue.
public enum RLPhysicsModule {}
