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
#include "c-family/c-pragma.h"
#include "toplev.h"
#include "intl.h"
#include "diagnostic.h"
#include "gcc-rich-location.h"
#include "tree-iterator.h"
#include "langhooks.h"
#include "ggc.h"
#include "hash-set.h"

#include <fnmatch.h>

/*
 * Whether macro NAME is defined in the unit being parsed.  The C family's
 * preprocessor, parse_in, exists in cc1, cc1plus and cc1obj only; lto1,
 * which loads the plugin too on an -flto link, has no such symbol, so it
 * is referred to weakly and is NULL there.
 */
#pragma weak parse_in
static inline bool ic_macro_defined(const char *name)
{
	return &parse_in && parse_in
	       && cpp_defined(parse_in, (const unsigned char *)name,
			      strlen(name));
}

#endif /* INITCHECK_GCC_COMMON_H */
