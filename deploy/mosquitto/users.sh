#!/bin/sh
# Creates or updates deploy/mosquitto/passwd from a list of "user password" lines on standard input,
# with mosquitto's own tool inside its image (hashed passwords, never plain text):
#   printf 'bourtol-ingest s3cret\nbourtol-notifier s3cret2\ngauge-niamey 9f8e…\n' | sh deploy/mosquitto/users.sh
set -eu
cd "$(dirname "$0")"
touch passwd
while read -r user password; do
  [ -n "$user" ] || continue
  docker run --rm -v "$PWD/passwd:/passwd" eclipse-mosquitto:2.0 mosquitto_passwd -b /passwd "$user" "$password"
  echo "set password of $user"
done
