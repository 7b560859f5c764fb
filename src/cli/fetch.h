/* fetch.h: bringing a file over the network (libcurl) into an open stream,
 * with a progress line, a size bound and Ctrl-C (cli_interrupted). */
#ifndef LL_CLI_FETCH_H
#define LL_CLI_FETCH_H

#include <stdio.h>

#include "cli/sha256.h"

typedef enum fetch_status {
	FETCH_OK,
	FETCH_NO_NETWORK, /* the host could not be resolved or reached */
	FETCH_FAILED,     /* anything else: an HTTP error, a write error, too large */
	FETCH_INTERRUPTED,
	FETCH_NOT_BUILT,  /* this latentlab was built without libcurl */
} fetch_status;

typedef struct fetch_job {
	const char *url;
	const char *label;  /* "ml-100k.zip", for the progress line */
	long long expect;   /* bytes expected (for the progress line), or 0 */
	long long max;      /* more than this many bytes is an error */
	int quiet;          /* no progress line */
	FILE *out;          /* the bytes go here... */
	sha256 *sum;        /* ...and into this sum */
	long long got;      /* set: bytes received */
	char why[512];      /* set: what went wrong */
} fetch_job;

/* 1 when fetching is built (libcurl was found by configure). */
int fetch_built(void);
fetch_status fetch_run(fetch_job *job);

#endif
