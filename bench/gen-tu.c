/*
 * gen-tu.c - a C translation unit of N functions for the compile-time
 * benchmark: init and normal functions that call each other, init and
 * normal data, ops tables and function-local statics, so every part of the
 * plugin (walk, judge, manifest) has work proportional to N.  No findings:
 * the benchmark measures the cost of checking clean code.
 *
 *   gen-tu N > unit.c
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000, i;

	if (n < 2) {
		fprintf(stderr, "usage: gen-tu N (N >= 2)\n");
		return 2;
	}
	puts("#include <initcheck.h>");
	puts("struct ops { int (*fn)(int); const int *data; };");
	puts("extern int ext_call(int);");
	for (i = 0; i < n; i++) {
		if (i % 4 == 0) {
			printf("static int table%ld[8] __initdata = { %ld, 1, 2 };\n", i, i);
			printf("int __init f%ld(int x)\n{\n", i);
			printf("\tint s = table%ld[x & 7] + ext_call(x);\n", i);
			if (i >= 4)
				printf("\ts += f%ld(x + 1) + g%ld(s);\n", i - 4, i - 3);
			puts("\treturn s;\n}");
		} else {
			printf("static const int data%ld[4] = { %ld, 3, 5, 7 };\n", i, i);
			printf("int g%ld(int x)\n{\n", i);
			printf("\tstatic int calls;\n");
			printf("\tint s = data%ld[x & 3] + ++calls;\n", i);
			if (i % 4 > 1)
				printf("\ts += g%ld(s) * (x > 3 ? x : 1);\n", i - 1);
			puts("\treturn s + ext_call(s);\n}");
			printf("const struct ops ops%ld = { g%ld, data%ld };\n", i, i, i);
		}
	}
	return 0;
}
