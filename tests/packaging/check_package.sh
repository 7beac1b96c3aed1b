#!/usr/bin/env bash
# Builds the .deb with CPack and checks its metadata and contents.
#   check_package.sh BUILD_DIR
set -euo pipefail
build=$1
rm -rf "$build/package"
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/package/athena-sessions_*_amd64.deb)
info=$(dpkg-deb --info "$deb")
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
fail() { echo "check_package: $*" >&2; exit 1; }
grep -q '^ Package: athena-sessions$' <<<"$info" || fail "wrong package name"
grep -q '^ Architecture: amd64$' <<<"$info" || fail "wrong architecture"
for dep in libqt6core6 libqt6widgets6 libqt6network6 libqt6sql6 libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins qt6-translations-l10n; do
    grep -E '^ Depends:' <<<"$info" | grep -q "$dep" || fail "Depends lacks $dep"
done
for path in ./usr/bin/athena-sessions ./usr/bin/athenactl ./usr/bin/athena-local \
            ./usr/share/applications/io.github.athenasessions.AthenaSessions.desktop \
            ./usr/share/metainfo/io.github.athenasessions.AthenaSessions.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/io.github.athenasessions.AthenaSessions.svg \
            ./usr/share/man/man1/athena-sessions.1 ./usr/share/man/man1/athenactl.1 ./usr/share/man/man1/athena-local.1; do
    grep -qx "$path" <<<"$contents" || fail "$path is not in the package"
done
if grep -E '^\./usr/(lib|include)/.*\.(a|h)$' <<<"$contents"; then fail "static libraries or headers in the package"; fi
echo "package: $(basename "$deb"), $(wc -c <"$deb") bytes, $(grep -c . <<<"$contents") entries; $(grep -E '^ Depends:' <<<"$info")"
echo "1 passed, 0 failed"
