"""Box2D rollout fixtures (Gymnasium 1.4.0, box2d 2.3.10, pygame 2.6, numpy 2.x).

Run from the repository root with a Python that has gymnasium[box2d]:
    python Tests/RLEnvTests/Fixtures/make_box2d_fixtures.py
Writes, next to this script:
- rollout_LunarLanderContinuous-v3_wind.json: seeds 0, 1, 42 with enable_wind=True; actions from
  default_rng(seed + 1000).uniform(-1, 1, 2) as float32, until the episode ends (cap 1000 steps).
- rollout_BipedalWalker-v3.json: seeds 0, 1, 42; actions default_rng(seed + 1000).uniform(-1, 1, 4)
  as float32; 300 steps or the end of the episode.
- rollout_LunarLander-v3_heuristic.json, rollout_LunarLanderContinuous-v3_heuristic.json: seeds 0, 1,
  42 flown by Gymnasium's `heuristic` controller (lunar_lander.py) to a landing (resting contacts,
  sleep, +100), cap 1000 steps.
- rollout_BipedalWalkerHardcore-v3.json: like BipedalWalker-v3 with hardcore terrain, 300 steps.
- rollout_BipedalWalker-v3_heuristic.json: Gymnasium's BipedalWalkerHeuristics walking for 600 steps,
  seeds 0, 1, 42, all from ONE env (`"same_env": true`), so later episodes run in a world whose
  bodies were destroyed and recreated (Box2D reuses proxy ids).
- box2d_frames/BipedalWalker-v3_seed0_t{0,60}.rle: rgb_array frames, zero actions.
- box2d_frames/LunarLander-v3_seed0_t{0,20,40}.rle: rgb_array frames (600x400, run-length coded:
  little-endian uint16 run length then r, g, b, row-major; PNG copies beside them for viewing) (render() called after reset
  and after every step, so exhaust particles age as in a recorded video); discrete actions from
  default_rng(1000).integers(4).
The layout is that of ../../../../shared/fixtures/gymnasium/rollout_*.json (reset_obs, then per step
action, obs, reward, terminated, truncated).
"""
import json
import os

import gymnasium as gym
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def rollout(env_id, kwargs, seeds, n_actions, cap):
    runs = []
    for seed in seeds:
        env = gym.make(env_id, **kwargs)
        obs, _ = env.reset(seed=seed)
        rng = np.random.default_rng(seed + 1000)
        steps = []
        for _ in range(cap):
            a = rng.uniform(-1, 1, n_actions).astype(np.float32)
            o, r, term, trunc, _ = env.step(a)
            steps.append({"action": [float(x) for x in a], "obs": [float(x) for x in o], "reward": float(r),
                          "terminated": bool(term), "truncated": bool(trunc)})
            if term or trunc:
                break
        runs.append({"seed": seed, "kwargs": kwargs, "reset_obs": [float(x) for x in obs], "steps": steps})
        env.close()
    return {"env_id": env_id, "runs": runs}


def heuristic_rollout(env_id, seeds):
    from gymnasium.envs.box2d.lunar_lander import heuristic
    runs = []
    for seed in seeds:
        env = gym.make(env_id)
        obs, _ = env.reset(seed=seed)
        reset_obs = obs
        steps = []
        for _ in range(1000):
            a = heuristic(env, obs)
            a = [float(np.float32(x)) for x in a] if isinstance(a, np.ndarray) else int(a)
            obs, r, term, trunc, _ = env.step(np.array(a, dtype=np.float32) if isinstance(a, list) else a)
            steps.append({"action": a, "obs": [float(x) for x in obs], "reward": float(r),
                          "terminated": bool(term), "truncated": bool(trunc)})
            if term or trunc:
                break
        runs.append({"seed": seed, "kwargs": {}, "reset_obs": [float(x) for x in reset_obs], "steps": steps})
    return {"env_id": env_id, "runs": runs}


