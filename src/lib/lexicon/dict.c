/* dict.c: Hunspell dictionaries: finding them, spelling and stemming words. */
#define _GNU_SOURCE		/* RTLD_NEXT */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <hunspell.h>

#include "internal.h"

/*
 * Opening dictionaries at the same time. Hunspell's constructors and destructors share one
 * global table (its UTF-8 case data), built by the first dictionary that needs it and freed by
 * the last, with an unguarded reference count; Hunspell 1.7.2 put a lock around the two
 * functions that do it, 1.7.1 (Debian 12) has none. pont defines those two functions with the
 * lock and forwards to Hunspell's own: the program's definitions come first for the dynamic
 * linker, so Hunspell's calls arrive here. That they do is not assumed: dictionaries open and
 * close one at a time until a call has been seen coming through (the first UTF-8 dictionary
 * makes one as soon as it reads its affix file's SET line); from then on they open together.
 */
static pthread_mutex_t lifecycle = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t lifecycle_cv = PTHREAD_COND_INITIALIZER;
static int busy;		/* dictionaries being opened or freed */
static int guarded;		/* Hunspell's table calls come through table_call */
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static void
table_call(const char *name, void (**fn)(void))
{
	pthread_mutex_lock(&table_lock);
	if (*fn == NULL) {
		void *p = dlsym(RTLD_NEXT, name);

		if (p == NULL)
			abort();	/* Hunspell calls a function it does not have */
		memcpy(fn, &p, sizeof *fn);
	}
	(*fn)();
	pthread_mutex_unlock(&table_lock);
	pthread_mutex_lock(&lifecycle);
	if (!guarded) {
		guarded = 1;
		pthread_cond_broadcast(&lifecycle_cv);
	}
	pthread_mutex_unlock(&lifecycle);
}

/* Hunspell's initialize_utf_tbl() and free_utf_tbl(), by their C++ names */
void pont__hunspell_table_init(void) __asm__("_Z18initialize_utf_tblv");
void pont__hunspell_table_free(void) __asm__("_Z12free_utf_tblv");

void
pont__hunspell_table_init(void)
{
	static void (*fn)(void);

	table_call("_Z18initialize_utf_tblv", &fn);
}

void
pont__hunspell_table_free(void)
{
	static void (*fn)(void);

	table_call("_Z12free_utf_tblv", &fn);
}

int
pont__dict_concurrent(void)
{
	int g;

	pthread_mutex_lock(&lifecycle);
	g = guarded;
	pthread_mutex_unlock(&lifecycle);
	return g;
}

/* Around Hunspell_create and Hunspell_destroy: waits while another is under way, unless the
 * table calls are known to be guarded. */
static void
lifecycle_enter(void)
{
	pthread_mutex_lock(&lifecycle);
	while (busy && !guarded)
		pthread_cond_wait(&lifecycle_cv, &lifecycle);
	busy++;
	pthread_mutex_unlock(&lifecycle);
}

static void
lifecycle_leave(void)
{
	pthread_mutex_lock(&lifecycle);
	busy--;
	pthread_cond_broadcast(&lifecycle_cv);
	pthread_mutex_unlock(&lifecycle);
}

/* What the dictionary says of a model word and its regular endings (pont_dict_add) */
typedef struct model_verdict {
	char *word;
	int known;		/* the model itself */
	uint32_t endings;	/* bit k: the model with ends[k] is a word */
} model_verdict;

struct pont_dict {
	Hunhandle *h;
	char *path;
	model_verdict models[8];	/* the few model words glossaries use, asked once */
	size_t nmodels;
};

static const struct {
	const char *lang;
	const char *names[3];
	const char *package;
} known[] = {
	{ "fr", { "fr_FR", "fr", NULL }, "hunspell-fr" },
	{ "en", { "en_US", "en_GB", NULL }, "hunspell-en-us" },
	{ "en-US", { "en_US", NULL, NULL }, "hunspell-en-us" },
	{ "en-GB", { "en_GB", NULL, NULL }, "hunspell-en-gb" },
};

