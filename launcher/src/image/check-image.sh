#!/bin/sh
# Checks the image tarball that `mvn -Pimage package` writes: its configuration (non-root user, entrypoint,
# environment-only configuration, /data volume, port 8080) and, when run as root on Linux, that the
# unpacked image starts the Bourtol command as user 65532 in a chroot (working directory /data) with its own /proc (as a container
# runtime would), so a missing library or permission fails here rather than on a deployment.
#
# Usage: check-image.sh launcher/target/bourtol-image.tar [bourtol arguments...]   (default: --version)
set -eu
tarball=$(readlink -f "$1"); shift
[ $# -gt 0 ] || set -- --version
work=$(mktemp -d)
trap 'umount "$work/root/proc" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
tar xf "$tarball"
python3 - <<'PY'
import json, sys
m = json.load(open("manifest.json"))[0]
c = json.load(open(m["Config"]))["config"]
problems = []
if c.get("User") != "65532:65532": problems.append("user is %r, expected 65532:65532" % c.get("User"))
if c.get("Entrypoint", [None])[0] != "/opt/java/bin/java": problems.append("entrypoint %r" % c.get("Entrypoint"))
if "8080/tcp" not in c.get("ExposedPorts", {}): problems.append("port 8080 not exposed")
if "/data" not in c.get("Volumes", {}): problems.append("/data is not a volume")
env = dict(e.split("=", 1) for e in c.get("Env", []))
if env.get("BOURTOL_HTTP_HOST") != "0.0.0.0": problems.append("BOURTOL_HTTP_HOST must be 0.0.0.0 in a container")
if problems: sys.exit("image config: " + "; ".join(problems))
open("layers", "w").write("\n".join(m["Layers"]) + "\n")
print("image config ok: user %s, entrypoint %s, cmd %s" % (c["User"], " ".join(c["Entrypoint"]), c.get("Cmd")))
PY
mkdir root
while read -r layer; do tar xzf "$layer" -C root --warning=no-unknown-keyword; done < layers
for f in /opt/java/bin/java /lib64/ld-linux-x86-64.so.2 /app/jib-classpath-file; do
  [ -e "root$f" ] || { echo "missing in image: $f" >&2; exit 1; }
done
[ -x root/opt/java/bin/java ] || { echo "/opt/java/bin/java is not executable" >&2; exit 1; }
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
  echo "image layout ok (not root: the start check needs chroot and is skipped)"
  exit 0
fi
mkdir -p root/proc
# What a container runtime mounts into every container: its /etc/hosts (with its host name) and resolv.conf.
printf '127.0.0.1 localhost %s\n::1 localhost ip6-localhost\n' "$(hostname)" > root/etc/hosts
cp /etc/resolv.conf root/etc/resolv.conf 2>/dev/null || true
# The entrypoint as the image declares it, under the image's user, in its working directory (/data),
# with the image's environment.
env -i BOURTOL_DATA_DIR=/data BOURTOL_HTTP_HOST=0.0.0.0 JAVA_HOME=/opt/java HOME=/data \
  unshare --mount --pid --fork sh -c 'mount -t proc proc "$0/proc" && exec unshare --root="$0" --wd=/data --setgid 65532 --setuid 65532 /opt/java/bin/java -XX:MaxRAMPercentage=75 -cp @/app/jib-classpath-file org.bourtol.launcher.Bourtol "$@"' \
  "$work/root" "$@"
