/* An unknown rule name is an error naming the rules. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-ignore=no-such-rule" } */

int main(void) { return 0; }

/* { dg-error "unknown rule 'no-such-rule' in '-fplugin-arg-initcheck-ignore=no-such-rule'; rules are: all, init-from-text" "" { target *-*-* } 0 } */
