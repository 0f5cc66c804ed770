/* A read of a const scalar with a constant initializer is that value: from
   -O1 the C front end puts the value in its place before any plugin sees the
   body (c_fully_fold), and at -O0 GCC folds the load the same way.  Judged
   the same at every -O: reading a __initconst int refers to nothing, and
   reading a const pointer refers, at the read, to what it points to.
   Found by bench/fuzz.sh (csmith seed 1: a finding at -O0 only). */
/* { dg-do compile } */
#include <initcheck.h>

static const int limit __initconst = 3;
static int boot_flag __initdata = 1;
static int *const flag_ptr = &boot_flag;	/* { dg-error "'flag_ptr' \\(section \[^)\]*\\) references __initdata variable 'boot_flag'" } */
int counter;

int get_limit(void)
{
	return limit + counter;			/* { dg-bogus "limit" "the value, not the variable" } */
}

int first(void)
{
	return *flag_ptr + 1;			/* { dg-error "'first' \\(section .text\\) references __initdata variable 'boot_flag'" } */
}

int *where(void)
{
	return (int *)&limit;			/* { dg-error "'where' \\(section .text\\) references __initconst variable 'limit'" } */
}

void bump(void)
{
	counter += limit;			/* { dg-bogus "limit" "the value, not the variable" } */
}
