/* test_serve_cmds.c: serving's lab commands (src/serve/serve_cmds.c) and the
 * registry's added groups: help, completion and "did you mean" for added
 * rows, store/serve/request/traffic/overlap on the toy data, errors as
 * messages, and the server stopped by serve stop, lab_reset and lab_free. */
#include <config.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "labcheck.h"
#include "lab/registry.h"
#include "serve/serve_cmds.h"

/* 1 when something accepts connections on 127.0.0.1:port. */
static int listening(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

static int dummy(lab_call *c, view **out, ll_error *err)
{
	(void)c, (void)out, (void)err;
	return 0;
}

static void test_registry(void)
{
	static const lab_cmd clash[] = {
		{ "train", "", 0, 0, { 0 }, NULL, NULL, 0, "x", "x", dummy },
		{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
	};
	int before = lab_cmd_count();
	CHECK(lab_cmd_find("traffic") == NULL);
	CHECK(serve_cmds_register() == 0);
	CHECK(serve_cmds_register() == 0); /* the same table again: nothing */
	CHECK(lab_cmd_count() == before + 5);
	CHECK(lab_register_cmds(clash) == -1);
	CHECK(lab_cmd_count() == before + 5);
	CHECK(lab_cmd_find("traffic") != NULL);
	CHECK_STR(lab_cmd_suggest("trafic"), "traffic");
	fails("trafic", "did you mean 'traffic'");
	fails("traffic conections=2", "did you mean 'connections'");
	fails("serve stat", "did you mean 'start'");
	char **c = lab_complete(L, "traf", 4);
	CHECK(c && c[0] && !strcmp(c[0], "traffic"));
	lab_completions_free(c);
	c = lab_complete(L, "traffic conn", 12);
	CHECK(c && c[0] && !strncmp(c[0], "connections=", 12));
	lab_completions_free(c);
	view *v = ok("help request");
	CHECK(v && v->kind == VIEW_TEXT && strstr(v->u.text.body, "repeat=N"));
	view_free(&v);
}

static void test_commands(const char *dir)
{
	char line[600];
	run("load toy");
	run("train biased k=2 epochs=50 lr=0.05 seed=7");
	fails("serve start", "no store yet");
	fails("request recommend Minsu", "no server is running");
	fails("traffic", "no server is running");
	snprintf(line, sizeof line, "store %s/f32.db", dir);
	run(line);
	CHECK(num("last.store.rows") > 0);
	CHECK(num("last.store.bytes") > num("last.store.vector_bytes"));
	snprintf(line, sizeof line, "store %s/int8.db precision=int8", dir);
	run(line);
	snprintf(line, sizeof line, "serve start %s/f32.db cache=100", dir);
	run(line);
	int port = (int)num("last.serve.port");
	CHECK(port > 0 && listening(port));
	/* The server's answer is the lab's own recommendation. */
	run("recommend Minsu n=1");
	view *v = ok("request recommend Minsu n=1");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 1);
	view_free(&v);
	CHECK(num("last.request.hit") == 0);
	CHECK(num("last.request.items") == 1);
	run("request recommend Minsu n=1 repeat=5");
	CHECK(num("last.request.hits") == 5);
	run("request recommend Minsu n=1 repeat=3 cache=no");
	CHECK(num("last.request.hits") == 0);
	run("request predict Minsu Avengers");
	fails("request predict Minsu", "give a user and an item");
	fails("request recommend Nobody", "server answered 404");
	fails("request recommend Minsu ivf=yes", "no IVF index");
	run("traffic n=300 connections=2 seconds=5 slices=4");
	CHECK(num("last.traffic.requests") == 300);
	CHECK(num("last.traffic.errors") == 0);
	CHECK(num("last.traffic.hit_rate") > 0.5); /* a few toy users, over and over */
	CHECK(num("last.traffic.p99_ms") >= num("last.traffic.p50_ms"));
	fails("traffic connections=1000", "from 1 to 64");
	fails("traffic seconds=60", "from 0.1 to 10");
	snprintf(line, sizeof line, "overlap %s/f32.db %s/int8.db n=3", dir, dir);
	run(line);
	CHECK(num("last.overlap.share") >= 0 && num("last.overlap.share") <= 1);
	CHECK(num("last.overlap.vector_bytes_b") * 4 == num("last.overlap.vector_bytes_a"));
	snprintf(line, sizeof line, "overlap %s/f32.db %s/none.db", dir, dir);
	fails(line, "overlap");
	run("serve stop");
	CHECK(!listening(port));
	fails("request recommend Minsu", "no server is running");
	/* serve start ivf=yes, then a reset stops it. */
	run("serve start ivf=yes");
	port = (int)num("last.serve.port");
	run("request recommend Minsu ivf=yes");
	lab_reset(L);
	CHECK(!listening(port));
	/* And lab_free does too. */
	run("load toy");
	snprintf(line, sizeof line, "serve start %s/f32.db", dir);
	run(line);
	port = (int)num("last.serve.port");
	CHECK(listening(port));
	lab_free(&L);
	CHECK(!listening(port));
	L = lab_new();
}

int main(void)
{
	setenv("LATENTLAB_PATH", LATENTLAB_ABS_SRCDIR, 1);
	char dir[] = "/tmp/test_serve_cmds.XXXXXX";
	if (!mkdtemp(dir))
		return 99;
	L = lab_new();
	test_registry();
	test_commands(dir);
	lab_free(&L);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 99;
	return check_done();
}
