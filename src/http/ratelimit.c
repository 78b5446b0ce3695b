/* Counting failed sign-ins per key (a user name, an address) in a window.
 * Small and in memory: it protects the password hashes from guessing, and
 * forgetting the counts on a restart costs an attacker a restart. */
#include <stdlib.h>
#include <string.h>

#include "core/hmap.h"
#include "http/internal.h"

enum { SLOTS = 4096 };

typedef struct slot {
	char key[80];
	int failures;
	int64_t since;
} slot;

struct rate_limit {
	pthread_mutex_t mu;
	int window;
	slot slots[SLOTS];
};

pl_rc rate_limit_new(rate_limit **out, int window)
{
	rate_limit *rl = calloc(1, sizeof(*rl));
	if(!rl)
		return PL_ENOMEM;
	pthread_mutex_init(&rl->mu, NULL);
	rl->window = window;
	*out = rl;
	return PL_OK;
}

void rate_limit_free(rate_limit *rl)
{
	if(rl) {
		pthread_mutex_destroy(&rl->mu);
		free(rl);
	}
}

/* The slot of a key: its own, or one to take over (the oldest of those it
 * may hash to). */
static slot *find(rate_limit *rl, const char *key, bool take)
{
	uint64_t h = hmap_hash(key, strlen(key));
	slot *oldest = NULL;
	for(int i = 0; i < 8; i++) {
		slot *s = &rl->slots[(h + (uint64_t)i) % SLOTS];
		if(!strcmp(s->key, key))
			return s;
		if(!oldest || s->since < oldest->since)
			oldest = s;
	}
	if(!take)
		return NULL;
	memset(oldest, 0, sizeof(*oldest));
	snprintf(oldest->key, sizeof(oldest->key), "%s", key);
	return oldest;
}

int rate_limit_check(rate_limit *rl, const char *key, int max, int64_t now)
{
	pthread_mutex_lock(&rl->mu);
	slot *s = find(rl, key, false);
	int wait = 0;
	if(s && now - s->since < rl->window && s->failures >= max)
		wait = (int)(s->since + rl->window - now);
	pthread_mutex_unlock(&rl->mu);
	return wait;
}

void rate_limit_fail(rate_limit *rl, const char *key, int64_t now)
{
	pthread_mutex_lock(&rl->mu);
	slot *s = find(rl, key, true);
	if(now - s->since >= rl->window) {
		s->failures = 0;
		s->since = now;
	}
	s->failures++;
	pthread_mutex_unlock(&rl->mu);
}

void rate_limit_clear(rate_limit *rl, const char *key)
{
	pthread_mutex_lock(&rl->mu);
	slot *s = find(rl, key, false);
	if(s)
		memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&rl->mu);
}
