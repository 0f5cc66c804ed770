/*
 * initcheck-cc - initcheck as a checker: one compile under -fsyntax-only
 * with the plugin (what Kbuild runs as CHECK), or every C unit of a
 * compile_commands.json in parallel.
 *
 *   make C=2 CHECK=initcheck-cc [CF=-fplugin-arg-initcheck-...]
 *   initcheck-cc [OPTIONS] COMPILER-ARGS... FILE.c
 *   initcheck-cc -p BUILD_DIR [-j N] [--sarif FILE] [OPTIONS] [FILE...]
 *
 * Kbuild runs "$(CHECK) $(CHECKFLAGS) $(c_flags) $<" (scripts/Makefile.build,
 * Linux 6.1 and 6.12 alike).  CHECKFLAGS are sparse's: everything before
 * c_flags' first word (-Wp,-MMD,...) is dropped except -D/-U/-I and
 * initcheck's own -fplugin-arg-initcheck-* (from CF=); -D__STDC__, which GCC
 * warns about redefining, goes too.  A kernel unit (-D__KERNEL__) gets
 * -fplugin-arg-initcheck-profile=kernel unless a profile= is given.  The compiler is $INITCHECK_CC, else
 * $CC (Kbuild exports it), else gcc; the plugin --plugin=PATH, else
 * $INITCHECK_PLUGIN, else what an -fplugin= naming initcheck on the command
 * line loads, else "initcheck" (GCC's plugin directory, where make install
 * puts it).  The compiler replaces this process (exec): its diagnostics are
 * GCC's, and its exit status is ours, which is what Kbuild acts on.
 *
 * With -p, each entry's "arguments" (or its "command", split as a POSIX
 * shell splits words -- quotes and backslashes -- with no expansion of any
 * kind, and refused if it holds an unquoted operator such as ; | & > `)
 * runs under -fsyntax-only with its outputs (-c, -o, -M*) taken out, at
 * most N at a time, each unit's output printed whole when it ends.  Each
 * unit also writes its manifest to a side file; initcheck-report then
 * joins them for the references across units.  Exit status: 0 when every
 * unit was checked and no finding is an error; 1 when some finding is an
 * error; 2 when some unit could not be checked or for a usage error.
 *
 * No shell is run anywhere: compilers are started with posix_spawnp.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef INITCHECK_PLUGIN
#define INITCHECK_PLUGIN "initcheck"
#endif
#ifndef INITCHECK_VERSION
#define INITCHECK_VERSION "0.1"
#endif

extern char **environ;

static const char *prog = "initcheck-cc";
static const char *sarif_out;		/* --sarif */

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("out of memory");
	return s;
}

/* A growable NULL-terminated argument vector. */
struct argv {
	char **v;
	size_t n, alloc;
};

static void av_push(struct argv *a, const char *s)
{
	if (a->n + 2 > a->alloc) {
		a->alloc = a->alloc ? 2 * a->alloc : 32;
		a->v = xrealloc(a->v, a->alloc * sizeof(*a->v));
	}
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

static void av_free(struct argv *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = a->alloc = 0;
}

/*
 * Split S into words as a POSIX shell does before expansion: blanks
 * separate words, '...' is literal, "..." is literal except for \ before
 * $ ` " \ and newline, and \ outside quotes takes the next character as
 * it is.  Nothing is expanded ($VAR, ~, *, $(...) stay as written: a
 * compile database's command is a recorded argument vector, and clang's
 * tools read it the same way).  wordexp(3) is not used: even with
 * WRDE_NOCMD it expands variables, ~ and globs, so the result would
 * depend on this process's environment and the current directory.  An
 * unquoted ; | & < > ( ) or ` means a shell pipeline, not one command:
 * refused (false, *err says why).
 */
static bool split_command(const char *s, struct argv *out, const char **err)
{
	size_t cap = strlen(s) + 1, n = 0;
	char *w = xmalloc(cap);
	bool in_word = false;

	for (; *s; s++) {
		char c = *s;

		if (c == ' ' || c == '\t' || c == '\n') {
			if (in_word) {
				w[n] = '\0';
				av_push(out, w);
				n = 0;
				in_word = false;
			}
			continue;
		}
		in_word = true;
		if (c == '\\') {
			if (s[1] == '\n') {
				s++;
				continue;
			}
			if (s[1])
				w[n++] = *++s;
		} else if (c == '\'') {
			for (s++; *s && *s != '\''; s++)
				w[n++] = *s;
			if (!*s) {
				*err = "unterminated '";
				goto fail;
			}
		} else if (c == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1] && strchr("$`\"\\\n", s[1])) {
					if (s[1] != '\n')
						w[n++] = s[1];
					s++;
				} else {
					w[n++] = *s;
				}
			}
			if (!*s) {
				*err = "unterminated \"";
				goto fail;
			}
		} else if (strchr(";|&<>()`", c)) {
			*err = "a shell operator outside quotes (not one command)";
			goto fail;
		} else {
			w[n++] = c;
		}
	}
	if (in_word) {
		w[n] = '\0';
		av_push(out, w);
	}
	free(w);
	if (!out->n) {
		*err = "empty command";
		return false;
	}
	return true;
