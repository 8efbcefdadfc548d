#ifndef PARCOURS_CLIBICAL_SHIM_H
#define PARCOURS_CLIBICAL_SHIM_H

// Everything ICalendar calls is a plain function; no variadic or macro-only API is used,
// so no static inline wrapper is needed yet (icalerrno, a macro, is read via icalerrno_return()).
#include <libical/ical.h>

#endif
