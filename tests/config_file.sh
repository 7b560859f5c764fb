#!/bin/sh
# config_file.sh: $XDG_CONFIG_HOME/latentlab/config (else
# ~/.config/latentlab/config). `key = value` lines and # comments set the
# language and the data folder (the theme: tui_user_lessons.sh); --lang
# beats `language`, which beats the locale; LATENTLAB_DATA beats `data`.
# What is wrong is "FILE:LINE: message": an unknown key a warning, a bad
# line or value an error (exit 2, nothing run, but --help still works); a
# long line, a NUL byte, a huge file, a folder or a FIFO in its place are
# errors too, never a crash or a hang.
set -u
: "${LATENTLAB:?}" "${top_srcdir:?}"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp/home XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/share
export HOME XDG_STATE_HOME XDG_CONFIG_HOME XDG_DATA_HOME
unset LATENTLAB_DATA LATENTLAB_PATH LANGUAGE
LC_ALL=C.UTF-8; export LC_ALL
mkdir -p "$HOME" "$tmp/config/latentlab"
cfg=$tmp/config/latentlab/config
fail=0
fail() { echo "FAIL: $*"; fail=1; }

# run WANT ARGS...: latentlab ARGS, stdout in out, stderr in err.
run() {
	want=$1
	shift
	"$LATENTLAB" "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || { fail "'$*' with config '$(head -c 200 "$cfg" 2>/dev/null)' exited $got, expected $want"; cat "$tmp/err"; }
}
err_is() { # the first line of stderr
	line=$(head -n 1 "$tmp/err")
	[ "$line" = "$1" ] || fail "stderr: got '$line', expected '$1'"
}

# No file: no word about it.
run 0 algorithms
[ -s "$tmp/err" ] && fail "no config file, yet stderr: $(cat "$tmp/err")"
"$LATENTLAB" --help > "$tmp/en" || fail "--help"
"$LATENTLAB" --lang ko --help > "$tmp/ko" || fail "--lang ko --help"
cmp -s "$tmp/en" "$tmp/ko" && fail "Korean help equals the English one (no catalogue?)"

# language: comments, blank lines, blanks around '=', CRLF and a BOM are fine.
printf '\357\273\277# my settings\r\n\r\n   # indented comment\n  language   =   ko  \r\n' > "$cfg"
run 0 --help
[ -s "$tmp/err" ] && fail "a good config, yet stderr: $(cat "$tmp/err")"
cmp -s "$tmp/out" "$tmp/ko" || fail "language = ko: --help is not the Korean one"
# The file beats the locale (LANGUAGE=en), --lang beats the file.
LANGUAGE=en run 0 --help
cmp -s "$tmp/out" "$tmp/ko" || fail "language = ko lost to LANGUAGE=en"
run 0 --lang en --help
cmp -s "$tmp/out" "$tmp/en" || fail "--lang en did not beat language = ko"
# The last line that sets a key wins.
printf 'language = ko\nlanguage = en\n' > "$cfg"
run 0 --help
cmp -s "$tmp/out" "$tmp/en" || fail "the last language line did not win"

# data: the folder of MovieLens releases, ~/ is the home folder.
mkdir -p "$HOME/ml" "$tmp/env"
cp -R "$top_srcdir/tests/data/ml100k" "$HOME/ml/ml-100k"
cp -R "$top_srcdir/tests/data/ml100k" "$tmp/env/ml-100k"
chmod -R u+w "$HOME/ml" "$tmp/env"
head -n 2 "$top_srcdir/tests/data/ml100k/u.data" > "$tmp/env/ml-100k/u.data"
ratings_of() { "$LATENTLAB" stats --data "$1" --format csv --table summary | sed -n 's/^ratings,//p'; }
home_n=$(ratings_of "$HOME/ml/ml-100k")
env_n=$(ratings_of "$tmp/env/ml-100k")
[ -n "$home_n" ] && [ "$home_n" != "$env_n" ] || fail "the two copies do not differ ($home_n, $env_n)"
printf 'data = ~/ml\n' > "$cfg"
[ "$(ratings_of ml-100k)" = "$home_n" ] || fail "data = ~/ml: ml-100k not found there"
printf 'load ml-100k\n' | "$LATENTLAB" repl > "$tmp/out" 2>&1 || { fail "repl: load ml-100k with data = ~/ml"; cat "$tmp/out"; }
[ "$(LATENTLAB_DATA=$tmp/env ratings_of ml-100k)" = "$env_n" ] || fail "LATENTLAB_DATA did not beat data ="
# A missing release names the folder and the line it came from.
run 1 stats --data ml-1m
grep -q "$HOME/ml' from .*config:1" "$tmp/err" || { fail "missing ml-1m: no config line named"; cat "$tmp/err"; }

