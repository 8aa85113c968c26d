/// Placeholder: environments arrive with the RLEnv issue.
public enum RLEnvModule {}
