# Gymnasium peer for Benchmarks/env: CartPole-v1 via gym.make, and the vector entry point with 256 envs.
import sys, time
import numpy as np
import gymnasium as gym

single_steps = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
batch_steps = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000

env = gym.make("CartPole-v1")
env.action_space.seed(0)
env.reset(seed=0)
t0 = time.perf_counter()
for _ in range(single_steps):
    obs, r, term, trunc, info = env.step(env.action_space.sample())
    if term or trunc:
        env.reset()
dt = time.perf_counter() - t0
print(f"single_steps_per_s {single_steps / dt}")

raw = gym.make("CartPole-v1").unwrapped
raw.action_space.seed(0)
raw.reset(seed=0)
t0 = time.perf_counter()
for _ in range(single_steps):
    obs, r, term, trunc, info = raw.step(raw.action_space.sample())
    if term:
        raw.reset()
dt = time.perf_counter() - t0
print(f"unwrapped_steps_per_s {single_steps / dt}")

envs = gym.make_vec("CartPole-v1", num_envs=256, vectorization_mode="vector_entry_point")
envs.reset(seed=0)
rng = np.random.default_rng(1)
t0 = time.perf_counter()
for _ in range(batch_steps):
    envs.step(rng.integers(0, 2, size=256))
dt = time.perf_counter() - t0
print(f"batched_steps_per_s {batch_steps * 256 / dt}")