# An unknown key: a warning with a suggestion; the command runs.
printf '# x\nlang = ko\n' > "$cfg"
run 0 algorithms
err_is "$cfg:2: warning: unknown key 'lang' (did you mean 'language'?), ignored"
[ -s "$tmp/out" ] || fail "unknown key: the command did not run"

# Errors: exit 2 before any command runs; --help and --version still work.
bad() { # bad 'FILE CONTENT' 'FIRST LINE OF STDERR'
	printf "$1" > "$cfg"
	run 2 stats --data toy
	err_is "$2"
	[ -s "$tmp/out" ] && fail "a bad config, yet stats ran"
}
bad 'theme = purple\n' "$cfg:1: theme is one of default|contrast|mono, not 'purple'"
bad '\nlanguage = fr\n' "$cfg:2: language is one of ko|en, not 'fr'"
bad 'data = movielens\n' "$cfg:1: data wants an absolute folder (or one under ~/), not 'movielens'"
bad 'theme\n' "$cfg:1: expected 'key = value', not 'theme'"
bad ' = mono\n' "$cfg:1: no key before '='"
bad 'theme =\n' "$cfg:1: no value for theme"
# Every problem is reported, each at its line.
printf 'colour = red\ntheme = purple\nlanguage\n' > "$cfg"
run 2 algorithms
[ "$(wc -l < "$tmp/err")" -eq 3 ] || { fail "three problems, not three messages"; cat "$tmp/err"; }
grep -q "^$cfg:3: expected 'key = value', not 'language'\$" "$tmp/err" || fail "line 3 not reported"
run 0 --help
grep -q "^$cfg:2: theme is one of" "$tmp/err" || fail "--help: the error is not shown"
grep -q '^Usage: latentlab' "$tmp/out" || fail "--help did not run with a bad config"
run 0 --version
# Bounded: a long line, a NUL byte, a file too large.
awk 'BEGIN { printf "data = /"; for (i = 0; i < 5000; i++) printf "x"; print "" }' > "$cfg"
run 2 algorithms
err_is "$cfg:1: line longer than 4096 bytes"
printf 'theme = mono\nlanguage = k\000o\n' > "$cfg"
run 2 algorithms
err_is "$cfg:2: a NUL byte: this is not a text file"
awk 'BEGIN { for (i = 0; i < 20000; i++) print "# a comment line" }' > "$cfg"
run 2 algorithms
grep -q "^$cfg: cannot read it: .*too large\|^$cfg: cannot read it: .*larger" "$tmp/err" || { fail "a 320 KB config:"; cat "$tmp/err"; }
# Not a regular file: a folder, a FIFO (refused at once, no hang).
rm -f "$cfg"
mkdir "$cfg"
run 2 algorithms
grep -q "^$cfg: cannot read it: " "$tmp/err" || { fail "a folder as config:"; cat "$tmp/err"; }
rmdir "$cfg"
if mkfifo "$cfg" 2>/dev/null; then
	timeout 10 "$LATENTLAB" algorithms > "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] || fail "a FIFO as config: exit $rc (124 is a hang)"
	rm -f "$cfg"
fi

# Without XDG_CONFIG_HOME (or with a relative one): ~/.config/latentlab/config.
mkdir -p "$HOME/.config/latentlab"
printf 'theme = purple\n' > "$HOME/.config/latentlab/config"
(unset XDG_CONFIG_HOME; "$LATENTLAB" algorithms > /dev/null 2> "$tmp/err")
[ $? -eq 2 ] || fail "~/.config/latentlab/config was not read"
grep -q "^$HOME/.config/latentlab/config:1: " "$tmp/err" || fail "~/.config: no file:line"
XDG_CONFIG_HOME=relative "$LATENTLAB" algorithms > /dev/null 2>&1
[ $? -eq 2 ] || fail "a relative XDG_CONFIG_HOME was not ignored"

[ "$fail" -eq 0 ] && echo "config file: ok"
exit "$fail"
