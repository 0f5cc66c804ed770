/*
 * gcc-common.h - the GCC headers initcheck uses, in the order GCC needs them,
 * and the few shims that keep the plugin building against GCC 11 and 12.
 *
 * Every other file of the plugin includes this one and no GCC header itself,
 * as the kernel's scripts/gcc-plugins/gcc-common.h does.
 */
#ifndef INITCHECK_GCC_COMMON_H
#define INITCHECK_GCC_COMMON_H

#include "gcc-plugin.h"
#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "tm.h"
#include "tree.h"
#include "stringpool.h"
#include "attribs.h"
#include "cgraph.h"
#include "varasm.h"
#include "output.h"
#include "c-family/c-common.h"
#include "toplev.h"
#include "intl.h"
#include "diagnostic.h"
#include "gcc-rich-location.h"
#include "tree-iterator.h"
#include "langhooks.h"
#include "ggc.h"
#include "hash-set.h"

#include "bversion.h"
#include "c-family/c-pragma.h"	/* parse_in */
#include "cpplib.h"

#include <fnmatch.h>

#ifndef BUILDING_GCC_VERSION
#define BUILDING_GCC_VERSION (BUILDING_GCC_MAJOR * 1000 + BUILDING_GCC_MINOR)
#endif

/* Whether -Werror was given, and setting it: a public field of the
   diagnostic context up to GCC 13, behind accessors from GCC 14. */
#if BUILDING_GCC_VERSION >= 14000
#define ic_werror_requested() (global_dc->warning_as_error_requested_p())
#define ic_set_werror_requested(v) \
	(global_dc->set_warning_as_error_requested(v))
#else
#define ic_werror_requested() (global_dc->warning_as_error_requested)
#define ic_set_werror_requested(v) \
	(global_dc->warning_as_error_requested = (v))
#endif

#endif /* INITCHECK_GCC_COMMON_H */
