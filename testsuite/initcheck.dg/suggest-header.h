/* A header's static function: every unit that includes it has a copy, and
   another unit may call it after boot. */
static int header_helper(int x) { return x + 2; }
