#ifndef NUMBERS_C_FLOOR_H
#define NUMBERS_C_FLOOR_H

/* The benchmark chain in plain C over MPFR, the floor the Swift wrapper is measured against:
   `iterations` times  x = sqrt(exp(log(x*y + z))); z = z + w,  all rounded to nearest at x's precision.
   Arguments are mpfr_t pointers (passed untyped so that Swift need not unify two imports of mpfr.h);
   x and z are updated in place, temporaries are allocated once. */
void numbers_floor_chain(void *x, void *z, const void *y, const void *w, long iterations);

#endif
