/* initcheck-cc -p: NAME must arrive as the string "a b" (a compile
   database's command split as a shell splits it, quotes removed). */
_Static_assert(sizeof(NAME) == 4, "NAME is \"a b\"");
int quoted;
