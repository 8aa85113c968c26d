"""The random-action loop of cell-loop.md, in Python with Gymnasium (the peer of run-cell-loop.sh).

Usage: python cell-loop.py ENV_ID STEPS  -> prints "steps_per_s X"
"""
import sys
import time

import gymnasium as gym


def main() -> None:
    env_id = sys.argv[1] if len(sys.argv) > 1 else "CartPole-v1"
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    start = time.perf_counter()
    env = gym.make(env_id, continuous=False) if env_id.startswith("CarRacing") else gym.make(env_id)
    env.action_space.seed(0)
    obs, info = env.reset(seed=0)
    episodes = 0
    total = 0.0
    for _ in range(steps):
        obs, reward, terminated, truncated, _ = env.step(env.action_space.sample())
        total += reward
        if terminated or truncated:
            obs, info = env.reset()
            episodes += 1
    elapsed = time.perf_counter() - start
    print(f"steps_per_s {steps / elapsed:.1f}")
    print(f"episodes {episodes}", file=sys.stderr)


if __name__ == "__main__":
    main()
