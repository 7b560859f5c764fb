"""peer_implicit.py: implicit's side of bench_peers (run by the interpreter
named in $LATENTLAB_PEER_IMPLICIT: a Python with implicit >= 0.7, scipy and
threadpoolctl). No Debian package has implicit, so it is built by hand,
outside the tree (never commit its code here): apt-get install python3-numpy
python3-scipy cython3 python3-dev python3-tqdm python3-threadpoolctl g++;
take a snapshot of github.com/benfred/implicit, cythonize implicit/*.pyx and
implicit/cpu/*.pyx as C++ with upstream's flags (CMake Release: -O3 -DNDEBUG,
-std=c++17, -fopenmp) in place, and point the variable at a script that sets
PYTHONPATH to that folder and OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=1 before
exec /usr/bin/python3.

Usage: peer_implicit.py TRAIN CANDIDATES
TRAIN: "user item value" lines; CANDIDATES: "user target neg..." lines, the
leave-one-out fold bench_peers wrote. The settings of latentlab's line: 100
factors, 15 iterations, regularization 0.1 (not scaled by the row's count,
in both), alpha 1, conjugate gradient with 3 steps, one thread (and one
BLAS thread: implicit's Gram is a BLAS product). Prints fit_s and hr10.

The same model on both sides: latentlab's confidence is 1 + alpha r, while
implicit takes the matrix's values as the confidence itself (its alpha
only multiplies them), so the matrix holds 1 + alpha r and implicit's
alpha is 1. hr10 is counted as latentlab's metrics_loo counts it: the
target's rank is the number of its negatives scoring at least as high
(a tie goes against the target), a hit when that is below 10. The factors
start as each library starts them (implicit: uniform in [0, 0.01);
latentlab: normal, deviation 0.1), so the two HR@10 differ by about their
spread over seeds, which on ml-100k's 943 users is near 0.01."""
import sys
import time

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from implicit.cpu.als import AlternatingLeastSquares

ALPHA = 1.0


def main():
    train, cand = sys.argv[1:3]
    t = np.loadtxt(train, ndmin=2)
    users, items = t[:, 0].astype(np.int32), t[:, 1].astype(np.int32)
    conf = (1.0 + ALPHA * t[:, 2]).astype(np.float32)
    lines = [list(map(int, l.split())) for l in open(cand) if l.strip()]
    n_users = max(users.max(), max(l[0] for l in lines)) + 1
    n_items = max(items.max(), max(max(l[1:]) for l in lines)) + 1
    ui = sp.csr_matrix((conf, (users, items)), shape=(n_users, n_items))
    with threadpool_limits(limits=1):
        model = AlternatingLeastSquares(factors=100, iterations=15, regularization=0.1,
                                        alpha=1.0, use_cg=True, num_threads=1,
                                        random_state=1)
        model.cg_steps = 3  # not a constructor argument in 0.7
        t0 = time.perf_counter()
        model.fit(ui, show_progress=False)
        fit_s = time.perf_counter() - t0
    X, Y = np.asarray(model.user_factors), np.asarray(model.item_factors)
    hits = 0
    for l in lines:
        u, target = l[0], l[1]
        negs = [i for i in l[2:] if i != target]
        s_t = Y[target] @ X[u]
        s_n = Y[negs] @ X[u]
        hits += int((s_n >= s_t).sum() < 10)
    print("fit_s %.4f" % fit_s)
    print("hr10 %.4f" % (hits / len(lines)))


main()
