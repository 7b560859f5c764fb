## po: the catalogues for a program that runs uninstalled (tests,
## ./latentlab before `make install`): src/lab/lang.c binds
## $(builddir)/po/locale then. Installed programs use po/'s own rules.
all-local: po/locale/ko/LC_MESSAGES/latentlab.mo
po/locale/ko/LC_MESSAGES/latentlab.mo: $(srcdir)/po/ko.po
	$(AM_V_GEN)$(MKDIR_P) po/locale/ko/LC_MESSAGES && \
	  $(MSGFMT) --check -o $@ $(srcdir)/po/ko.po
CLEANFILES += po/locale/ko/LC_MESSAGES/latentlab.mo

# `make update-po`: refresh po/latentlab.pot from the sources, then merge it
# into every catalogue (translators then fill in the new and fuzzy entries).
update-po:
	$(MAKE) -C po update-po
.PHONY: update-po