fail:
	free(w);
	return false;
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* -fplugin=P where P is initcheck: "initcheck", ".../initcheck.so". */
static bool is_our_plugin(const char *arg)
{
	const char *p, *base;

	if (!starts(arg, "-fplugin="))
		return false;
	p = arg + strlen("-fplugin=");
	base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
	return !strcmp(base, "initcheck") || !strcmp(base, "initcheck.so");
}

/* Options of sparse that GCC rejects or misreads, wherever they are. */
static bool is_sparse_only(const char *a)
{
	static const char *const exact[] = {
		"-Wbitwise", "-Wno-bitwise", "-Wno-return-void",
		"-Wreturn-void", "-Wno-unknown-attribute",
		"-Wunknown-attribute", "-Wcast-to-as", "-Wno-cast-to-as",
		"-Wcontext", "-Wno-context", "-Wdecl", "-Wno-decl",
		"-Wptr-subtraction-blows", "-Wtypesign", "-Wno-typesign",
		"-Wnon-pointer-null", "-Wno-non-pointer-null",
		"-Wdefault-bitfield-sign", "-Wone-bit-signed-bitfield",
		"-Wenum-mismatch", "-Wno-enum-mismatch", "-Wdo-while",
		"-Wsparse-all", "-Wsparse-error", "-Wno-sparse-error",
		"-D__CHECKER__", "-D__CHECK_ENDIAN__",
	};
	size_t i;

	if (starts(a, "--arch=") || starts(a, "--os=")
	    || starts(a, "-Wsparse-") || starts(a, "-Wno-sparse-")
	    || starts(a, "-fmemcpy-max-count=") || starts(a, "-fdump-ir"))
		return true;
	for (i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (!strcmp(a, exact[i]))
			return true;
	return false;
}

/* What the checker decides for every compile. */
static const char *opt_plugin;		/* --plugin, $INITCHECK_PLUGIN */
static struct argv opt_cc;		/* --cc, $INITCHECK_CC, $CC */
static struct argv opt_plugin_args;	/* -fplugin-arg-initcheck-* given to us */

/* Options that say where the compile's outputs go: none under
   -fsyntax-only.  The number of words option A takes out (itself, and
   its value when that is the next word), 0 if it is no such option. */
static size_t output_option(const char *a)
{
	if (!strcmp(a, "-c") || !strcmp(a, "-S") || !strcmp(a, "-E")
	    || !strcmp(a, "-MD") || !strcmp(a, "-MMD")
	    || !strcmp(a, "-MP") || !strcmp(a, "-M") || !strcmp(a, "-MM")
	    || starts(a, "-Wp,-MD,") || starts(a, "-Wp,-MMD,")
	    || !strcmp(a, "-pipe") || !strcmp(a, "-save-temps")
	    || starts(a, "-save-temps="))
		return 1;
	if (!strcmp(a, "-o") || !strcmp(a, "-MF") || !strcmp(a, "-MT")
	    || !strcmp(a, "-MQ"))
		return 2;
	if ((starts(a, "-o") || starts(a, "-MF") || starts(a, "-MT")
	     || starts(a, "-MQ")) && strlen(a) > 2)
		return 1;
	return 0;
}

/* Where Kbuild's c_flags begin in ARGS: with -Wp,-MMD,$(depfile)
   (scripts/Makefile.lib); what comes before them is $(CHECKFLAGS).  0
   when they are not there. */
static size_t kbuild_cflags(char **args, size_t nargs)
{
	size_t i;

	for (i = 0; i < nargs; i++)
		if (starts(args[i], "-Wp,-MMD,") || starts(args[i], "-Wp,-MD,"))
			return i;
	return 0;
}

/* The words of a compile, sorted: the initcheck plugin it loads (its
   -fplugin= path), the plugin's arguments, and the rest it keeps. */
struct compile_words {
	const char *plugin;
	struct argv pargs, rest;
};

/* ARGS from FIRST, into W: outputs taken out, sparse's options dropped,
   and of $(CHECKFLAGS) (before CFLAGS, KBUILD only) the defines only
   (-D__STDC__ makes GCC warn that it redefines a built-in macro). */
static void sort_words(struct compile_words *w, char **args, size_t nargs,
		       size_t first, size_t cflags, bool kbuild)
{
	size_t i, skip;

	for (i = first; i < nargs; i++) {
		const char *a = args[i];

		if (is_our_plugin(a))
			w->plugin = a + strlen("-fplugin=");
		else if (starts(a, "-fplugin-arg-initcheck-"))
			av_push(&w->pargs, a);
		else if (is_sparse_only(a))
			continue;
		else if (kbuild && i < cflags) {
			if ((starts(a, "-D") || starts(a, "-U") || starts(a, "-I"))
			    && !starts(a, "-D__STDC__"))
				av_push(&w->rest, a);
		} else if ((skip = output_option(a)))
			i += skip - 1;
		else
			av_push(&w->rest, a);
	}
}

/* A compiler launcher in front of the entry's compiler: ccache gcc ... */
static bool launcher(char **args, size_t nargs)
{
	const char *cc = args[0];
	const char *base = strrchr(cc, '/') ? strrchr(cc, '/') + 1 : cc;

	return (!strcmp(base, "ccache") || !strcmp(base, "sccache")
		|| !strcmp(base, "distcc") || !strcmp(base, "icecc"))
	       && nargs > 1 && args[1][0] != '-';
}

/* A kernel unit: Kbuild's c_flags (from CFLAGS) define __KERNEL__. */
static bool kernel_unit(char **args, size_t nargs, size_t cflags)
{
	size_t i;

	for (i = cflags; i < nargs; i++)
		if (!strcmp(args[i], "-D__KERNEL__"))
			return true;
	return false;
}

/*
 * The compile to run for ARGS (ARGS[0] is the compiler of the database
 * entry, or NULL in Kbuild mode where every word is an option or the
 * file), with the plugin loaded first, its arguments right after it, the
 * outputs taken out and -fsyntax-only added.  EXTRA: plugin arguments the
 * checker adds last (so they win: a later one overrides an earlier one).
 */
static void build_compile(struct argv *out, char **args, size_t nargs,
			  bool kbuild, const struct argv *extra)
{
	struct compile_words w = { NULL, { 0 }, { 0 } };
	size_t i, cflags = kbuild ? kbuild_cflags(args, nargs) : 0;
	char *p;

	/* A launcher in front shifts the options by one. */
	if (!opt_cc.n && launcher(args, nargs)) {
		build_compile(out, args + 1, nargs - 1, false, extra);
		return;
	}
	sort_words(&w, args, nargs, kbuild ? 0 : 1, cflags, kbuild);
	for (i = 0; i < opt_cc.n; i++)
		av_push(out, opt_cc.v[i]);
	if (!opt_cc.n)
		av_push(out, args[0]);
	p = xasprintf("-fplugin=%s", opt_plugin ? opt_plugin
		      : w.plugin ? w.plugin : INITCHECK_PLUGIN);
	av_push(out, p);
	free(p);
	/* A kernel unit is judged by the kernel profile unless a profile=
	   says otherwise (it comes after, and a later option wins). */
	if (kbuild && kernel_unit(args, nargs, cflags))
		av_push(out, "-fplugin-arg-initcheck-profile=kernel");
	for (i = 0; i < w.pargs.n; i++)
		av_push(out, w.pargs.v[i]);
	for (i = 0; i < opt_plugin_args.n; i++)
		av_push(out, opt_plugin_args.v[i]);
	for (i = 0; extra && i < extra->n; i++)
		av_push(out, extra->v[i]);
	for (i = 0; i < w.rest.n; i++)
		av_push(out, w.rest.v[i]);
	av_push(out, "-fsyntax-only");
	av_free(&w.rest);
	av_free(&w.pargs);
}

/* ---- compile database mode ---- */

struct unit {
	char *dir, *file;	/* "directory", "file" (absolute when known) */
	struct argv args;	/* the compile to run */
	pid_t pid;
	FILE *log;		/* the child's stdout and stderr */
	char *sarif, *manifest;
	int status;		/* 0 ok, 1 findings that are errors, 2 failed */
	unsigned errors, warnings;
};

static struct unit *units;
static size_t nunits;
static bool show_progress;
static unsigned done_units;

static bool is_c_file(const char *f)
{
	size_t n = strlen(f);

	return (n > 2 && !strcmp(f + n - 2, ".c"))
	       || (n > 2 && !strcmp(f + n - 2, ".i"));
}

static char *absolute(const char *dir, const char *path)
{
	if (path[0] == '/' || !dir || !dir[0])
		return xstrdup(path);
	return xasprintf("%s/%s", dir, path);
}

/* FILE arguments after -p: an entry is checked when its file is one of
   them (as given, or resolved against the current directory), ends with
   "/NAME", or is below a directory NAME. */
static bool wanted(const char *file, char **names, int nnames)
{
	int i;

	if (!nnames)
		return true;
	for (i = 0; i < nnames; i++) {
		size_t fl = strlen(file), nl = strlen(names[i]);
		char *real = realpath(names[i], NULL);
		struct stat st;
		bool hit = !strcmp(file, names[i])
			   || (real && !strcmp(real, file))
			   || (fl > nl && file[fl - nl - 1] == '/'
			       && !strcmp(file + fl - nl, names[i]))
			   /* A directory: every unit below it. */
			   || (real && stat(real, &st) == 0 && S_ISDIR(st.st_mode)
			       && !strncmp(file, real, strlen(real))
			       && file[strlen(real)] == '/');

		free(real);
		if (hit)
			return true;
	}
	return false;
}

/* The words of entry I of database PATH (E, for FILE), from its
   "arguments" or else its "command", into WORDS; false (an error said)
   if they cannot be had. */
static bool entry_words(json_t *e, struct argv *words, const char *path,
			size_t i, const char *file)
{
	json_t *arguments = json_object_get(e, "arguments"), *a;
	const char *why = NULL;
	size_t k;

	if (!json_is_array(arguments)) {
		if (split_command(json_string_value(json_object_get(e, "command")),
				  words, &why))
			return true;
		fprintf(stderr, "%s: %s: entry %zu (%s): command not run: %s\n",
			prog, path, i, file, why);
		return false;
	}
	json_array_foreach(arguments, k, a) {
		if (!json_is_string(a))
			break;
		av_push(words, json_string_value(a));
	}
	if (k == json_array_size(arguments) && words->n)
		return true;
	fprintf(stderr, "%s: %s: entry %zu (%s): \"arguments\" is not an "
		"array of strings; skipped\n", prog, path, i, file);
	return false;
}

static void load_database(const char *path, char **names, int nnames,
			  size_t *skipped, size_t *bad)
{
	json_error_t jerr;
	json_t *db = json_load_file(path, 0, &jerr), *e;
	size_t i;

	if (!db)
		die("%s:%d: %s", path, jerr.line, jerr.text);
	if (!json_is_array(db))
		die("%s: not a compile database (a JSON array of entries)", path);
	units = xmalloc((json_array_size(db) + 1) * sizeof(*units));
	json_array_foreach(db, i, e) {
		const char *dir = json_string_value(json_object_get(e, "directory"));
		const char *file = json_string_value(json_object_get(e, "file"));
		const char *cmd = json_string_value(json_object_get(e, "command"));
		json_t *arguments = json_object_get(e, "arguments");
		struct argv words = { 0 };
		struct unit *u;
		char *abs;

		if (!dir || !file || (!cmd && !json_is_array(arguments))) {
			fprintf(stderr, "%s: %s: entry %zu: no directory, file and "
				"command or arguments; skipped\n", prog, path, i);
			(*bad)++;
			continue;
		}
		abs = absolute(dir, file);
		if (!is_c_file(file) || !wanted(abs, names, nnames)) {
			if (!nnames)
				(*skipped)++;
			free(abs);
			continue;
		}
		if (!entry_words(e, &words, path, i, file)) {
			av_free(&words);
			free(abs);
			(*bad)++;
			continue;
		}
		u = &units[nunits++];
		memset(u, 0, sizeof(*u));
		u->dir = xstrdup(dir);
		u->file = abs;
		u->args = words;
	}
	json_decref(db);
}

static void progress(const struct unit *u)
{
	if (!show_progress)
		return;
	fprintf(stderr, "\r\033[K[%u/%zu] %s", done_units, nunits,
		u ? u->file : "");
	fflush(stderr);
}

static void clear_progress(void)
{
	if (show_progress) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}

static bool start_unit(struct unit *u, const struct argv *extra)
{
	posix_spawn_file_actions_t fa;
	struct argv run = { 0 };
	int fd, rc;

	build_compile(&run, u->args.v, u->args.n, false, extra);
	av_free(&u->args);
	u->args = run;
	u->log = tmpfile();
	if (!u->log)
		die("temporary file: %s", strerror(errno));
	fd = fileno(u->log);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd, 1);
	posix_spawn_file_actions_adddup2(&fa, fd, 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	/* The entry's directory: relative paths in it are relative to it.
	   posix_spawn has no chdir before glibc 2.29's _np; change ours
	   around the spawn (one thread). */
	{
		int here = open(".", O_RDONLY | O_DIRECTORY);

		if (here < 0 || chdir(u->dir)) {
			fprintf(u->log, "%s: %s: %s\n", prog, u->dir,
				strerror(errno));
			if (here >= 0)
				close(here);
			posix_spawn_file_actions_destroy(&fa);
			u->pid = 0;
			u->status = 2;
			return false;
		}
		rc = posix_spawnp(&u->pid, run.v[0], &fa, NULL, run.v, environ);
		if (fchdir(here))
			die("cannot return to the working directory");
		close(here);
	}
	posix_spawn_file_actions_destroy(&fa);
	if (rc) {
		fprintf(u->log, "%s: cannot run '%s': %s\n", prog, run.v[0],
			strerror(rc));
		u->pid = 0;
		u->status = 2;
		return false;
	}
	return true;
}

/* "FILE:LINE:RULE" of every finding the units printed: the cross-unit
   check must not report one of them again (a unit that declares the
   symbol __init itself has judged the reference already). */
static char **found;
static size_t nfound;

static bool was_found(const char *key)
{
	size_t i;

	for (i = 0; i < nfound; i++)
		if (!strcmp(found[i], key))
			return true;
	return false;
}

/* LINE without the colours -fdiagnostics-color=always adds (ESC [ ... m). */
static void strip_colours(char *line)
{
	char *r = line, *w = line;

	while (*r) {
		if (r[0] == '\033' && r[1] == '[') {
			r += 2;
			while (*r && *r != 'm' && *r != 'K')
				r++;
			if (*r)
				r++;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}

static void note_finding(const char *line, const char *kind)
{
	const char *end = strstr(line, kind), *rule = strstr(line, "[initcheck:");
	const char *colon;
	size_t n;

	if (!end || !rule)
		return;
	/* FILE:LINE:COL before ": error: "; keep FILE:LINE. */
	for (colon = end - 1; colon > line && *colon != ':'; colon--)
		;
	if (colon <= line)
		return;
	n = (size_t)(colon - line);
	rule += strlen("[initcheck:");
	found = xrealloc(found, (nfound + 1) * sizeof(*found));
	found[nfound++] = xasprintf("%.*s:%.*s", (int)n, line,
				    (int)strcspn(rule, "]"), rule);
}

/* Print the unit's output whole and count its findings. */
static void finish_unit(struct unit *u, int wstatus)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	bool other_error = false;

	done_units++;
	clear_progress();
	fflush(u->log);
	rewind(u->log);
	while ((len = getline(&line, &cap, u->log)) > 0) {
		bool ours;

		fwrite(line, 1, (size_t)len, stderr);
		strip_colours(line);
		ours = strstr(line, "[initcheck:") != NULL;
		if (strstr(line, ": error: ")) {
			if (ours) {
				u->errors++;
				note_finding(line, ": error: ");
			} else {
				other_error = true;
			}
		} else if (ours && strstr(line, ": warning: ")) {
			u->warnings++;
			note_finding(line, ": warning: ");
		}
	}
	free(line);
	fclose(u->log);
	u->log = NULL;
	if (u->status != 2) {
		if (!WIFEXITED(wstatus) || (WEXITSTATUS(wstatus) && (other_error
					     || !u->errors)))
			u->status = 2;
		else
			u->status = u->errors ? 1 : 0;
	}
	if (u->status == 2 && WIFSIGNALED(wstatus))
		fprintf(stderr, "%s: %s: the compiler died of signal %d\n",
			prog, u->file, WTERMSIG(wstatus));
	progress(u);
}

static void run_all(unsigned jobs, const struct argv *extra_of(size_t))
{
	size_t next = 0, running = 0, i;

	while (next < nunits || running) {
		while (next < nunits && running < jobs) {
			struct unit *u = &units[next++];

			if (start_unit(u, extra_of(u - units)))
				running++;
			else
				finish_unit(u, 0);
		}
		if (running) {
			int st;
			pid_t pid = wait(&st);

			if (pid < 0) {
				if (errno == EINTR)
					continue;
				die("wait: %s", strerror(errno));
			}
			for (i = 0; i < next; i++)
				if (units[i].pid == pid) {
					units[i].pid = 0;
					finish_unit(&units[i], st);
					running--;
					break;
				}
		}
	}
}

static char *tmpdir;

static const struct argv *unit_extra(size_t i)
{
	static struct argv a;
	char *s;

	av_free(&a);
	units[i].manifest = xasprintf("%s/%zu.initcheck.json", tmpdir, i);
	s = xasprintf("-fplugin-arg-initcheck-manifest=%s", units[i].manifest);
	av_push(&a, s);
	free(s);
	if (sarif_out) {
		units[i].sarif = xasprintf("%s/%zu.sarif", tmpdir, i);
		s = xasprintf("-fplugin-arg-initcheck-sarif=%s", units[i].sarif);
		av_push(&a, s);
		free(s);
	}
	return &a;
}

/* A result's key, to keep each finding once: a header's finding is
   reported by every unit that includes it. */
static char *result_key(json_t *r)
{
	char *s = json_dumps(r, JSON_SORT_KEYS | JSON_COMPACT);

	if (!s)
		die("out of memory");
	return s;
}

/* Relative artifact URIs are relative to the unit's directory. */
static void absolute_uris(json_t *v, const char *dir)
{
	const char *k;
	json_t *x;
	size_t i;

	if (json_is_object(v)) {
		json_t *uri = json_object_get(v, "uri");

		if (json_is_string(uri) && json_string_value(uri)[0] != '/'
		    && !strstr(json_string_value(uri), "://")) {
			char *a = absolute(dir, json_string_value(uri));

			json_object_set_new(v, "uri", json_string(a));
			free(a);
		}
		json_object_foreach(v, k, x)
			absolute_uris(x, dir);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			absolute_uris(x, dir);
	}
}

static bool seen_key(char ***keys, size_t *n, char *key)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*keys)[i], key)) {
			free(key);
			return true;
		}
	*keys = xrealloc(*keys, (*n + 1) * sizeof(**keys));
	(*keys)[(*n)++] = key;
	return false;
}

