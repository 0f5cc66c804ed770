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

#include <fnmatch.h>

#endif /* INITCHECK_GCC_COMMON_H */
