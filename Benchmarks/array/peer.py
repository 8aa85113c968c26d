# Peer for Benchmarks/array: what a Python cell pays to turn an observation into a tensor
# (torch.as_tensor over the numpy observation, which shares memory like rlbook's Tensor(NDArray)).
import sys, time
import numpy as np
import torch

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
frame = np.zeros((96, 96, 3), dtype=np.uint8)
pole = np.zeros(4, dtype=np.float32)
def best(obs):
    b = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        for _ in range(n):
            t = torch.as_tensor(obs)
        b = min(b, (time.process_time() - t0) / n)
    return b * 1e9
print("tensor_from_frame_ns", best(frame))
print("tensor_from_cartpole_obs_ns", best(pole))