/* Every unit's results into RESULTS, each once (KEYS: those in it); the
   log and run of the first unit that wrote one into *LOG and *RUN. */
static void merge_unit_logs(json_t *results, char ***keys, size_t *nkeys,
			    json_t **log, json_t **run)
{
	json_t *r;
	size_t i, k;

	for (i = 0; i < nunits; i++) {
		json_t *one, *runs, *rs;

		if (!units[i].sarif)
			continue;
		one = json_load_file(units[i].sarif, 0, NULL);
		if (!one)
			continue;
		runs = json_object_get(one, "runs");
		if (!*log && json_array_size(runs)) {
			*log = json_deep_copy(one);
			*run = json_incref(json_array_get(
				json_object_get(*log, "runs"), 0));
			json_array_clear(json_object_get(*log, "runs"));
		}
		rs = json_object_get(json_array_get(runs, 0), "results");
		json_array_foreach(rs, k, r) {
			absolute_uris(r, units[i].dir);
			if (!seen_key(keys, nkeys, result_key(r)))
				json_array_append(results, r);
		}
		json_decref(one);
	}
}

/* One cross-unit finding R (initcheck-report's JSON) as a SARIF result. */
static json_t *cross_result(json_t *r)
{
	const char *file = json_string_value(json_object_get(r, "file"));
	char *msg = xasprintf("'%s' refers to '%s', which %s defines in "
		"section %s (found across units)",
		json_string_value(json_object_get(r, "from")),
		json_string_value(json_object_get(r, "symbol")),
		json_string_value(json_object_get(r, "defined_in")),
		json_string_value(json_object_get(r, "section")));
	json_t *res = json_pack(
		"{s:s, s:s, s:{s:s}, s:[{s:{s:{s:s}, s:{s:I}}}],"
		" s:[{s:{s:{s:s}, s:{s:I}}, s:{s:s}}]}",
		"ruleId", json_string_value(json_object_get(r, "rule")),
		"level", json_string_value(json_object_get(r, "severity")),
		"message", "text", msg,
		"locations", "physicalLocation", "artifactLocation",
		"uri", file ? file : "", "region", "startLine",
		json_integer_value(json_object_get(r, "line")),
		"relatedLocations", "physicalLocation",
		"artifactLocation", "uri",
		json_string_value(json_object_get(r, "defined_in")),
		"region", "startLine",
		json_integer_value(json_object_get(r, "defined_line")),
		"message", "text", "defined here");

	free(msg);
	return res;
}

