/* An empty name in a rule list ("init-from-text,,init-from-data", a
   trailing comma) is a typo to report, not a name to skip in silence. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-warning=init-from-text,,init-from-data" } */

int main(void) { return 0; }

/* { dg-error "initcheck: empty rule name in '-fplugin-arg-initcheck-warning=init-from-text,,init-from-data'; rules are: all, init-from-text" "" { target *-*-* } 0 } */
