/* mf_kernels.h: the inner loops of SGD matrix factorization (dot product and
 * the paired p/q update), in AVX2+FMA when the CPU has it, else portable C.
 *
 * The variant is chosen once per process (mf_kernels_select); both are
 * deterministic, so the same seed gives the same factors on a given machine.
 * They differ from each other in the last bits (a different summation
 * order), which is why tests compare across variants with a tolerance. */
#ifndef LL_MF_KERNELS_H
#define LL_MF_KERNELS_H

enum { MF_KERNEL_AUTO = -1, MF_KERNEL_SCALAR = 0, MF_KERNEL_AVX2 = 1 };

/* Choose a variant (MF_KERNEL_AUTO: the best the CPU supports). Returns the
 * one in use; asking for AVX2 on a CPU without it gives the scalar one. */
int mf_kernels_select(int which);
const char *mf_kernels_name(void);

float mf_dot(const float *a, const float *b, int k);

/* One SGD step on a rating with error e, both vectors from their old values
 * (the "simultaneous" update, as Surprise and LibMF do):
 *   p += lr * (e * q - reg * p);  q += lr * (e * p_old - reg * q). */
void mf_update_pq(float *p, float *q, int k, float lr, float e, float reg);

#endif