/* One SARIF log: one run of initcheck, every unit's results once, and the
   cross-unit findings (CROSS, initcheck-report's "cross_unit"). */
static bool write_sarif(const char *path, json_t *cross)
{
	json_t *log = NULL, *run = NULL, *results = json_array(), *r;
	char **keys = NULL;
	size_t nkeys = 0, i;
	const char *common;
	bool ok;

	merge_unit_logs(results, &keys, &nkeys, &log, &run);
	if (!log) {
		log = json_pack("{s:s, s:s, s:[]}", "$schema",
				"https://json.schemastore.org/sarif-2.1.0.json",
				"version", "2.1.0", "runs");
		run = json_pack("{s:{s:{s:s}}}", "tool", "driver", "name",
				"initcheck");
	}
	/* The report names files as the compiles did: relative ones are
	   relative to the directory of the database's entries when they
	   all have one. */
	for (i = 1; i < nunits; i++)
		if (strcmp(units[i].dir, units[0].dir))
			break;
	common = i == nunits && nunits ? units[0].dir : NULL;
	json_array_foreach(cross, i, r) {
		json_t *res = cross_result(r);

		if (res && common)
			absolute_uris(res, common);
		if (res && !seen_key(&keys, &nkeys, result_key(res)))
			json_array_append(results, res);
		json_decref(res);
	}
	json_object_set_new(run, "results", results);
	json_array_append_new(json_object_get(log, "runs"), run);
	ok = json_dump_file(log, path, JSON_INDENT(1)) == 0;
	json_decref(log);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	return ok;
}

