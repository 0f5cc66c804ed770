/* An unknown plugin argument is one clear error naming the accepted keys. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-frobnicate=1" } */

int main(void) { return 0; }

/* { dg-error "initcheck: unknown option '-fplugin-arg-initcheck-frobnicate'; accepted: disable, warn" "" { target *-*-* } 0 } */