static int
try_dir(const char *dir, size_t dlen, const char *name, pont_buf *aff, pont_buf *dic)
{
	pont_buf_reset(aff);
	pont_buf_reset(dic);
	pont_buf_addf(aff, "%.*s/%s.aff", (int)dlen, dir, name);
	pont_buf_addf(dic, "%.*s/%s.dic", (int)dlen, dir, name);
	return access(aff->p, R_OK) == 0 && access(dic->p, R_OK) == 0;
}

pont_dict *
pont_dict_open(const char *lang, const char *dir, pont_error *err)
{
	static const char *const defaults = "/usr/share/hunspell:/usr/share/myspell:/usr/share/myspell/dicts:"
					    "/usr/local/share/hunspell";
	const char *lists[4];
	pont_buf aff = PONT_BUF_INIT, dic = PONT_BUF_INIT, searched = PONT_BUF_INIT;
	size_t k, l, i;
	pont_dict *d = NULL;

	for (k = 0; k < sizeof known / sizeof known[0]; k++)
		if (strcasecmp(lang, known[k].lang) == 0)
			break;
	if (k == sizeof known / sizeof known[0]) {
		pont_fail(err, PONT_EINVAL, "no dictionary for language '%s' (fr, en, en-US, en-GB)", lang);
		return NULL;
	}
	lists[0] = dir;
	lists[1] = dir ? NULL : getenv("PONT_DICT_PATH");
	lists[2] = dir ? NULL : getenv("DICPATH");
	lists[3] = dir ? NULL : defaults;
	for (l = 0; l < 4 && d == NULL; l++) {
		const char *p = lists[l];

		while (p && *p && d == NULL) {
			const char *e = strchr(p, ':');
			size_t n = e ? (size_t)(e - p) : strlen(p);

			if (n) {
				if (searched.len)
					pont_buf_addc(&searched, ':');
				pont_buf_add(&searched, p, n);
			}
			for (i = 0; n && known[k].names[i]; i++) {
				if (!try_dir(p, n, known[k].names[i], &aff, &dic))
					continue;
				d = xcalloc(1, sizeof *d);
				lifecycle_enter();
				d->h = Hunspell_create(aff.p, dic.p);
				lifecycle_leave();
				d->path = xstrndup(dic.p, dic.len);
				break;
			}
			p = e ? e + 1 : NULL;
		}
	}
	if (d == NULL)
		pont_fail(err, PONT_EIO, "no Hunspell dictionary for %s (%s.dic) in %s: install the Debian package %s, "
			  "or give --dict DIR", lang, known[k].names[0], searched.len ? searched.p : "(nowhere)",
			  known[k].package);
	else if (d->h == NULL || strcasecmp(Hunspell_get_dic_encoding(d->h), "UTF-8") != 0) {
		pont_fail(err, PONT_EIO, "%s: the dictionary is not UTF-8 (SET %s): pont needs UTF-8 dictionaries",
			  d->path, d->h ? Hunspell_get_dic_encoding(d->h) : "?");
		pont_dict_free(d);
		d = NULL;
	}
	pont_buf_release(&aff);
	pont_buf_release(&dic);
	pont_buf_release(&searched);
	return d;
}

void
pont_dict_free(pont_dict *d)
{
	if (d == NULL)
		return;
	if (d->h) {
		lifecycle_enter();
		Hunspell_destroy(d->h);
		lifecycle_leave();
	}
	while (d->nmodels > 0)
		free(d->models[--d->nmodels].word);
	free(d->path);
	free(d);
}

int
pont_dict_spell(pont_dict *d, const char *word)
{
	return Hunspell_spell(d->h, word) != 0;
}