/* initcheck-report beside this program, else on $PATH. */
static char *report_program(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	const char *env = getenv("INITCHECK_REPORT");

	if (env && *env)
		return xstrdup(env);
	if (n > 0) {
		char *slash, *p;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			p = xasprintf("%s/initcheck-report", self);
			if (access(p, X_OK) == 0)
				return p;
			free(p);
		}
	}
	return xstrdup("initcheck-report");
}

static void print_place(json_t *o)
{
	json_int_t line = json_integer_value(json_object_get(o, "line"));
	json_int_t col = json_integer_value(json_object_get(o, "column"));

	fputs(json_string_value(json_object_get(o, "file")), stderr);
	if (line > 0)
		fprintf(stderr, ":%lld", (long long)line);
	if (line > 0 && col > 0)
		fprintf(stderr, ":%lld", (long long)col);
}

/* A finding of the report, as the report words it (its "message" and
   "notes"), on standard error as GCC's own diagnostics. */
static void print_finding(json_t *r)
{
	json_t *note;
	size_t i;

	print_place(r);
	fprintf(stderr, ": %s: %s [initcheck:%s]\n",
		json_string_value(json_object_get(r, "severity")),
		json_string_value(json_object_get(r, "message")),
		json_string_value(json_object_get(r, "rule")));
	json_array_foreach(json_object_get(r, "notes"), i, note) {
		print_place(note);
		fprintf(stderr, ": note: %s\n",
			json_string_value(json_object_get(note, "message")));
	}
}

