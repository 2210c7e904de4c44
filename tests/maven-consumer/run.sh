#!/usr/bin/env bash
# Publishes io.github.tlssig:tls-sig to the local Maven repository (gradle publishToMavenLocal)
# and runs this consumer project against it with the machine's Maven (mvn test): the Demo flow
# through the legacy class and the modern API, with no library path set.
#
# Maven Central is used only for Maven's plugins and JUnit. Installs Maven from Debian when it is
# missing (as root). Set MAVEN_CONSUMER_SKIP_PUBLISH=1 to test what is already published.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

. "$root/scripts/apt-tool.sh"
ensure_apt_tool mvn maven maven-consumer

version="$(sed -n "s/^version = '\(.*\)'/\1/p" "$root/build.gradle")"
[ -n "$version" ] || { echo "maven-consumer: no version in build.gradle" >&2; exit 1; }
repo="$(mvn -q -B help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || true)"
[ -d "$repo" ] || repo="$HOME/.m2/repository"

if [ "${MAVEN_CONSUMER_SKIP_PUBLISH:-}" != 1 ]; then
    # a fresh publication: nothing left from an earlier run can satisfy the dependency
    rm -rf "$repo/io/github/tlssig/tls-sig"
    (cd "$root" && gradle --no-daemon --console=plain -q publishToMavenLocal)
fi
for f in tls-sig-$version.jar tls-sig-$version-sources.jar tls-sig-$version-javadoc.jar tls-sig-$version.pom; do
    [ -s "$repo/io/github/tlssig/tls-sig/$version/$f" ] || { echo "maven-consumer: $f was not published" >&2; exit 1; }
done

# JDK 17+ takes --enable-native-access; older JDKs refuse it
major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | sed 's/^1\.//')"
access=--enable-native-access=ALL-UNNAMED
[ "${major:-0}" -ge 17 ] || access=

cd "$here"
mvn -B -ntp "-Dtls-sig.version=$version" "-Dnative.access=$access" test
