/* A bad value is one clear error naming the accepted values. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=linux" } */

int main(void) { return 0; }

/* { dg-error "initcheck: bad value 'linux' for '-fplugin-arg-initcheck-profile'; accepted: strict, kernel, xen" "" { target *-*-* } 0 } */