/* initcheck-report --json over the side files, or NULL (said why). */
static json_t *run_report(void)
{
	posix_spawn_file_actions_t fa;
	char *argv[4], *report = report_program();
	FILE *out = tmpfile();
	json_t *j;
	pid_t pid;
	int st, rc;

	if (!out) {
		free(report);
		return NULL;
	}
	argv[0] = report;
	argv[1] = "--json";
	argv[2] = tmpdir;
	argv[3] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fileno(out), 1);
	rc = posix_spawnp(&pid, report, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc) {
		fprintf(stderr, "%s: cannot run '%s': %s; no cross-unit check\n",
			prog, report, strerror(rc));
		free(report);
		fclose(out);
		return NULL;
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	free(report);
	rewind(out);
	j = json_loadf(out, 0, NULL);
	fclose(out);
	return j;
}

/* A cross-unit finding R as the report words it; true if it is an
   error. */
static bool print_cross(json_t *r)
{
	const char *sev = json_string_value(json_object_get(r, "severity"));

	print_finding(r);
	return sev && !strcmp(sev, "error");
}

/* The report over the side files: its cross-unit findings no unit
   printed already, printed as GCC prints, and returned as its
   "cross_unit" array (NULL: no report). */
static json_t *cross_units(unsigned *errors, unsigned *warnings)
{
	json_t *j, *cross, *r;
	size_t i, n = 0;

	for (i = 0; i < nunits; i++)
		if (units[i].manifest && access(units[i].manifest, R_OK) == 0)
			n++;
	if (!n || !(j = run_report()))
		return NULL;
	if (!json_is_array(json_object_get(j, "cross_unit"))) {
		fprintf(stderr, "%s: initcheck-report gave no cross-unit "
			"result\n", prog);
		json_decref(j);
		return NULL;
	}
	cross = json_array();
	json_array_foreach(json_object_get(j, "cross_unit"), i, r) {
		char *key = xasprintf("%s:%lld:%s",
			json_string_value(json_object_get(r, "file")),
			(long long)json_integer_value(json_object_get(r, "line")),
			json_string_value(json_object_get(r, "rule")));

		if (!was_found(key))
			json_array_append(cross, r);
		free(key);
	}
	json_decref(j);
	json_array_foreach(cross, i, r) {
		if (print_cross(r))
			(*errors)++;
		else
			(*warnings)++;
	}
	return cross;
}

