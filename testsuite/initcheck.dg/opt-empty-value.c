/* An empty value is a missing value (manifest= would name no file). */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-manifest=" } */

int main(void) { return 0; }

/* { dg-error "initcheck: '-fplugin-arg-initcheck-manifest' needs a value: =FILE\\|DIR/" "" { target *-*-* } 0 } */
