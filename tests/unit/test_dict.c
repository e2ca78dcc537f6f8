/* test_dict.c: the real Debian Hunspell dictionaries opened, used and freed from several threads
 * at once (Hunspell 1.7.1 shares a table between dictionaries; pont guards it). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "internal.h"
#include "pont.h"

static const char *const langs[] = { "fr", "en-US", "en-GB", "fr", "en-US", "en-GB" };
#define NT (sizeof langs / sizeof langs[0])

typedef struct job {
	const char *lang;
	int opened, right;	/* the dictionary opened; it spelled its words right */
} job;

static void *
run(void *arg)
{
	job *j = arg;
	pont_error err;
	int round;

	for (round = 0; round < 2; round++) {
		pont_dict *d = pont_dict_open(j->lang, NULL, &err);

		if (d == NULL)
			return NULL;
		j->opened++;
		if (strcmp(j->lang, "fr") == 0)
			j->right += pont_dict_spell(d, "infrastructure") && pont_dict_spell(d, "Élève") &&
				    pont_dict_spell(d, "développeuses") && !pont_dict_spell(d, "developpeusez");
		else
			j->right += pont_dict_spell(d, "infrastructure") && pont_dict_spell(d, "engineers") &&
				    !pont_dict_spell(d, "enginers") &&
				    pont_dict_spell(d, "colour") == (strcmp(j->lang, "en-GB") == 0);
		pont_dict_free(d);
	}
	return NULL;
}

int
main(void)
{
	pthread_t t[NT];
	job jobs[NT];
	size_t i;
	int started[NT];

	memset(jobs, 0, sizeof jobs);
	for (i = 0; i < NT; i++) {
		jobs[i].lang = langs[i];
		started[i] = pthread_create(&t[i], NULL, run, &jobs[i]) == 0;
		OK(started[i]);
	}
	for (i = 0; i < NT; i++) {
		if (started[i])
			pthread_join(t[i], NULL);
		OK(jobs[i].opened == 2);
		OK(jobs[i].right == 2);
	}
	/* Hunspell's calls to its shared table came through pont's lock: the dictionaries above
	 * were opened together, not one after the other */
	OK(pont__dict_concurrent());
	return DONE();
}
