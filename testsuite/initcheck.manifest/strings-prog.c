/* Literals only init code uses, and the ones it must not move: a literal
   handed to a function that keeps it, and the texts runtime code uses
   too.  Prints the same with and without -fplugin-arg-initcheck-move-strings. */
#include <stdio.h>
#include <string.h>
#include <initcheck.h>

static const char *kept;

static void remember(const char *s)
{
	kept = s;
}

int __init boot(int argc, char **argv)
{
	printf("booting %s with %d args\n", "initcheck", argc);
	if (argc > 1 && strcmp(argv[1], "--magic") == 0)
		printf("magic %s\n", "word");
	printf("%s\n", "the same in main");
	remember("kept after boot");
	return argc;
}

int __ref main(int argc, char **argv)
{
	int r = boot(argc, argv);

	printf("%s\n", "the same in main");
	printf("%s %d\n", kept, r);
	return 0;
}
