#!/usr/bin/env bash
# Builds a local linux/amd64 base image for Jib without Docker or a registry: Debian bookworm
# (debootstrap minbase) plus a jlinked Temurin 25 JRE at /opt/java/openjdk, written as a
# docker-archive tar (manifest.json, config, one layer) that Jib reads as tar://PATH.
# It stands in for public.ecr.aws/amazoncorretto/amazoncorretto:25-al2023-headless, which is
# unreachable here. Prints the tar's path. Cached: a second run with the same JDK and modules
# only prints the path. Needs root and debootstrap (apt-get install -y debootstrap).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${SECURECART_IMAGE_CACHE:-$HOME/.cache/securecart/image}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=$ROOT/server/target/securecart.jar
[ -f "$JAR" ] || { echo "local-base: build the server first (./mvnw -pl server -am package)" >&2; exit 1; }

# The modules the server and its libraries use, plus those loaded reflectively (jdeps cannot see
# them): the Vector API the flags add, EC/zip file systems, and locale data for formatting.
deps=$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 \
  "$JAR" "$ROOT"/server/target/libs/*.jar)
modules="$deps,jdk.incubator.vector,jdk.crypto.ec,jdk.zipfs,jdk.localedata,jdk.charsets"
key=$( (echo "$modules"; "$JAVA_HOME/bin/java" -version 2>&1) | sha256sum | cut -c1-16)
out=$CACHE/base-$key.tar
if [ -f "$out" ]; then echo "$out"; exit 0; fi

# Debian from the mirror apt already uses (deb822 sources or the classic list).
mirror=$(grep -h -m1 -E '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | head -n1)
[ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null)
mirror=${mirror:-http://deb.debian.org/debian}
rootfs=$CACHE/rootfs
if [ ! -f "$CACHE/rootfs.done" ]; then
  rm -rf "$rootfs" && mkdir -p "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >&2
  touch "$CACHE/rootfs.done"
fi

work=$(mktemp -d "$CACHE/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/fs" "$work/archive"
# The cached rootfs stays pristine; the image's filesystem is a copy with the JRE added.
cp -a "$rootfs/." "$work/fs/"
rm -rf "$work/fs/var/cache/apt/"* "$work/fs/var/lib/apt/lists/"*
mkdir -p "$work/fs/opt/java"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$work/fs/opt/java/openjdk" >&2

# Reproducible layer: sorted names, fixed times, numeric owners.
tar -C "$work/fs" --sort=name --mtime=@0 --numeric-owner -cf "$work/archive/layer.tar" .
diff_id=sha256:$(sha256sum "$work/archive/layer.tar" | cut -d' ' -f1)
cat >"$work/archive/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
   "JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
EOF
cat >"$work/archive/manifest.json" <<EOF
[{"Config":"config.json","RepoTags":["securecart/local-base:bookworm-jre25"],"Layers":["layer.tar"]}]
EOF
mkdir -p "$CACHE"
tar -C "$work/archive" --sort=name --mtime=@0 --numeric-owner -cf "$out.tmp" manifest.json config.json layer.tar
mv "$out.tmp" "$out"
echo "$out"