static void remove_tmpdir(void)
{
	size_t i;

	if (!tmpdir)
		return;
	for (i = 0; i < nunits; i++) {
		if (units[i].manifest)
			unlink(units[i].manifest);
		if (units[i].sarif)
			unlink(units[i].sarif);
	}
	rmdir(tmpdir);
}

static void usage(FILE *f)
{
	fprintf(f,
"usage: %s [OPTION...] COMPILER-ARGS... FILE.c\n"
"       %s -p BUILD_DIR [-j N] [--sarif FILE] [OPTION...] [FILE...]\n"
"\n"
"Checks C units with the initcheck GCC plugin under -fsyntax-only: one\n"
"compile (as Kbuild's CHECK: make C=2 CHECK=%s), or every C entry\n"
"of BUILD_DIR/compile_commands.json (-p).\n"
"\n"
"  -p DIR|FILE.json     the compile database (CMake, Meson, bear, Linux's\n"
"                       scripts/clang-tools/gen_compile_commands.py)\n"
"  -j N                 run N compiles at a time (-p; default: CPUs)\n"
"  --sarif=FILE         one SARIF log of every unit's and the cross-unit\n"
"                       findings (-p)\n"
"  --no-cross           no cross-unit check (-p)\n"
"  -q, --quiet          no progress line (-p; there is none when stderr\n"
"                       is not a terminal)\n"
"  --cc=COMPILER        the compiler (default: $INITCHECK_CC, else with -p\n"
"                       each entry's, else $CC, else gcc)\n"
"  --plugin=PATH        the plugin (default: $INITCHECK_PLUGIN, else an\n"
"                       -fplugin= naming initcheck in the arguments, else\n"
"                       %s)\n"
"  -fplugin-arg-initcheck-KEY[=VALUE]\n"
"                       passed to the plugin (with -p: to every unit)\n"
"  FILE...              only these units (a file, a path's tail, or a\n"
"                       directory: the units below it)\n"
"  --help, --version\n"
"\n"
"Checker options come first.  In Kbuild mode the words before Kbuild's\n"
"c_flags (sparse's CHECKFLAGS) are dropped but for -D, -U, -I and\n"
"-fplugin-arg-initcheck-*; --arch=, -Wbitwise and sparse's other\n"
"options are dropped anywhere.  A kernel unit (-D__KERNEL__ in Kbuild's\n"
"c_flags) is checked with -fplugin-arg-initcheck-profile=kernel unless\n"
"a profile= is given.\n"
"\n"
"Exit status: one compile: the compiler's (0: no error, 1: errors,\n"
"initcheck's findings included); -p: 0 when every unit was checked and no\n"
"finding is an error, 1 when a finding is an error, 2 when a unit could\n"
"not be checked; 2 for a usage error.\n",
		prog, prog, prog, INITCHECK_PLUGIN);
}

static void set_cc(const char *s)
{
	const char *why = NULL;

	av_free(&opt_cc);
	if (!split_command(s, &opt_cc, &why))
		die("compiler '%s': %s", s, why);
}

/* The checker's own options, which come first. */
struct opts {
	const char *db;		/* -p */
	unsigned jobs;		/* -j; 0: not given */
	bool cross, quiet;
};

/* The option A needs a value, the next word: argv[*I + 1]. */
static const char *value_of(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		die("%s needs a value (--help)", argv[*i]);
	return argv[++*i];
}

/* The checker's options into O (--cc, --plugin, --sarif into the
   globals they set); the index of the first word that is not one, or -1
   to exit 0 (--help, --version). */
