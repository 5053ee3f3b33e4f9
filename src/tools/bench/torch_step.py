"""The char-LM training step of reglab's benchmark in PyTorch, for comparison, served step by step.

Embedding -> nn.LSTM (one layer) -> Linear -> cross-entropy; backward; clip_grad_norm_(5); Adam.
Run by src/tools/bench/torch-bench.ts as
    /usr/bin/python3 src/tools/bench/torch_step.py '{"N": 32, "T": 32, "D": 32, "V": 28, "threads": 1}'
(with OMP_NUM_THREADS / OPENBLAS_NUM_THREADS set to the same thread count)
it reads one JSON command per line on stdin and answers one JSON line on stdout:
    {"op": "run", "hidden": 128, "dtype": "float64", "steps": 5}
      -> {"wall": [ms, ...], "cpu": [ms, ...], "torch": "1.13..."}   (per step; cpu = this process, all threads)
    {"op": "quit"}
so the benchmark can interleave these steps with reglab's in one run. A model is built (and warmed up
with 3 steps) the first time a (hidden, dtype) is asked for, then kept.
Left out on purpose: dropout (off in the benchmark), carrying the state between steps (zero state).
"""
import json
import sys
import time

import torch

cfg = json.loads(sys.argv[1])
N, T, D, V = cfg["N"], cfg["T"], cfg["D"], cfg["V"]
torch.set_num_threads(cfg["threads"])
g = torch.Generator().manual_seed(0)
x = torch.randint(0, V, (T, N), generator=g)
y = torch.randint(0, V, (T * N,), generator=g)
models = {}


def make(H, dtype_name):
    dtype = getattr(torch, dtype_name)
    torch.manual_seed(0)
    emb = torch.nn.Embedding(V, D).to(dtype)
    lstm = torch.nn.LSTM(D, H).to(dtype)
    dec = torch.nn.Linear(H, V).to(dtype)
    params = [*emb.parameters(), *lstm.parameters(), *dec.parameters()]
    opt = torch.optim.Adam(params, lr=2e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        out, _ = lstm(emb(x))
        loss = torch.nn.functional.cross_entropy(dec(out.reshape(T * N, H)), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()

    for _ in range(3):
        step()
    return step


for line in sys.stdin:
    cmd = json.loads(line)
    if cmd["op"] == "quit":
        break
    key = (cmd["hidden"], cmd["dtype"])
    if key not in models:
        models[key] = make(*key)
    step = models[key]
    wall, cpu = [], []
    for _ in range(cmd["steps"]):
        w0, c0 = time.perf_counter(), time.process_time()
        step()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    print(json.dumps({"wall": wall, "cpu": cpu, "torch": torch.__version__}), flush=True)
