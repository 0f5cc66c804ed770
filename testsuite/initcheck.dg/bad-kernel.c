/* An unknown kernel version: one error naming the accepted ones. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-kernel=6.6" } */

int main(void) { return 0; }

/* { dg-error "initcheck: bad value '6.6' for '-fplugin-arg-initcheck-kernel'; accepted: 6.1, 6.12" "" { target *-*-* } 0 } */
