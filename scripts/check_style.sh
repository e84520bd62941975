#!/bin/sh
# Style checks over every C source and header of the tree (not the build dirs):
#   check_style.sh format     clang-format with the committed .clang-format
#   check_style.sh cppcheck   cppcheck, every finding an error
set -eu
base=$(cd "$(dirname "$0")/.." && pwd)
cd "$base"

c_files() {
	find arch bench drivers include kernel lib samples scripts soc tests \
		-name '*.[ch]' -not -path '*/build*' | sort
}

case "${1:-}" in
format)
	# shellcheck disable=SC2046
	clang-format --dry-run --Werror --style=file $(c_files)
	echo "clang-format: $(c_files | wc -l) files formatted as .clang-format says"
	;;
cppcheck)
	# Guest code sees Kconfig and devicetree macros only in a build; check it
	# as the compiler does not: every #if branch, unknown macros left alone.
	# Every finding fails the check, whatever its severity: cppcheck's own
	# exit code ignores some (portability warnings, for one).
	findings=$(cppcheck --quiet --enable=warning,style,performance,portability \
		--inline-suppr --std=c11 -I include \
		--suppress=missingIncludeSystem --suppress=unusedFunction \
		--suppress=unmatchedSuppression \
		--template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
		$(c_files) 2>&1)
	if [ -n "$findings" ]; then
		echo "$findings"
		exit 1
	fi
	echo "cppcheck: $(c_files | wc -l) files, no findings"
	;;
*)
	echo "usage: $0 format|cppcheck" >&2
	exit 2
	;;
esac
