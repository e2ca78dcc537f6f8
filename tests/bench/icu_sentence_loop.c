/* icu_sentence_loop.c: the floor for `pont segment`: read a file, run ICU's sentence
 * BreakIterator over it (UTF-8 UText, no copy), count the boundaries. Nothing else. */
#include <stdio.h>
#include <stdlib.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

int
main(int argc, char **argv)
{
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *brk;
	UText *ut;
	FILE *f;
	char *buf;
	long n;
	size_t count = 0;

	if (argc != 3 || (f = fopen(argv[2], "rb")) == NULL) {
		fprintf(stderr, "usage: icu_sentence_loop LOCALE FILE\n");
		return 2;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if ((buf = malloc((size_t)n + 1)) == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
		return 4;
	fclose(f);
	brk = ubrk_open(UBRK_SENTENCE, argv[1], NULL, 0, &st);
	ut = utext_openUTF8(NULL, buf, n, &st);
	ubrk_setUText(brk, ut, &st);
	if (U_FAILURE(st)) {
		fprintf(stderr, "ICU: %s\n", u_errorName(st));
		return 4;
	}
	for (ubrk_first(brk); ubrk_next(brk) != UBRK_DONE;)
		count++;
	printf("%zu\n", count);
	ubrk_close(brk);
	utext_close(ut);
	free(buf);
	return 0;
}
