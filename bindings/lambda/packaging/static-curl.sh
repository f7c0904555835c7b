#!/usr/bin/env bash
# packaging/static-curl.sh PREFIX: a static libcurl for the deployable bootstrap, with
# only what the bootstrap uses (HTTP(S) over OpenSSL, SigV4), installed in PREFIX.
# Debian's own libcurl.a cannot be linked statically (its GSS-API dependency, krb5, ships
# no static library), so this builds the same source Debian ships, patches included,
# fetched with apt through a private configuration that adds the deb-src entries of the
# system's own Debian sources (the system's apt configuration is left untouched).
set -euo pipefail
prefix=$(realpath -m "$1")
work=$(realpath -m "$prefix/../curl-build")
apt_dir=$work/apt
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$work/src"

for file in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
  [ -f "$file" ] || continue
  case "$file" in
    *.sources) sed -E 's/^Types:.*/Types: deb-src/' "$file" >"$apt_dir/sources.list.d/debian-src.sources" ;;
    *) sed -nE 's/^deb (.*)/deb-src \1/p' "$file" >"$apt_dir/sources.list.d/debian-src.list" ;;
  esac
done
apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=root" -qq)
apt-get "${apt_opts[@]}" update
(cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only curl)
dsc=$(ls "$work"/src/curl_*.dsc | head -1)
rm -rf "$work/src/curl"
dpkg-source -x --no-check "$dsc" "$work/src/curl" >/dev/null

cmake -S "$work/src/curl" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_C_FLAGS="-ffunction-sections -fdata-sections" \
  -DBUILD_SHARED_LIBS=OFF -DBUILD_CURL_EXE=OFF -DBUILD_TESTING=OFF -DENABLE_MANUAL=OFF \
  -DHTTP_ONLY=ON -DCURL_USE_OPENSSL=ON -DOPENSSL_USE_STATIC_LIBS=ON \
  -DCURL_ZLIB=OFF -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF -DUSE_NGHTTP2=OFF -DUSE_LIBIDN2=OFF \
  -DCURL_USE_LIBPSL=OFF -DCURL_USE_LIBSSH2=OFF -DCURL_USE_GSSAPI=OFF \
  -DCURL_DISABLE_LDAP=ON -DCURL_DISABLE_LDAPS=ON -DENABLE_UNIX_SOCKETS=OFF \
  -DCURL_CA_BUNDLE=none -DCURL_CA_PATH=none >"$work/configure.log"
cmake --build "$work/build" -j "$(nproc)" >"$work/build.log" 2>&1
cmake --install "$work/build" >/dev/null
echo "static libcurl: $prefix/lib/libcurl.a"
