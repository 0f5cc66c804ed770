/*
 * files.c - the files the plugin writes besides the object (a JSON side
 * manifest, a SARIF log): written to a temporary file in the same directory,
 * named for this process, then renamed, so a parallel build never reads
 * half a file and two compiles never share a temporary.  A file that cannot
 * be written is a compile error: the build must not claim what is missing.
 */
#include "initcheck.h"

/* Write TEXT and a newline to PATH; WHAT names the file in the error. */
bool ic_write_file(const char *path, const char *text, const char *what)
{
	struct stat st;
	/* Something that exists and is not a regular file (/dev/null,
	   /dev/stdout, a FIFO, /dev/full) is written in place: renaming a
	   temporary over it would replace the device node itself, and /dev
	   is writable to root.  /dev/full then fails at fclose, ENOSPC. */
	bool in_place = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
	char *tmp = in_place ? xstrdup(path)
			     : xasprintf("%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	bool ok = f && fputs(text, f) >= 0 && fputc('\n', f) != EOF;

	if (f && fclose(f) != 0)
		ok = false;
	if (ok && !in_place && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		/* No source line is to blame: the driver-level form. */
		error_at(UNKNOWN_LOCATION, "%s: cannot write %s %qs: %m",
			 IC_NAME, what, path);
		if (!in_place)
			unlink(tmp);
	}
	free(tmp);
	return ok;
}
