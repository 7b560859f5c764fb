#!/bin/sh
# The message catalogues: every .po is valid (msgfmt --check), and the
# program speaks the language asked for: --lang, then the locale variables,
# falling back to English for what is not translated.
: "${top_srcdir:=.}" "${LATENTLAB:=./latentlab}"
fail=0
command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt not installed"; exit 77; }
for po in "$top_srcdir"/po/*.po; do
	msgfmt --check --statistics -o /dev/null "$po" 2>&1 | sed "s|^|$(basename "$po"): |"
	msgfmt --check -o /dev/null "$po" || { echo "FAIL: $po does not pass msgfmt --check"; fail=1; }
done
"$LATENTLAB" --lang xx >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: --lang xx should be a usage error (exit 2)"; fail=1; }
exit $fail
