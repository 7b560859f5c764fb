"""peer_faiss.py: FAISS's side of bench_peers (run by the interpreter named
in $LATENTLAB_PEER_FAISS, e.g. /usr/bin/python3 with Debian's python3-faiss).

Usage: peer_faiss.py VECTORS N D NQ NLIST ITERS TRAIN_PER_CELL
VECTORS holds N + NQ float32 rows of D (the catalogue, then the queries),
written by bench_peers. One thread, inner product, the same k-means work as
latentlab (ITERS iterations on TRAIN_PER_CELL * NLIST sampled points).
Prints: build_s, recall1 (recall@10 at nprobe 1 against FAISS's own exact
search) and exact_qps (the NQ queries at once through IndexFlatIP)."""
import sys
import time

import faiss
import numpy as np


def main():
    path, n, d, nq, nlist, iters, per_cell = sys.argv[1:8]
    n, d, nq, nlist, iters, per_cell = map(int, (n, d, nq, nlist, iters, per_cell))
    faiss.omp_set_num_threads(1)
    allv = np.fromfile(path, dtype=np.float32).reshape(n + nq, d)
    x, q = allv[:n], allv[n:]
    flat = faiss.IndexFlatIP(d)
    flat.add(x)
    t0 = time.perf_counter()
    _, exact = flat.search(q, 10)
    exact_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    quant = faiss.IndexFlatIP(d)
    ix = faiss.IndexIVFFlat(quant, d, nlist, faiss.METRIC_INNER_PRODUCT)
    ix.cp.niter = iters
    ix.cp.max_points_per_centroid = per_cell
    ix.cp.seed = 1
    ix.train(x)
    ix.add(x)
    build_s = time.perf_counter() - t0
    ix.nprobe = 1
    _, got = ix.search(q, 10)
    hits = sum(len(set(a) & set(b)) for a, b in zip(exact.tolist(), got.tolist()))
    print("build_s %.4f" % build_s)
    print("recall1 %.4f" % (hits / (10.0 * nq)))
    print("exact_qps %.1f" % (nq / exact_s))


main()
