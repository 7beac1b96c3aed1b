#!/usr/bin/env bash
# Athena Sessions developer entry point.
#   ./dev.sh run [app args…]   install what is missing, build, start the app (on the Local sandbox
#                              unless other arguments are given)
#   ./dev.sh test [ctest args…] install what is missing, build, run every test offscreen
#   ./dev.sh build             install what is missing, build
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${BUILD_DIR:-build}
PACKAGES=(
    build-essential cmake ninja-build git
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev libqt6sql6-sqlite
    python3
)

install_missing() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    # The peer tests need botocore, boto3 and the AWS CLI; Debian's packages provide them where
    # no other Python does (moto has no Debian package: its test says so and skips without it).
    local py
    for py in botocore boto3; do
        if ! python3 -c "import $py" >/dev/null 2>&1 && ! /usr/bin/python3 -c "import $py" >/dev/null 2>&1; then
            missing+=("python3-$py")
        fi
    done
    command -v aws >/dev/null 2>&1 || missing+=(awscli)
    if ((${#missing[@]})); then
        local sudo=()
        [ "$(id -u)" -eq 0 ] || sudo=(sudo)
        echo "Installing: ${missing[*]}" >&2
        "${sudo[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    fi
}

build() {
    local werror=OFF
    [ "${CI:-}" = true ] && werror=ON
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATHENA_WERROR="$werror" >/dev/null
    cmake --build "$BUILD_DIR" --parallel
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
    run)
        install_missing
        build
        [ $# -gt 0 ] || set -- --local
        exec "$BUILD_DIR/app/athena-sessions" "$@"
        ;;
    test)
        install_missing
        build
        QT_QPA_PLATFORM=offscreen ctest --test-dir "$BUILD_DIR" --output-on-failure --label-exclude bench "$@"
        ;;
    build)
        install_missing
        build
        ;;
    *)
        sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
