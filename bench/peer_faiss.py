"""peer_faiss.py: FAISS's side of bench_peers and bench_ivf (run by the
interpreter named in $LATENTLAB_PEER_FAISS, e.g. /usr/bin/python3 with
Debian's python3-faiss).

Usage: peer_faiss.py VECTORS N D NQ NLIST ITERS TRAIN_PER_CELL
VECTORS holds N + NQ float32 rows of D (the catalogue, then the queries),
written by the bench. One thread, inner product, the same k-means work as
latentlab (ITERS iterations on TRAIN_PER_CELL * NLIST sampled points).
Prints, one "key value" a line:
  build_s, build_cpu    IndexIVFFlat train + add, wall and CPU seconds
  recall1               recall@10 at nprobe 1 against FAISS's own exact search
  exact_qps, exact_cpu  the NQ queries at once through IndexFlatIP (q/s wall,
                        CPU seconds)
  exact1_qps, exact1_cpu  exact search one query at a time (q/s wall, CPU
                        seconds; the first 50 queries at most)
  ivf1_qps, ivf1_cpu    the NQ queries at once through the index at nprobe 1
                        (q/s wall, CPU seconds)"""
import sys
import time

import faiss
import numpy as np


def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def main():
    path, n, d, nq, nlist, iters, per_cell = sys.argv[1:8]
    n, d, nq, nlist, iters, per_cell = map(int, (n, d, nq, nlist, iters, per_cell))
    faiss.omp_set_num_threads(1)
    allv = np.fromfile(path, dtype=np.float32).reshape(n + nq, d)
    x, q = allv[:n], allv[n:]
    flat = faiss.IndexFlatIP(d)
    flat.add(x)
    (_, exact), exact_s, exact_cpu = timed(lambda: flat.search(q, 10))
    n1 = min(nq, 50)
    _, one_s, one_cpu = timed(lambda: [flat.search(q[j:j + 1], 10) for j in range(n1)])

    def build():
        quant = faiss.IndexFlatIP(d)
        ix = faiss.IndexIVFFlat(quant, d, nlist, faiss.METRIC_INNER_PRODUCT)
        ix.cp.niter = iters
        ix.cp.max_points_per_centroid = per_cell
        ix.cp.seed = 1
        ix.train(x)
        ix.add(x)
        return ix, quant

    (ix, quant), build_s, build_cpu = timed(build)
    ix.nprobe = 1
    (_, got), ivf_s, ivf_cpu = timed(lambda: ix.search(q, 10))
    hits = sum(len(set(a) & set(b)) for a, b in zip(exact.tolist(), got.tolist()))
    print("build_s %.4f" % build_s)
    print("build_cpu %.4f" % build_cpu)
    print("recall1 %.4f" % (hits / (10.0 * nq)))
    print("exact_qps %.1f" % (nq / exact_s))
    print("exact_cpu %.4f" % exact_cpu)
    print("exact1_qps %.1f" % (n1 / one_s))
    print("exact1_cpu %.6f" % one_cpu)
    print("ivf1_qps %.1f" % (nq / ivf_s))
    print("ivf1_cpu %.6f" % ivf_cpu)


main()