int
pont_dict_stems(pont_dict *d, const char *word, pont_buf *out)
{
	char **l = NULL;
	int n = Hunspell_stem(d->h, &l, word), i;

	for (i = 0; i < n; i++)
		pont_buf_add(out, l[i], strlen(l[i]) + 1);
	if (n > 0)
		Hunspell_free_list(d->h, &l, n);
	return n > 0 ? n : 0;
}

/* Does the dictionary know a + b? (b replaces the last drop bytes of a) */
static int
spell_joined(pont_dict *d, const char *a, size_t drop, const char *b, pont_buf *tmp)
{
	size_t n = strlen(a);

	if (drop > n)
		return 0;
	pont_buf_reset(tmp);
	pont_buf_add(tmp, a, n - drop);
	pont_buf_adds(tmp, b);
	return Hunspell_spell(d->h, tmp->p) != 0;
}

/* the regular endings a model word can show: plurals, feminines, English verb forms */
static const struct {
	const char *from, *to;
} ends[] = {
	{ "", "s" }, { "", "x" }, { "", "e" }, { "", "es" }, { "", "ed" }, { "", "ing" }, { "", "er" },
	{ "", "ers" }, { "al", "aux" }, { "y", "ies" }, { "y", "ied" }, { "e", "ed" }, { "e", "ing" },
};

/* The dictionary's verdicts on a model word and its endings, from the cache when asked before. */
static const model_verdict *
model_of(pont_dict *d, const char *model, pont_buf *tmp)
{
	model_verdict *m;
	size_t k, i, ml = strlen(model);

	for (i = 0; i < d->nmodels; i++)
		if (strcmp(d->models[i].word, model) == 0)
			return &d->models[i];
	if (d->nmodels == sizeof d->models / sizeof d->models[0]) {	/* full: the oldest goes */
		free(d->models[0].word);
		memmove(&d->models[0], &d->models[1], (d->nmodels - 1) * sizeof d->models[0]);
		d->nmodels--;
	}
	m = &d->models[d->nmodels++];
	m->word = xstrndup(model, ml);
	m->known = Hunspell_spell(d->h, model) != 0;
	m->endings = 0;
	for (k = 0; m->known && k < sizeof ends / sizeof ends[0]; k++) {
		size_t fl = strlen(ends[k].from);

		if (fl <= ml && memcmp(model + ml - fl, ends[k].from, fl) == 0 && spell_joined(d, model, fl, ends[k].to, tmp))
			m->endings |= 1u << k;
	}
	return m;
}

int
pont_dict_add(pont_dict *d, const char *word, const char *model)
{
	pont_buf b = PONT_BUF_INIT;
	const model_verdict *m;
	size_t k, wl = strlen(word);

	Hunspell_add(d->h, word);
	if (model == NULL || *model == '\0')
		return 1;
	if (!(m = model_of(d, model, &b))->known) {
		pont_buf_release(&b);
		return 0;
	}
	for (k = 0; k < sizeof ends / sizeof ends[0]; k++) {
		size_t fl = strlen(ends[k].from);

		/* the word takes the endings its model takes (adding a form it has already is harmless) */
		if ((m->endings & (1u << k)) && fl <= wl && memcmp(word + wl - fl, ends[k].from, fl) == 0) {
			pont_buf_reset(&b);
			pont_buf_add(&b, word, wl - fl);
			pont_buf_adds(&b, ends[k].to);
			Hunspell_add(d->h, b.p);
		}
	}
	pont_buf_release(&b);
	return 1;
}

int
pont_dict_suggest(pont_dict *d, const char *word, int max, pont_buf *out)
{
	char **l = NULL;
	int n = Hunspell_suggest(d->h, &l, word), i;

	for (i = 0; i < n && i < max; i++)
		pont_buf_add(out, l[i], strlen(l[i]) + 1);
	if (n > 0)
		Hunspell_free_list(d->h, &l, n);
	return n < max ? (n > 0 ? n : 0) : max;
}
