/* The generator's state for one person at a time: its seeded stream,
 * identifiers, texts, and names drawn from the pools. */
#include <stdarg.h>
#include <string.h>

#include "core/date.h"
#include "demo/internal.h"

pl_rc demo_gen_open(gen *g, uint64_t seed, pl_err *err)
{
	memset(g, 0, sizeof(*g));
	pl_rc rc = demo_names_load(&g->nm, err);
	if(rc)
		return rc;
	g->seed = seed;
	g->end = date_days_from_ymd(END_YMD);
	arena_init(&g->a, 16384);
	buf_init(&g->scratch, 4096);
	return PL_OK;
}

void demo_gen_close(gen *g)
{
	arena_free(&g->a);
	buf_free(&g->scratch);
	demo_names_free(&g->nm);
}

void demo_gen_start(gen *g, long index)
{
	arena_reset(&g->a);
	rng_seed(&g->r, g->seed * 0x9E3779B97F4A7C15ull + (uint64_t)index);
	g->index = index;
}

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void demo_uid(rng *r, char prefix, char out[UID_SIZE])
{
	uint64_t a = rng_next(r), b = rng_next(r);
	out[0] = prefix;
	for(int i = 0; i < 12; i++, a >>= 5)
		out[1 + i] = crockford[a & 31];
	for(int i = 12; i < 16; i++, b >>= 5)
		out[1 + i] = crockford[b & 31];
	out[UID_LEN] = '\0';
}

const char *demo_day(gen *g, int32_t day, int parts)
{
	pdate d = date_from_days(day);
	if(parts < 3)
		d.d = 0;
	if(parts < 2)
		d.m = 0;
	char *s = arena_alloc(&g->a, DATE_STR_MAX);
	if(s)
		date_format(d, s);
	return s;
}

const char *demo_textf(gen *g, const char *fmt, ...)
{
	char s[TEXT_MAX * 4];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s, sizeof(s), fmt, ap);
	va_end(ap);
	return arena_strdup(&g->a, s);
}

const char *demo_lang(const gen *g, pair p)
{
	return g->side == OURS ? p.uk : p.ru;
}

const surname *demo_surname(gen *g)
{
	const demo_names *nm = &g->nm;
	int pool = rng_chance(&g->r, g->side == OURS ? 0.85 : 0.3) ? POOL_UA : POOL_RU;
	return &nm->surnames[pool][rng_below(&g->r, (uint32_t)nm->nsurnames[pool])];
}

pair demo_given(gen *g, int sex)
{
	return g->nm.given[sex][PICK_INDEX(&g->r, g->nm.given[sex], g->nm.ngiven[sex])].name;
}

pair demo_patronymic(gen *g, int sex)
{
	const demo_names *nm = &g->nm;
	if(rng_chance(&g->r, 0.1)) {
		g->dad = NULL;
		return nm->patr[sex][rng_below(&g->r, (uint32_t)nm->npatr[sex])];
	}
	g->dad = &nm->fathers[PICK_INDEX(&g->r, nm->fathers, nm->nfathers)];
	return g->dad->patr[sex];
}

const char *demo_latin(gen *g, const char *s, names_scheme scheme)
{
	buf_reset(&g->scratch);
	if(names_transliterate(s, scheme, &g->scratch)) {
		g->nomem = true; /* the words were checked: only memory can fail */
		return NULL;
	}
	return arena_strdup(&g->a, buf_str(&g->scratch));
}
