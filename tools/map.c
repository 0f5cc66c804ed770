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

/* The slot of KEY (hash H): where it is, or the empty one it would go
   to.  The hashes are kept: strcmp only where they are equal. */
static size_t slot(const struct rc_map *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->keys[i] && (m->hashes[i] != h || strcmp(m->keys[i], key)))
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
	m->hashes = rc_xcalloc(m->cap, sizeof(*m->hashes));
	for (i = 0; i < old.cap; i++)
		if (old.keys[i]) {
			size_t k = slot(m, old.keys[i], old.hashes[i]);

			m->keys[k] = old.keys[i];
			m->vals[k] = old.vals[i];
			m->hashes[k] = old.hashes[i];
		}
	free(old.keys);
	free(old.vals);
	free(old.hashes);
}

void *rc_map_get(const struct rc_map *m, const char *key)
{
	size_t i;

	if (!m->n || !key)
		return NULL;
	i = slot(m, key, hash(key));
	return m->keys[i] ? m->vals[i] : NULL;
}

/* Sets KEY to VAL; returns the value it had (NULL if new). */
void *rc_map_put(struct rc_map *m, const char *key, void *val)
{
	uint64_t h = hash(key);
	size_t i;
	void *was;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	i = slot(m, key, h);
	was = m->keys[i] ? m->vals[i] : NULL;
	if (!m->keys[i])
		m->n++;
	m->keys[i] = key;
	m->vals[i] = val;
	m->hashes[i] = h;
	return was;
}

void rc_map_free(struct rc_map *m)
{
	free(m->keys);
	free(m->vals);
	free(m->hashes);
	memset(m, 0, sizeof(*m));
}