def rle(frame):
    px = frame.reshape(-1, 3)
    out = bytearray()
    i = 0
    while i < len(px):
        j = i
        while j + 1 < len(px) and j + 1 - i < 65535 and (px[j + 1] == px[i]).all():
            j += 1
        n = j - i + 1
        out += bytes([n & 255, n >> 8]) + bytes(int(c) for c in px[i])
        i = j + 1
    return bytes(out)


def walker_heuristic(seeds, steps):
    from gymnasium.envs.box2d.bipedal_walker import BipedalWalkerHeuristics
    env = gym.make("BipedalWalker-v3")
    runs = []
    for seed in seeds:
        obs, _ = env.reset(seed=seed)
        reset_obs = obs
        h = BipedalWalkerHeuristics()
        a = np.array([0.0, 0.0, 0.0, 0.0])
        out = []
        for _ in range(steps):
            a32 = np.asarray(a, dtype=np.float32)
            obs, r, term, trunc, _ = env.step(a32)
            out.append({"action": [float(x) for x in a32], "obs": [float(x) for x in obs], "reward": float(r),
                        "terminated": bool(term), "truncated": bool(trunc)})
            if term or trunc:
                break
            a = h.step_heuristic(obs)
        runs.append({"seed": seed, "kwargs": {}, "reset_obs": [float(x) for x in reset_obs], "steps": out})
    return {"env_id": "BipedalWalker-v3", "same_env": True, "runs": runs}


def walker_frames():
    from PIL import Image
    env = gym.make("BipedalWalker-v3", render_mode="rgb_array")
    env.reset(seed=0)
    out = os.path.join(HERE, "box2d_frames")
    for t in range(61):
        frame = env.render()
        if t in (0, 60):
            Image.fromarray(frame).save(os.path.join(out, f"BipedalWalker-v3_seed0_t{t}.png"))
            with open(os.path.join(out, f"BipedalWalker-v3_seed0_t{t}.rle"), "wb") as f:
                f.write(rle(frame))
        env.step(np.zeros(4, dtype=np.float32))


def frames():
    from PIL import Image
    env = gym.make("LunarLander-v3", render_mode="rgb_array")
    env.reset(seed=0)
    rng = np.random.default_rng(1000)
    out = os.path.join(HERE, "box2d_frames")
    os.makedirs(out, exist_ok=True)
    actions = []
    for t in range(41):
        frame = env.render()
        if t in (0, 20, 40):
            Image.fromarray(frame).save(os.path.join(out, f"LunarLander-v3_seed0_t{t}.png"))
            with open(os.path.join(out, f"LunarLander-v3_seed0_t{t}.rle"), "wb") as f:
                f.write(rle(frame))
        if t == 40:
            break
        a = int(rng.integers(4))
        actions.append(a)
        env.step(a)
    with open(os.path.join(out, "LunarLander-v3_seed0_actions.json"), "w") as f:
        json.dump(actions, f)


def main():
    data = rollout("LunarLanderContinuous-v3", {"enable_wind": True}, [0, 1, 42], 2, 1000)
    with open(os.path.join(HERE, "rollout_LunarLanderContinuous-v3_wind.json"), "w") as f:
        json.dump(data, f)
    data = rollout("BipedalWalker-v3", {}, [0, 1, 42], 4, 300)
    with open(os.path.join(HERE, "rollout_BipedalWalker-v3.json"), "w") as f:
        json.dump(data, f)
    for env_id in ["LunarLander-v3", "LunarLanderContinuous-v3"]:
        with open(os.path.join(HERE, f"rollout_{env_id}_heuristic.json"), "w") as f:
            json.dump(heuristic_rollout(env_id, [0, 1, 42]), f)
    frames()
    data = rollout("BipedalWalkerHardcore-v3", {}, [0, 1, 42], 4, 300)
    with open(os.path.join(HERE, "rollout_BipedalWalkerHardcore-v3.json"), "w") as f:
        json.dump(data, f)
    with open(os.path.join(HERE, "rollout_BipedalWalker-v3_heuristic.json"), "w") as f:
        json.dump(walker_heuristic([0, 1, 42], 600), f)
    walker_frames()


if __name__ == "__main__":
    main()
