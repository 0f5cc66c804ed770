/*
 * map.c - a string-keyed open-addressing hash table (FNV-1a, linear
 * probing, grown at half full).  Keys are borrowed: they must outlive the
 * map.  The report's lookups by name (symbols, sections, units) go
 * through it instead of scanning with strcmp.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot of KEY: where it is, or the empty one it would go to. */
static size_t slot(const struct rc_map *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void grow(struct rc_map *m)
{
	struct rc_map old = *m;
	size_t i;

	m->cap = old.cap ? 2 * old.cap : 16;
	m->keys = rc_xcalloc(m->cap, sizeof(*m->keys));
	m->vals = rc_xcalloc(m->cap, sizeof(*m->vals));
	m->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.keys[i])
			rc_map_put(m, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

void *rc_map_get(const struct rc_map *m, const char *key)
{
	size_t i;

	if (!m->n || !key)
		return NULL;
	i = slot(m, key);
	return m->keys[i] ? m->vals[i] : NULL;
}

/* Sets KEY to VAL; returns the value it had (NULL if new). */
void *rc_map_put(struct rc_map *m, const char *key, void *val)
{
	size_t i;
	void *was;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	i = slot(m, key);
	was = m->keys[i] ? m->vals[i] : NULL;
	if (!m->keys[i])
		m->n++;
	m->keys[i] = key;
	m->vals[i] = val;
	return was;
}

void rc_map_free(struct rc_map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
