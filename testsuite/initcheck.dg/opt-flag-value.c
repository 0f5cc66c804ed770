/* A flag given a value: one error, not a silent "warn". */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-warn=yes" } */

int main(void) { return 0; }

/* { dg-error "initcheck: '-fplugin-arg-initcheck-warn' takes no value" "" { target *-*-* } 0 } */
