/* env.c: running a command: its options parsed, then what its entry in the commands table
 * needs set up (glossaries, dictionaries on threads of their own, memories), and pont's data
 * files found next to the executable. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

#ifndef PONT_DATADIR
#define PONT_DATADIR "/usr/local/share/pont"
#endif

/* --- data files --- */

static int
readable(char *buf, size_t n, const char *dir, const char *mid, const char *rel)
{
	if ((size_t)snprintf(buf, n, "%s%s%s", dir, mid, rel) >= n)
		return 0;
	return access(buf, R_OK) == 0;
}

const char *
cli_data_file(const char *rel)
{
	static struct {
		const char *rel;
		char path[PATH_MAX + 64];
	} cache[8];
	static size_t ncache;
	char exe[PATH_MAX], *slash, buf[PATH_MAX + 64];
	const char *env = getenv("PONT_DATADIR");
	ssize_t n;
	size_t k;

	for (k = 0; k < ncache; k++)
		if (strcmp(cache[k].rel, rel) == 0)
			return cache[k].path;
	buf[0] = '\0';
	if (env && *env && readable(buf, sizeof buf, env, "/", rel))
		goto found;
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			if (readable(buf, sizeof buf, exe, "/../share/pont/", rel) || readable(buf, sizeof buf, exe, "/../", rel) ||
			    readable(buf, sizeof buf, exe, "/", rel))
				goto found;
		}
	}
	if (readable(buf, sizeof buf, PONT_DATADIR, "/", rel))
		goto found;
	return NULL;
found:
	if (ncache == sizeof cache / sizeof cache[0])
		ncache = 0;
	cache[ncache].rel = rel;
	memcpy(cache[ncache].path, buf, strlen(buf) + 1);
	return cache[ncache++].path;
}

const char *
cli_default_glossary(void)
{
	const char *env = getenv("PONT_GLOSSARY");

	if (env && *env)
		return env;
	return cli_data_file("glossaries/it-careers.tbx");
}

/* --- dictionaries on threads --- */

static int
start_dicts(cli_env *env)
{
	unsigned nd = env->cmd->needs;
	int terms = env->ngpaths > 0, k = 0;

	if ((nd & CLI_DICTS_FOR_TERMS) && !terms)
		nd &= ~(unsigned)(CLI_DICT_FR | CLI_DICT_EN);
	if (nd & CLI_DICT_FR)
		env->jobs[k++] = cli_dict_start("fr", env->dict_dir, 0);
	if (nd & CLI_DICT_EN)
		env->jobs[k++] = cli_dict_start(strcasecmp(env->target_lang, "en-GB") == 0 ? "en-GB" : "en-US",
						env->dict_dir, 0);
	if (nd & CLI_DICT_EN_VARIANT)	/* optional: without it, one variety is accepted */
		env->jobs[k++] = cli_dict_start(strcasecmp(env->target_lang, "en-GB") == 0 ? "en-US" : "en-GB",
						env->dict_dir, 1);
	if (nd & CLI_DICT_LANG)
		env->jobs[k++] = cli_dict_start(env->lang, env->dict_dir, 0);
	return k;
}

int
cli_env_ready(cli_env *env)
{
	unsigned nd = env->cmd->needs;
	int rc = EXIT_OK, k = 0;

	if ((nd & CLI_DICTS_FOR_TERMS) && env->ngpaths == 0)
		nd &= ~(unsigned)(CLI_DICT_FR | CLI_DICT_EN);
	if ((nd & CLI_DICT_FR) && env->jobs[k])
		env->fr = cli_dict_wait(env->jobs[k], &rc), env->jobs[k++] = NULL;
	else if (nd & CLI_DICT_FR)
		k++;
	if ((nd & CLI_DICT_EN) && env->jobs[k])
		env->en = cli_dict_wait(env->jobs[k], &rc), env->jobs[k++] = NULL;
	else if (nd & CLI_DICT_EN)
		k++;
	if ((nd & CLI_DICT_EN_VARIANT) && env->jobs[k])
		env->en_variant = cli_dict_wait(env->jobs[k], &rc), env->jobs[k++] = NULL;
	else if (nd & CLI_DICT_EN_VARIANT)
		k++;
	if ((nd & CLI_DICT_LANG) && env->jobs[k])
		env->text_dict = cli_dict_wait(env->jobs[k], &rc), env->jobs[k++] = NULL;
	return rc;
}

/* --- setting up and tearing down --- */

