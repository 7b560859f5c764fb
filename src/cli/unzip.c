/* unzip.c: a release's zip into a folder (see unzip.h). */
#include <config.h>

#include "cli/unzip.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/args.h"
#include "engine/core/intl.h"
#include "engine/core/strf.h"

/* A path inside the zip that stays inside the folder: relative, no ".."
 * part, no empty name. */
static int safe_name(const char *name)
{
	if (!name || !*name || name[0] == '/')
		return 0;
	for (const char *s = name; *s;) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return 0;
		s += n;
		while (*s == '/')
			s++;
	}
	return 1;
}


#if HAVE_LIBARCHIVE
#include <archive.h>
#include <archive_entry.h>

const char *unzip_method(void) { return "libarchive"; }

long unzip_into(const char *zip, const char *dest, char *why, size_t whylen)
{
	struct archive *in = archive_read_new();
	struct archive *out = archive_write_disk_new();
	long files = 0, entries = 0;
	long long bytes = 0;
	int ok = in && out;
	if (!ok)
		snprintf(why, whylen, "%s", _("out of memory"));
	if (ok) {
		archive_read_support_format_zip(in);
		/* Files keep the zip's times; modes come from the umask, owners
		 * are ours. Each entry's own name is checked below (safe_name),
		 * then written under dest, which the caller gives as a real path
		 * (no "..", no link), so the secure flags hold for the whole path. */
		archive_write_disk_set_options(out, ARCHIVE_EXTRACT_TIME |
						    ARCHIVE_EXTRACT_SECURE_NODOTDOT |
						    ARCHIVE_EXTRACT_SECURE_SYMLINKS |
						    ARCHIVE_EXTRACT_NO_OVERWRITE);
		if (archive_read_open_filename(in, zip, 1 << 16) != ARCHIVE_OK) {
			snprintf(why, whylen, _("not a zip file: %s"), archive_error_string(in));
			ok = 0;
		}
	}
	struct archive_entry *e;
	int r;
	while (ok && (r = archive_read_next_header(in, &e)) == ARCHIVE_OK) {
		if (cli_interrupted) { /* Ctrl-C: the caller removes what was unpacked */
			snprintf(why, whylen, "%s", _("interrupted"));
			ok = 0;
			break;
		}
		const char *name = archive_entry_pathname(e);
		mode_t type = archive_entry_filetype(e);
		if (++entries > UNZIP_MAX_ENTRIES) {
			snprintf(why, whylen, _("more than %d entries"), UNZIP_MAX_ENTRIES);
			ok = 0;
			break;
		}
		if (!safe_name(name)) {
			snprintf(why, whylen, _("the entry '%.200s' would land outside the folder"),
				 name ? name : "");
			ok = 0;
			break;
		}
		if (type != AE_IFREG && type != AE_IFDIR) {
			snprintf(why, whylen, _("the entry '%.200s' is not a file or a folder"), name);
			ok = 0;
			break;
		}
		char *path = ll_strf("%s/%s", dest, name);
		if (!path) {
			snprintf(why, whylen, "%s", _("out of memory"));
			ok = 0;
			break;
		}
		archive_entry_set_pathname(e, path);
		free(path);
		if (archive_write_header(out, e) != ARCHIVE_OK) {
			snprintf(why, whylen, "%.200s: %s", name, archive_error_string(out));
			ok = 0;
			break;
		}
		const void *buf;
		size_t len;
		la_int64_t off;
		while (ok && (r = archive_read_data_block(in, &buf, &len, &off)) == ARCHIVE_OK) {
			bytes += (long long)len;
			if (bytes > UNZIP_MAX_BYTES) {
				snprintf(why, whylen, _("it unpacks to more than %lld bytes"), UNZIP_MAX_BYTES);
				ok = 0;
			} else if (archive_write_data_block(out, buf, len, off) != ARCHIVE_OK) {
				snprintf(why, whylen, "%.200s: %s", name, archive_error_string(out));
				ok = 0;
			}
		}
		if (ok && r != ARCHIVE_EOF) {
			snprintf(why, whylen, "%.200s: %s", name, archive_error_string(in));
			ok = 0;
		}
		if (ok && archive_write_finish_entry(out) != ARCHIVE_OK) {
			snprintf(why, whylen, "%.200s: %s", name, archive_error_string(out));
			ok = 0;
		}
		files += type == AE_IFREG;
	}
	if (ok && r != ARCHIVE_EOF) {
		snprintf(why, whylen, _("a damaged zip: %s"), archive_error_string(in));
		ok = 0;
	}
	if (in)
		archive_read_free(in);
	if (out) {
		if (ok && archive_write_close(out) != ARCHIVE_OK) {
			snprintf(why, whylen, "%s", archive_error_string(out));
			ok = 0;
		}
		archive_write_free(out);
	}
	return ok ? files : -1;
}

