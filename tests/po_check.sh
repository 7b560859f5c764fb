#!/bin/sh
# The message catalogues: every .po is valid (msgfmt --check), po/POTFILES.in
# names every C file of src/ (so no new message is left out of the
# catalogue), and the program speaks the language asked for: --lang, then
# the locale variables, falling back to English for what is not translated.
: "${top_srcdir:=.}" "${LATENTLAB:=./latentlab}"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt not installed"; exit 77; }
for po in "$top_srcdir"/po/*.po; do
	msgfmt --check --statistics -o /dev/null "$po" 2>&1 | sed "s|^|$(basename "$po"): |"
	msgfmt --check -o /dev/null "$po" || bad "$po does not pass msgfmt --check"
done

(cd "$top_srcdir" && find src -name '*.c' | sort) > po_files.$$
grep -v '^#' "$top_srcdir/po/POTFILES.in" | sort > po_listed.$$
missing=$(comm -23 po_files.$$ po_listed.$$)
gone=$(comm -13 po_files.$$ po_listed.$$)
rm -f po_files.$$ po_listed.$$
[ -z "$missing" ] || bad "po/POTFILES.in misses: $missing"
[ -z "$gone" ] || bad "po/POTFILES.in names files that are gone: $gone"

"$LATENTLAB" --lang xx >/dev/null 2>&1
[ $? -eq 2 ] || bad "--lang xx should be a usage error (exit 2)"

# Korean by --lang, by LANGUAGE, and by a Korean LANG even when that locale
# is not installed; English by --lang en and by default.
ko='레슨 목록 열기'
LC_ALL=C.UTF-8 "$LATENTLAB" --lang ko --help | grep -q "$ko" || bad "--lang ko --help is not Korean"
LC_ALL=C.UTF-8 LANGUAGE=ko "$LATENTLAB" --help | grep -q "$ko" || bad "LANGUAGE=ko --help is not Korean"
env -u LC_ALL LANG=ko_KR.UTF-8 "$LATENTLAB" --help | grep -q "$ko" || bad "LANG=ko_KR.UTF-8 --help is not Korean"
LC_ALL=C.UTF-8 LANGUAGE=ko "$LATENTLAB" --lang en --help | grep -q 'open the lesson browser' ||
	bad "--lang en does not win over LANGUAGE=ko"
LC_ALL=C.UTF-8 "$LATENTLAB" --help | grep -q 'open the lesson browser' || bad "the default is not English"
# An error message through the catalogue, and one that is not translated
# (falls back to English rather than to nothing).
LC_ALL=C.UTF-8 "$LATENTLAB" --lang ko stat 2>&1 | grep -q "알 수 없는 명령 'stat'" || bad "errors are not Korean"
out=$(printf 'definitely-not-a-command\n' | LC_ALL=C.UTF-8 "$LATENTLAB" --lang ko repl 2>&1)
[ -n "$out" ] || bad "an untranslated message printed nothing"
# The views' own words (lab/view) through the catalogue too: a step of SGD
# and a comparison's bars, in Korean and in English.
session='load toy
train sgd k=2 epochs=3
step
compare sgd biased k=2 epochs=5 measure=rmse,mae'
out=$(printf '%s\n' "$session" | LC_ALL=C.UTF-8 "$LATENTLAB" --lang ko repl 2>&1)
for w in '에폭 3 뒤의 갱신 (평점 1/33)' '예측 ' 'RMSE (낮을수록 좋음)' '◀ 최고' '척도마다 눈금이 따로입니다'; do
	printf '%s\n' "$out" | grep -qF "$w" || bad "the Korean views lack '$w'"
done
out=$(printf '%s\n' "$session" | LC_ALL=C.UTF-8 "$LATENTLAB" --lang en repl 2>&1)
for w in 'update after epoch 3 (rating 1 of 33)' 'RMSE (lower is better)' '◀ best'; do
	printf '%s\n' "$out" | grep -qF "$w" || bad "the English views lack '$w'"
done
exit $fail
