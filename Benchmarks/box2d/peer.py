"""Gymnasium Box2D peer (LunarLander, BipedalWalker): random actions, rendering off. Process CPU time, like the Swift side."""
import sys, time
import numpy as np
import gymnasium as gym

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
rng = np.random.default_rng(123)


def bench(env, continuous):
    env.reset(seed=1)
    t0 = time.process_time()
    for _ in range(steps):
        a = rng.uniform(-1, 1, continuous).astype(np.float32) if continuous else int(rng.integers(4))
        _, _, term, trunc, _ = env.step(a)
        if term or trunc:
            env.reset()
    return steps / (time.process_time() - t0)


d = bench(gym.make("LunarLander-v3").unwrapped, 0)
c = bench(gym.make("LunarLanderContinuous-v3", enable_wind=True).unwrapped, 2)
w = bench(gym.make("BipedalWalker-v3").unwrapped, 4)
h = bench(gym.make("BipedalWalkerHardcore-v3").unwrapped, 4)
print(f"RESULT {d} {c} {w} {h}")
