#include <mpfr.h>
#include "NumbersCFloor.h"

void numbers_floor_chain(void *xp, void *zp, const void *yp, const void *wp, long iterations) {
    mpfr_ptr x = xp, z = zp;
    mpfr_srcptr y = yp, w = wp;
    mpfr_t t, u;
    mpfr_init2(t, mpfr_get_prec(x));
    mpfr_init2(u, mpfr_get_prec(x));
    for (long i = 0; i < iterations; i++) {
        mpfr_mul(t, x, y, MPFR_RNDN);
        mpfr_add(u, t, z, MPFR_RNDN);
        mpfr_log(t, u, MPFR_RNDN);
        mpfr_exp(u, t, MPFR_RNDN);
        mpfr_sqrt(x, u, MPFR_RNDN);
        mpfr_add(z, z, w, MPFR_RNDN);
    }
    mpfr_clear(t);
    mpfr_clear(u);
}
