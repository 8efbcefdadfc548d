#ifndef PARCOURS_CLIBICAL_SHIM_H
#define PARCOURS_CLIBICAL_SHIM_H

#include <libical/ical.h>

/// `icalerrno` is a macro over a pointer-returning function, which Swift cannot import.
static inline icalerrorenum parcours_ical_errno(void) {
    return *icalerrno_return();
}

#endif
