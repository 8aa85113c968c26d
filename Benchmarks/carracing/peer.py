"""Gymnasium CarRacing-v3 peer: random discrete actions with the default (state_pixels) rendering, and reset time.
Times are process CPU time, like the Swift side, so a loaded machine does not skew the ratio."""
import sys, time
import numpy as np
import gymnasium as gym

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
env = gym.make("CarRacing-v3", continuous=False)
rng = np.random.default_rng(123)
resets = 10
t0 = time.process_time()
for i in range(resets):
    env.reset(seed=i)
reset_ms = (time.process_time() - t0) / resets * 1000
env.reset(seed=1)
t0 = time.process_time()
for _ in range(steps):
    _, _, term, trunc, _ = env.step(int(rng.integers(5)))
    if term or trunc:
        env.reset()
sps = steps / (time.process_time() - t0)
print(f"RESULT steps_per_s {sps} reset_ms {reset_ms}")
