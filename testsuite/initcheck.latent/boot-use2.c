/* A second unit that includes the header and calls the helper from
   __init code: the finding is still reported once.  */
#include <initcheck.h>
#include "boot-api.h"

int __init setup_late(void)
{
    return map_early(5);
}
