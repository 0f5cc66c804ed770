/* A key that needs a value, given none: one error naming what it takes. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-error" } */

int main(void) { return 0; }

/* { dg-error "initcheck: '-fplugin-arg-initcheck-error' needs a value: =RULE\\\[,RULE\\\] make these rules errors" "" { target *-*-* } 0 } */
