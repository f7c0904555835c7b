#!/usr/bin/env bash
# packaging/check-glibc.sh MAX FILE...: fails when an ELF file needs a GLIBC_x.y symbol
# version newer than MAX (provided.al2023 has glibc 2.34), or a shared library other
# than glibc's own that is not bundled beside it (lib/ of the zip). Prints what it found.
set -euo pipefail
max=$1
shift
status=0
glibc_libs='^(libc|libm|libdl|libpthread|librt|libresolv|libutil|ld-linux-x86-64|ld-linux-aarch64)\.so'
for file in "$@"; do
  newest=$(objdump -T "$file" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
  needed=$(readelf -d "$file" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p' | tr '\n' ' ')
  echo "$(basename "$file"): glibc ${newest:-none}; needs ${needed:-nothing}"
  if [ -n "$newest" ] && [ "$(printf '%s\n%s\n' "$newest" "$max" | sort -V | tail -1)" != "$max" ]; then
    echo "  FAIL: needs GLIBC_$newest > $max:" >&2
    objdump -T "$file" | grep -E "GLIBC_$newest\b" | sed 's/^/    /' >&2
    status=1
  fi
  for lib in $needed; do
    if ! [[ $lib =~ $glibc_libs ]] && [ ! -e "$(dirname "$file")/lib/$lib" ] && [ ! -e "$(dirname "$file")/$lib" ]; then
      echo "  FAIL: needs $lib, which is neither glibc nor bundled" >&2
      status=1
    fi
  done
done
exit $status