#else /* the unzip program */

#include <dirent.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

const char *unzip_method(void) { return "the unzip program"; }

/* After unzip: refuse the tree if it holds anything but files and folders
 * (unzip itself keeps entries inside dest), counting the files. */
static long check_tree(const char *dir, int depth, char *why, size_t whylen)
{
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(why, whylen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	long files = 0;
	struct dirent *de;
	while (files >= 0 && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *p = ll_strf("%s/%s", dir, de->d_name);
		struct stat st;
		if (!p || lstat(p, &st) < 0) {
			snprintf(why, whylen, "%s", p ? strerror(errno) : _("out of memory"));
			files = -1;
		} else if (S_ISDIR(st.st_mode) && depth < 32) {
			long f = check_tree(p, depth + 1, why, whylen);
			files = f < 0 ? -1 : files + f;
		} else if (S_ISREG(st.st_mode)) {
			files++;
		} else {
			snprintf(why, whylen, _("the entry '%.200s' is not a file or a folder"), de->d_name);
			files = -1;
		}
		free(p);
	}
	closedir(d);
	return files;
}

/* Run unzip with args; its standard output goes to *listing (read whole,
 * at most max bytes) when listing is not NULL. 0, or -1 with why. */
static int run_unzip(char **argv, char **listing, size_t max, char *why, size_t whylen)
{
	int fds[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (listing) {
		if (pipe(fds) < 0) {
			snprintf(why, whylen, "unzip: %s", strerror(errno));
			return -1;
		}
		posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
		posix_spawn_file_actions_addclose(&fa, fds[0]);
	}
	pid_t pid;
	int rc = posix_spawnp(&pid, "unzip", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (listing)
		close(fds[1]);
	if (rc != 0) {
		if (listing)
			close(fds[0]);
		snprintf(why, whylen, "%s", _("no way to unpack a zip: this latentlab was built "
					      "without libarchive and the unzip program is not "
					      "installed (install the Debian package unzip, or "
					      "libarchive-dev and run configure again)"));
		return -1;
	}
	int bad = 0;
	if (listing) {
		size_t n = 0, cap = 4096;
		char *buf = malloc(cap);
		ssize_t r = 0;
		while (buf && (r = read(fds[0], buf + n, cap - n - 1)) > 0) {
			n += (size_t)r;
			if (n + 1 == cap) {
				char *nb = cap < max ? realloc(buf, 2 * cap) : NULL;
				if (!nb) {
					bad = 1;
					break;
				}
				buf = nb;
				cap *= 2;
			}
		}
		close(fds[0]);
		if (buf)
			buf[n] = '\0';
		*listing = buf;
		bad |= !buf;
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(why, whylen, "unzip: %s", strerror(errno));
			return -1;
		}
	if (bad) {
		snprintf(why, whylen, _("more than %d entries"), UNZIP_MAX_ENTRIES);
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(why, whylen, _("unzip failed (status %d): a damaged zip?"),
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	return 0;
}

long unzip_into(const char *zip, const char *dest, char *why, size_t whylen)
{
	/* First the names (-Z1: one per line), each checked as libarchive's
	 * are, since unzip would quietly rewrite a '..' entry; then -qq: quiet,
	 * -n: never overwrite, -d: into dest. */
	char *list_argv[] = { "unzip", "-Z1", (char *)zip, NULL };
	char *names = NULL;
	if (run_unzip(list_argv, &names, (size_t)UNZIP_MAX_ENTRIES * 512, why, whylen) < 0) {
		free(names);
		return -1;
	}
	long entries = 0;
	for (char *s = names, *nl; s && *s; s = nl ? nl + 1 : s + strlen(s)) {
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		if (++entries > UNZIP_MAX_ENTRIES || !safe_name(s)) {
			if (entries > UNZIP_MAX_ENTRIES)
				snprintf(why, whylen, _("more than %d entries"), UNZIP_MAX_ENTRIES);
			else
				snprintf(why, whylen, _("the entry '%.200s' would land outside the folder"), s);
			free(names);
			return -1;
		}
		if (!nl)
			break;
	}
	free(names);
	char *argv[] = { "unzip", "-qq", "-n", (char *)zip, "-d", (char *)dest, NULL };
	if (run_unzip(argv, NULL, 0, why, whylen) < 0)
		return -1;
	return check_tree(dest, 0, why, whylen);
}
#endif
