/* harness.h: a minimal unit-test harness: OK(cond), STR_EQ(a, b), and a closing count line. */
#ifndef PONT_HARNESS_H
#define PONT_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_pass, h_fail;

#define OK(cond) do { \
	if (cond) { h_pass++; } else { h_fail++; \
		fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define STR_EQ(a, b) do { \
	const char *h_a = (a), *h_b = (b); \
	if (h_a && h_b && strcmp(h_a, h_b) == 0) { h_pass++; } else { h_fail++; \
		fprintf(stderr, "FAIL %s:%d: %s == %s\n  got:  \"%s\"\n  want: \"%s\"\n", __FILE__, \
			__LINE__, #a, #b, h_a ? h_a : "(null)", h_b ? h_b : "(null)"); } \
} while (0)

#define DONE() (printf("%d passed, %d failed\n", h_pass, h_fail), h_fail ? 1 : 0)

#endif
