/* Only __init code here calls the helpers of boot-api.h.  */
#include <initcheck.h>
#include "boot-api.h"

int __init setup_early(void)
{
    return first_param() + (int)early_pgt(1) + map_always(2) + map_marked(3)
           + map_any(4) + map_hot(5);
}

/* __ref code vouches for its references while init lives: a helper it
   calls is latent, as in __init code.  */
int __ref setup_ref(void)
{
    return map_ref(6);
}
