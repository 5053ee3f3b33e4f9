"""The char-LM training step of reglab's benchmark in PyTorch, one thread, for comparison.

Embedding -> nn.LSTM (one layer) -> Linear -> cross-entropy; backward; clip_grad_norm_(5); Adam.
Run by src/tools/bench/torch-bench.ts as
    /usr/bin/python3 src/tools/bench/torch_step.py '{"N": 32, "T": 32, "D": 32, "V": 28, "hidden": [64, 128], "dtypes": ["float32", "float64"], "minMs": 1000}'
and prints one JSON object per line: {"dtype", "hidden", "msPerStep", "runs", "torch"}.
Left out on purpose: dropout (off in the benchmark), carrying the state between steps (zero state).
"""
import json
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
cfg = json.loads(sys.argv[1])
N, T, D, V = cfg["N"], cfg["T"], cfg["D"], cfg["V"]
g = torch.Generator().manual_seed(0)
x = torch.randint(0, V, (T, N), generator=g)
y = torch.randint(0, V, (T * N,), generator=g)

for dtype_name in cfg["dtypes"]:
    dtype = getattr(torch, dtype_name)
    for H in cfg["hidden"]:
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
        times, start = [], time.perf_counter()
        while len(times) < 5 or (time.perf_counter() - start) * 1000 < cfg["minMs"]:
            t0 = time.perf_counter()
            step()
            times.append((time.perf_counter() - t0) * 1000)
        print(json.dumps({"dtype": dtype_name, "hidden": H, "msPerStep": statistics.median(times), "runs": len(times),
                          "torch": torch.__version__}), flush=True)
