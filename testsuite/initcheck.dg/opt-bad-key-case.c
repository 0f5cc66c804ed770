/* Keys are case-sensitive, and every bad argument is reported, not only
   the first. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-Warn -fplugin-arg-initcheck-ignore=init-from-txt" } */

int main(void) { return 0; }

/* { dg-error "initcheck: unknown option '-fplugin-arg-initcheck-Warn'; accepted: disable, warn, error=..., warning=..., ignore=..., profile=..., kernel=..., sarif=..., manifest=..." "" { target *-*-* } 0 } */
/* { dg-error "unknown rule 'init-from-txt' in '-fplugin-arg-initcheck-ignore=init-from-txt'" "" { target *-*-* } 0 } */