static int
setup(cli_env *env)
{
	unsigned nd = env->cmd->needs;
	size_t i;
	int rc = EXIT_OK;

	if (env->no_glossary)
		env->ngpaths = 0;
	else if (env->ngpaths == 0 && (nd & (CLI_GLOSSARY | CLI_GLOSSARY_IF_FOUND))) {
		const char *g = cli_default_glossary();

		if (g) {
			env->gnames[env->ngpaths] = getenv("PONT_GLOSSARY") && *getenv("PONT_GLOSSARY") ? g :
						     "glossaries/it-careers.tbx";
			env->gpaths[env->ngpaths++] = g;
		}
		else if (nd & CLI_GLOSSARY)
			return cli_msg(NULL, "error", "pont's glossary (glossaries/it-careers.tbx) is not next to the "
				       "program nor in " PONT_DATADIR ": give one with -g FILE, or --no-glossary"),
			       EXIT_SYSTEM;
	}
	start_dicts(env);	/* they load while the glossaries are read */
	if (env->ngpaths && (nd & (CLI_GLOSSARY | CLI_GLOSSARY_GIVEN | CLI_GLOSSARY_IF_FOUND))) {
		env->gs = calloc(env->ngpaths + 1, sizeof *env->gs);
		if (env->gs == NULL)
			cli_oom();
		for (i = 0; rc == EXIT_OK && i < env->ngpaths; i++, env->ng++)
			rc = cli_load_glossary(env->gpaths[i], &env->gs[i], NULL);
	}
	env->tms.min_score = env->min_score;
	for (i = 0; rc == EXIT_OK && (nd & CLI_MEMORIES) && i < env->ntm_paths; i++) {
		pont_tm *tm = NULL;
		pont_tmdb *db = NULL;

		if (pont_tmdb_is_url(env->tm_paths[i])) {
			if ((rc = cli_tmdb_open(env->tm_paths[i], 0, &db)) != EXIT_OK)
				break;
		} else if ((rc = cli_tm_read(env->tm_paths[i], "fr", "en", &tm)) != EXIT_OK) {
			break;
		}
		env->tms.v = realloc(env->tms.v, (env->tms.n + 1) * sizeof *env->tms.v);
		env->tms.db = realloc(env->tms.db, (env->tms.n + 1) * sizeof *env->tms.db);
		env->tms.names = realloc(env->tms.names, (env->tms.n + 1) * sizeof *env->tms.names);
		if (env->tms.v == NULL || env->tms.db == NULL || env->tms.names == NULL)
			cli_oom();
		env->tms.v[env->tms.n] = tm;
		env->tms.db[env->tms.n] = db;
		env->tms.names[env->tms.n++] = db ? pont_tmdb_name(db) : cli_name(env->tm_paths[i]);
	}
	return rc;
}

static void
teardown(cli_env *env)
{
	size_t i;
	int rc = EXIT_OK;

	for (i = 0; i < 4; i++)
		if (env->jobs[i])
			pont_dict_free(cli_dict_wait(env->jobs[i], &rc));
	CLI_EXIT_FREE_DICT(env->fr);
	CLI_EXIT_FREE_DICT(env->en);
	CLI_EXIT_FREE_DICT(env->en_variant);
	CLI_EXIT_FREE_DICT(env->text_dict);
	for (i = 0; i < env->ng; i++)
		pont_glossary_free(env->gs[i]);
	for (i = 0; i < env->tms.n; i++) {
		pont_tm_free(env->tms.v[i]);
		pont_tmdb_close(env->tms.db[i]);
	}
	free(env->tms.v);
	free(env->tms.db);
	free(env->tms.names);
	free(env->gs);
	free(env->gpaths);
	free(env->gnames);
	free(env->tm_paths);
	free(env->words);
	free(env->list[0]);
	free(env->list[1]);
	free(env->list[2]);
}

int
cli_dispatch(const cli_command *cmd, int argc, char **argv)
{
	cli_env env;
	int rc, help = 0;

	memset(&env, 0, sizeof env);
	env.cmd = cmd;
	env.lang = "fr";
	env.target_lang = "en";
	env.min_score = 70;
	env.gpaths = calloc((size_t)argc + 2, sizeof *env.gpaths);
	env.gnames = calloc((size_t)argc + 2, sizeof *env.gnames);
	env.tm_paths = calloc((size_t)argc + 2, sizeof *env.tm_paths);
	env.words = calloc((size_t)argc + 2, sizeof *env.words);
	env.list[0] = calloc((size_t)argc + 2, sizeof *env.list[0]);
	env.list[1] = calloc((size_t)argc + 2, sizeof *env.list[1]);
	env.list[2] = calloc((size_t)argc + 2, sizeof *env.list[2]);
	if (env.gpaths == NULL || env.gnames == NULL || env.tm_paths == NULL || env.words == NULL || env.list[0] == NULL || env.list[1] == NULL ||
	    env.list[2] == NULL)
		cli_oom();
	rc = cmd->init ? cmd->init(&env, argc, argv) : EXIT_OK;
	if (rc == EXIT_OK)
		rc = cli_parse(&env, argc, argv, &help);
	if (rc == EXIT_OK && help) {
		cli_help(cmd, stdout);
		rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		teardown(&env);
		return rc;
	}
	if (rc == EXIT_OK && env.ntm_paths == 0 && getenv("PONT_TM") && *getenv("PONT_TM")) {
		size_t i;	/* the team's memory, for the commands that take one */

		for (i = 0; cmd->shared && cmd->shared[i]; i++)
			if (cmd->shared[i] == CLI_O_TM)
				env.tm_paths[env.ntm_paths++] = getenv("PONT_TM");
	}
	if (rc == EXIT_OK && strcmp(env.lang, "fr") != 0 && strcmp(env.lang, "en") != 0)
		rc = cli_usage(cmd->name, "unknown language '%s' (fr or en)", env.lang);
	if (rc == EXIT_OK)	/* before any work: an -o that names one of the files to read */
		rc = cli_output_not_input(env.output, argc - optind, argv + optind);
	if (rc == EXIT_OK)
		rc = setup(&env);
	if (rc == EXIT_OK)
		rc = cmd->run(&env, argc - optind, argv + optind);
	teardown(&env);
	return rc;
}
