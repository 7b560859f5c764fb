## man pages. latentlab.1 is generated from --help by help2man and ships in
## the tarball, so building from a release does not need help2man.
dist_man_MANS += man/latentlab.1 man/latentlab-lesson.5
EXTRA_DIST += man/latentlab.x
## The program is an order-only prerequisite (GNU make): it must exist to be
## asked for --help, but rebuilding it alone does not make the page stale.
man/latentlab.1: $(top_srcdir)/src/main.c $(top_srcdir)/man/latentlab.x $(top_srcdir)/configure.ac | latentlab$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) man && \
	LC_ALL=C.UTF-8 LANGUAGE= $(HELP2MAN) --no-info --include=$(srcdir)/man/latentlab.x \
	  --name='a terminal lab for latent-factor recommenders' \
	  --output=$@ ./latentlab$(EXEEXT)
