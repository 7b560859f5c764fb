/* cmd_diagram.c: diagrams that are words, not measurements (the road from
 * this lab's index to FAISS, vector databases and retrieval for LLMs), as
 * preformatted text in plain ASCII, so every terminal draws them. */
#include <string.h>

#include "engine/core/intl.h"
#include "lab/lab_impl.h"

static const char retrieval[] =
	"  items or documents        the index, built once                   a query\n"
	"  +---------------+  embed  +-----------------------------+  +-------------+\n"
	"  | movies, texts,| ------> | every vector, cut by k-means|  | a user, or  |\n"
	"  | images, songs |         | into nlist cells around     |  | a question  |\n"
	"  +---------------+         | their centroids             |  +-------------+\n"
	"                            +-----------------------------+         | embed\n"
	"                                          |                         v\n"
	"                            +-----------------------------+  +-------------+\n"
	"                            | probe: the nprobe cells     |<-| its vector  |\n"
	"                            | whose centroids score best  |  +-------------+\n"
	"                            +-----------------------------+\n"
	"                                          |\n"
	"                                          v\n"
	"                            +-----------------------------+\n"
	"                            | rank those candidates       |\n"
	"                            | exactly, keep the top k     |\n"
	"                            +-----------------------------+\n"
	"                                          |\n"
	"                     +--------------------+--------------------+\n"
	"                     v                                         v\n"
	"        +-------------------------+          +------------------------------+\n"
	"        | recommendation: the ten |          | retrieval for an LLM: the k  |\n"
	"        | movies a user is shown  |          | passages go into its prompt  |\n"
	"        +-------------------------+          +------------------------------+\n"
	"\n"
	"  Here: the IVF index of 'ann' (nlist cells, nprobe probed).\n"
	"  FAISS: the same cells, with vectors stored as codes of a few bits\n"
	"  (product quantization, lesson eighteen's idea), on CPUs and GPUs.\n"
	"  A vector database: such an index on disk, updated as items come and\n"
	"  go, with filters on metadata (genre, date, language).\n";

static int run_diagram(lab_call *c, view **out, ll_error *err)
{
	(void)err;
	const char *what = c->argv[0].text;
	if (!strcmp(what, "retrieval"))
		*out = view_pre(_("From a query to its nearest vectors: the pipeline of lesson seventeen"),
				retrieval);
	return 0;
}

const lab_cmd lab_cmds_diagram[] = {
	{ "diagram", "retrieval", 1, 1, { ARG_WORD }, "retrieval", NULL, 0,
	  N_("a diagram of how the pieces meet"),
	  N_("diagram retrieval   embed, index (IVF cells), probe nprobe cells, rank\n"
	  "                    exactly, top k: for recommendations and for the\n"
	  "                    passages an LLM answers from (FAISS, vector databases)"),
	  run_diagram },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};
