"""peer_implicit.py: implicit's side of bench_peers (run by the interpreter
named in $LATENTLAB_PEER_IMPLICIT: a Python with implicit >= 0.6 and scipy;
no Debian package has it, so this driver has not been run on the project's
machines).

Usage: peer_implicit.py TRAIN CANDIDATES
TRAIN: "user item value" lines; CANDIDATES: "user target neg..." lines, the
leave-one-out fold bench_peers wrote. The settings of latentlab's line: 100
factors, 15 iterations, regularization 0.1, alpha 1, conjugate gradient with
3 steps, one thread. Prints fit_s and hr10 (the target in the top 10 of
itself and its negatives)."""
import sys
import time

import numpy as np
import scipy.sparse as sp
from implicit.cpu.als import AlternatingLeastSquares


def main():
    train, cand = sys.argv[1:3]
    t = np.loadtxt(train, ndmin=2)
    users, items, vals = t[:, 0].astype(int), t[:, 1].astype(int), t[:, 2].astype(np.float32)
    lines = [list(map(int, l.split())) for l in open(cand) if l.strip()]
    n_users = max(users.max(), max(l[0] for l in lines)) + 1
    n_items = max(items.max(), max(max(l[1:]) for l in lines)) + 1
    ui = sp.csr_matrix((vals, (users, items)), shape=(n_users, n_items))
    model = AlternatingLeastSquares(factors=100, iterations=15, regularization=0.1, alpha=1.0,
                                    use_cg=True, cg_steps=3, num_threads=1, random_state=1)
    t0 = time.perf_counter()
    model.fit(ui, show_progress=False)
    fit_s = time.perf_counter() - t0
    hits = 0
    for l in lines:
        u, cands = l[0], l[1:]
        s = model.item_factors[cands] @ model.user_factors[u]
        hits += int((s[1:] > s[0]).sum() < 10)
    print("fit_s %.4f" % fit_s)
    print("hr10 %.4f" % (hits / len(lines)))


main()
