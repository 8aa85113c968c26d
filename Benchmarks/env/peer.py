# Gymnasium peer for Benchmarks/env: CartPole-v1 via gym.make, unwrapped, and the vector entry point
# with 256 envs. Each measurement is the best of `repeats` runs, like bench.swift.
import sys, time
import numpy as np
import gymnasium as gym

single_steps = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
batch_steps = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3


def best(body):
    rate = 0.0
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        work = body()
        rate = max(rate, work / (time.perf_counter() - t0))
    return rate


env = gym.make("CartPole-v1")
env.action_space.seed(0)
env.reset(seed=0)


def run_single():
    for _ in range(single_steps):
        obs, r, term, trunc, info = env.step(env.action_space.sample())
        if term or trunc:
            env.reset()
    return single_steps


print(f"single_steps_per_s {best(run_single)}")

raw = gym.make("CartPole-v1").unwrapped
raw.action_space.seed(0)
raw.reset(seed=0)


def run_raw():
    for _ in range(single_steps):
        obs, r, term, trunc, info = raw.step(raw.action_space.sample())
        if term:
            raw.reset()
    return single_steps


print(f"unwrapped_steps_per_s {best(run_raw)}")

envs = gym.make_vec("CartPole-v1", num_envs=256, vectorization_mode="vector_entry_point")
envs.reset(seed=0)
rng = np.random.default_rng(1)


def run_batch():
    for _ in range(batch_steps):
        envs.step(rng.integers(0, 2, size=256))
    return batch_steps * 256


print(f"batched_steps_per_s {best(run_batch)}")
