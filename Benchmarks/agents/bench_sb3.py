"""SB3 side of Benchmarks/agents/run.sh: the same measures as bench.md, 2 torch threads."""
import sys, time
import numpy as np
import torch
import gymnasium as gym
from stable_baselines3 import PPO, DQN, A2C
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.evaluation import evaluate_policy

torch.set_num_threads(2)
args = dict(a.split("=") for a in sys.argv[1:])
ppo_short, ppo_long = int(args.get("ppoShort", 4096)), int(args.get("ppoLong", 20480))
dqn_short, dqn_long = int(args.get("dqnShort", 1500)), int(args.get("dqnLong", 4500))
measures = args.get("measures", "all")
wanted = ["ppo", "dqn", "ppo256", "dqnmlp", "predict", "buffer"] if measures == "all" else measures.split(",")


def ppo_seconds(steps):
    model = PPO("MlpPolicy", make_vec_env("CartPole-v1", n_envs=1, seed=0), seed=0, device="cpu")
    t = time.perf_counter()
    model.learn(total_timesteps=steps)
    return time.perf_counter() - t


def dqn_seconds(steps):
    env = gym.make("CarRacing-v3", continuous=False)
    env.reset(seed=0)
    model = DQN("CnnPolicy", env, buffer_size=50_000, learning_starts=1000, seed=0, device="cpu")
    t = time.perf_counter()
    model.learn(total_timesteps=steps)
    return time.perf_counter() - t


def ppo256_seconds(steps):
    model = PPO("MlpPolicy", make_vec_env("CartPole-v1", n_envs=1, seed=0), policy_kwargs=dict(net_arch=[256, 256]), seed=0, device="cpu")
    t = time.perf_counter()
    model.learn(total_timesteps=steps)
    return time.perf_counter() - t


def dqn_mlp_seconds(steps):
    env = gym.make("CartPole-v1")
    env.reset(seed=0)
    model = DQN("MlpPolicy", env, learning_starts=1000, seed=0, device="cpu")
    t = time.perf_counter()
    model.learn(total_timesteps=steps)
    return time.perf_counter() - t


if "ppo" in wanted:
    p1, p2 = ppo_seconds(ppo_short), ppo_seconds(ppo_long)
    print("ppo_cartpole_steps_per_s", (ppo_long - ppo_short) / (p2 - p1))
if "dqn" in wanted:
    d1, d2 = dqn_seconds(dqn_short), dqn_seconds(dqn_long)
    print("dqn_carracing_steps_per_s", (dqn_long - dqn_short) / (d2 - d1))

q_short, q_long = int(args.get("ppo256Short", 2048)), int(args.get("ppo256Long", 8192))
if "ppo256" in wanted:
    q1, q2 = ppo256_seconds(q_short), ppo256_seconds(q_long)
    print("ppo_cartpole_256_steps_per_s", (q_long - q_short) / (q2 - q1))
m_short, m_long = int(args.get("dqnMlpShort", 3000)), int(args.get("dqnMlpLong", 12000))
if "dqnmlp" in wanted:
    m1, m2 = dqn_mlp_seconds(m_short), dqn_mlp_seconds(m_long)
    print("dqn_cartpole_mlp_steps_per_s", (m_long - m_short) / (m2 - m1))

if "predict" in wanted:
    env = gym.make("CarRacing-v3", continuous=False)
    frame, _ = env.reset(seed=1)
    model = DQN("CnnPolicy", env, seed=0, device="cpu", buffer_size=1000)
    for _ in range(20):
        model.predict(frame, deterministic=True)
    n = 300
    t = time.perf_counter()
    for _ in range(n):
        model.predict(frame, deterministic=True)
    print("dqn_predict_ms", (time.perf_counter() - t) * 1000 / n)
if "buffer" in wanted:
    # obs + next_obs (uint8) + int64 action + float32 reward, done, timeout
    print("replay_bytes_per_transition", 2 * 96 * 96 * 3 + 8 + 4 + 4 + 4)

if args.get("runA2C") == "true":
    model = A2C("MlpPolicy", make_vec_env("CartPole-v1", n_envs=8, seed=0), ent_coef=0.0, seed=0, device="cpu")
    t = time.perf_counter()
    model.learn(total_timesteps=int(args.get("a2cSteps", 500_000)))
    mean, std = evaluate_policy(model, gym.make("CartPole-v1"), n_eval_episodes=10)
    print("a2c_cartpole_eval", mean, std, "seconds", time.perf_counter() - t)