static int parse_args(int argc, char **argv, struct opts *o)
{
	const char *env;
	int i;

	*o = (struct opts){ .cross = true };
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help")) {
			usage(stdout);
			return -1;
		} else if (!strcmp(a, "--version")) {
			printf("initcheck-cc (initcheck) %s\n", INITCHECK_VERSION);
			return -1;
		} else if (!strcmp(a, "-p"))
			o->db = value_of(argc, argv, &i);
		else if (!strcmp(a, "-j"))
			o->jobs = (unsigned)strtoul(value_of(argc, argv, &i), NULL, 10);
		else if (!strcmp(a, "--sarif"))
			sarif_out = value_of(argc, argv, &i);
		else if (!strcmp(a, "--cc"))
			set_cc(value_of(argc, argv, &i));
		else if (!strcmp(a, "--plugin"))
			opt_plugin = value_of(argc, argv, &i);
		else if (starts(a, "-j") && a[2])
			o->jobs = (unsigned)strtoul(a + 2, NULL, 10);
		else if (starts(a, "--sarif="))
			sarif_out = a + 8;
		else if (starts(a, "--cc="))
			set_cc(a + 5);
		else if (starts(a, "--plugin="))
			opt_plugin = a + 9;
		else if (!strcmp(a, "--no-cross"))
			o->cross = false;
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			o->quiet = true;
		else
			break;
	}
	if (!opt_plugin && (env = getenv("INITCHECK_PLUGIN")) && *env)
		opt_plugin = env;
	if (!opt_cc.n && (env = getenv("INITCHECK_CC")) && *env)
		set_cc(env);
	return i;
}

/* One compile: Kbuild's CHECK, or by hand.  The compiler replaces this
   process; returns only for a usage error. */
static int check_one(const struct opts *o, int argc, char **argv, int i)
{
	struct argv run = { 0 };
	char **args;
	size_t n = (size_t)(argc - i) + 1, k;
	const char *env;

	if (sarif_out || o->jobs || !o->cross)
		die("--sarif, -j and --no-cross go with -p (--help)");
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (!opt_cc.n)
		set_cc((env = getenv("CC")) && *env ? env : "gcc");
	/* build_compile reads ARGS[0] only without --cc: it has one. */
	args = xmalloc((n + 1) * sizeof(*args));
	args[0] = NULL;
	for (k = 1; k < n; k++)
		args[k] = argv[i + k - 1];
	args[n] = NULL;
	/* Kbuild mode: no compiler word; ARGS[1..] are options. */
	build_compile(&run, args + 1, n - 1, true, NULL);
	free(args);
	fflush(NULL);
	execvp(run.v[0], run.v);
	die("cannot run '%s': %s", run.v[0], strerror(errno));
	return 2;
}

/* The directory of the units' side files, removed at exit. */
static void make_tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	tmpdir = xasprintf("%s/initcheck-cc.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir))
		die("%s: %s", tmpdir, strerror(errno));
	atexit(remove_tmpdir);
}

/* What the units of the database came to. */
struct tally {
	unsigned errors, warnings, failed, with;
};

static void count_units(struct tally *t)
{
	size_t k;

	for (k = 0; k < nunits; k++) {
		t->errors += units[k].errors;
		t->warnings += units[k].warnings;
		if (units[k].status == 2)
			t->failed++;
		if (units[k].errors || units[k].warnings)
			t->with++;
	}
}

/* -p: every C unit of the database (those named by the FILE words from
   I on, if any), at most O->jobs at a time, then the cross-unit check. */
static int check_database(const struct opts *o, int argc, char **argv, int i)
{
	struct stat st;
	char *path;
	size_t skipped = 0, bad = 0;
	struct tally t = { 0 };
	unsigned jobs = o->jobs;
	json_t *cx = NULL;
	int status;
	time_t t0 = time(NULL);

	for (; i < argc && starts(argv[i], "-fplugin-arg-initcheck-"); i++)
		av_push(&opt_plugin_args, argv[i]);
	if (stat(o->db, &st) == 0 && S_ISDIR(st.st_mode))
		path = xasprintf("%s/compile_commands.json", o->db);
	else
		path = xstrdup(o->db);
	if (access(path, R_OK))
		die("%s: %s", path, strerror(errno));
	load_database(path, argv + i, argc - i, &skipped, &bad);
	if (!jobs) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);

		jobs = c > 0 ? (unsigned)c : 1;
	}
	show_progress = !o->quiet && isatty(2);
	t.failed = (unsigned)bad;
	if (!nunits) {
		fprintf(stderr, "%s: %s: no C unit to check\n", prog, path);
		return 2;
	}
	make_tmpdir();
	signal(SIGPIPE, SIG_IGN);
	progress(NULL);
	run_all(jobs, unit_extra);
	clear_progress();
	count_units(&t);
	if (o->cross)
		cx = cross_units(&t.errors, &t.warnings);
	if (sarif_out && !write_sarif(sarif_out, cx ? cx : json_array())) {
		fprintf(stderr, "%s: cannot write %s\n", prog, sarif_out);
		t.failed++;
	}
	fprintf(stderr, "%s: %zu units checked in %lds, %u with findings;"
		" %u errors, %u warnings%s; %u could not be checked;"
		" %zu entries not C or not asked for\n", prog,
		nunits - (t.failed - bad), (long)(time(NULL) - t0), t.with,
		t.errors, t.warnings, cx ? " (cross-unit included)" : "",
		t.failed, skipped);
	json_decref(cx);
	status = t.failed ? 2 : t.errors ? 1 : 0;
	free(path);
	return status;
}

int main(int argc, char **argv)
{
	struct opts o;
	int i = parse_args(argc, argv, &o);

	if (i < 0)
		return 0;
	if (!o.db)
		return check_one(&o, argc, argv, i);
	return check_database(&o, argc, argv, i);
}
