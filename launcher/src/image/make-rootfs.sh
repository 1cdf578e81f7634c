#!/bin/sh
# Builds the root file system that the Bourtol image adds on top of an empty base ("scratch"):
# a Java runtime cut to the modules Bourtol uses (jlink, from the JDK that runs the build), the
# shared libraries that runtime links against (found with ldd on the build machine), a passwd entry
# for the non-root user 65532, and writable /tmp and /data. Needs no registry and no Docker daemon,
# so the image builds wherever Maven does (linux/amd64 or arm64, glibc).
#
# Usage: make-rootfs.sh OUT_DIR
set -eu
out="$1"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/data"

# Modules: `jdeps --print-module-deps --ignore-missing-deps --multi-release 17 bourtol.jar`, plus what is
# loaded by name at run time (TLS with elliptic curves, DNS lookups, French and English locale data).
modules="java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.prefs,java.rmi,\
java.security.jgss,java.security.sasl,java.sql,jdk.attach,jdk.jdi,jdk.jfr,jdk.management,jdk.net,jdk.unsupported,\
jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,jdk.localedata"
"$java_home/bin/jlink" --add-modules "$modules" --include-locales=en,fr --strip-debug --no-man-pages \
  --no-header-files --compress=2 --output "$out/opt/java"

# Every shared library the runtime needs, copied with its path (and the loader). The desktop libraries
# (X11 windows, fonts, images) are left out: Bourtol runs headless and never loads them.
libs=$(find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
  ! -name 'libawt_xawt.so' ! -name 'libsplashscreen.so' ! -name 'libfontmanager.so' ! -name 'liblcms.so' \
  ! -name 'libjavajpeg.so' ! -name 'libjawt.so' -exec ldd {} \; 2>/dev/null \
  | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}' | sort -u)
for lib in $libs; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
# RocksDB (the rules' state stores) ships its own .so that links libstdc++ and libgcc_s.
for extra in libstdc++.so.6 libgcc_s.so.1; do
  path=$(ldconfig -p 2>/dev/null | awk -v n="$extra" '$1 == n && /x86-64|AArch64|aarch64/ {print $NF; exit}')
  if [ -n "$path" ]; then mkdir -p "$out$(dirname "$path")"; cp -L "$path" "$out$path"; fi
done

printf 'root:x:0:0:root:/root:/sbin/nologin\nbourtol:x:65532:65532:bourtol:/data:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nbourtol:x:65532:\n' > "$out/etc/group"
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
touch "$out/tmp/.keep" "$out/data/.keep"
echo "image root file system in $out ($(du -sh "$out" | cut -f1))"
