#!/usr/bin/env bash
# Athena Sessions developer entry point.
#   ./dev.sh run [app args…]   install what is missing, build, start the app (on the Local sandbox
#                              unless other arguments are given)
#   ./dev.sh test [ctest args…] install what is missing, build, run every test offscreen, then all
#                              again under ASan/UBSan/LSan, clang-tidy, 30 s of each fuzzer (with
#                              ctest args: only the first stage, filtered), then install the .deb
#                              with apt-get, run it and remove it (as root)
#   ./dev.sh tidy              clang-tidy over app/ and ui/ (the committed .clang-tidy), zero findings
#   ./dev.sh bench             build and print the benchmark figures (README's Performance)
#   ./dev.sh fuzz [seconds]    run each fuzzer longer (default 600 s)
#   ./dev.sh build             install what is missing, build
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${BUILD_DIR:-build}
PACKAGES=(
    build-essential cmake ninja-build git
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-svg-dev libqt6sql6-sqlite qt6-translations-l10n
    python3 clang clang-tidy libclang-rt-14-dev wrk openssl desktop-file-utils appstream help2man dpkg-dev tzdata
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

werror() { if [ "${CI:-}" = true ]; then echo ON; else echo OFF; fi; }

# The .deb installed for real with apt-get, the installed programs run, then removed again.
install_package_for_real() {
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if sudo -n true 2>/dev/null; then
            sudo=(sudo)
        elif [ "${CI:-}" = true ]; then
            echo "== package install: CI runs as root, but this run is not root and has no sudo" >&2
            return 1
        else
            echo "== package install SKIPPED: needs root or sudo (not counted as passed)" >&2
            return 0
        fi
    fi
    (cd "$BUILD_DIR" && rm -rf package && cpack -G DEB >/dev/null)
    local deb
    deb=$(ls "$PWD/$BUILD_DIR"/package/athena-sessions_*_amd64.deb)
    echo "== installing $(basename "$deb") with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$deb" >&2
    QT_QPA_PLATFORM=offscreen /usr/bin/athena-sessions --version
    /usr/bin/athenactl --help | head -1
    /usr/bin/athena-local --version
    test -s /usr/share/man/man1/athenactl.1
    test -s /usr/share/applications/io.github.athenasessions.AthenaSessions.desktop
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get remove -y -qq athena-sessions >&2
    echo "package: installed, ran and removed; 1 passed, 0 failed"
}

build() {
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATHENA_WERROR="$(werror)" >/dev/null
    cmake --build "$BUILD_DIR" --parallel
}

build_sanitized() {
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATHENA_SANITIZE=ON -DATHENA_WERROR="$(werror)" >/dev/null
    cmake --build build-asan --parallel
}

build_fuzzers() {
    cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DATHENA_FUZZ=ON >/dev/null
    cmake --build build-fuzz --parallel
}

# Each fuzzer for $1 seconds on a copy of its committed seed corpus. A non-zero exit, any
# artifact (crash-, leak-, timeout-, oom-, slow-unit-) or a fuzzer that never started fails it.
run_fuzzers() {
    local seconds=$1 target work rc failed=0 passed=0
    for target in json config sigv4 endpoint; do
        work=$(mktemp -d)
        mkdir "$work/corpus" "$work/artifacts"
        cp tests/fuzz/corpus/"$target"/* "$work/corpus"/
        echo "== fuzz_$target for ${seconds}s"
        rc=0
        QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0 build-fuzz/tests/fuzz/fuzz_"$target" "$work/corpus" \
            -max_total_time="$seconds" -print_final_stats=1 -max_len=65536 -artifact_prefix="$work/artifacts/" \
            >"$work/log" 2>&1 || rc=$?
        grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|Done)' "$work/log" || true
        if [ "$rc" -ne 0 ] || [ -n "$(ls -A "$work/artifacts")" ] || ! grep -qE '^#[0-9]+[[:space:]]+(INITED|DONE)' "$work/log" \
            || ! grep -q '^stat::number_of_executed_units' "$work/log"; then
            echo "fuzz_$target FAILED (exit $rc; artifacts: $(ls "$work/artifacts" | tr '\n' ' ')); log and artifacts in $work" >&2
            failed=$((failed + 1))
        else
            passed=$((passed + 1))
            rm -rf "$work"
        fi
    done
    echo "fuzzers: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

# Whether a peer that a test may skip without is on this machine.
peer_available() {
    case $1 in
        moto) python3 -c 'import moto.server' >/dev/null 2>&1 ;;
        boto3) python3 -c 'import boto3' >/dev/null 2>&1 || /usr/bin/python3 -c 'import boto3' >/dev/null 2>&1 ;;
        botocore) python3 -c 'import botocore' >/dev/null 2>&1 || /usr/bin/python3 -c 'import botocore' >/dev/null 2>&1 ;;
        awscli) command -v aws >/dev/null 2>&1 ;;
        wrk) command -v wrk >/dev/null 2>&1 ;;
        openssl) command -v openssl >/dev/null 2>&1 ;;
        qt-tls) ls /usr/lib/*/qt6/plugins/tls/libqopensslbackend.so >/dev/null 2>&1 ;;
        *) return 1 ;;
    esac
}

# A skipped test is reported, never counted as passed (CTest marks QSKIP as "Skipped"). Every
# skip must name the peer it lacks as [peer:NAME]; under CI a skip whose peer is installed, or
# one that names no peer, fails the run.
check_skips() {
    local log="$1/Testing/Temporary/LastTest.log" line peer bad=0 n=0
    while IFS= read -r line; do
        n=$((n + 1))
        echo "skipped: ${line#*SKIP   : }" >&2
        if [[ "$line" != *"[peer:"* ]]; then
            echo "  ^ names no missing peer" >&2
            bad=1
        fi
        for peer in $(grep -o '\[peer:[a-z0-9-]*\]' <<<"$line" | sed 's/^\[peer:\(.*\)\]$/\1/'); do
            if peer_available "$peer"; then
                echo "  ^ but $peer is installed here: the test should have run" >&2
                bad=1
            fi
        done
    done < <(grep -h 'SKIP   : ' "$log" 2>/dev/null || true)
    echo "skipped test functions: $n" >&2
    if [ "$bad" -ne 0 ] && [ "${CI:-}" = true ]; then
        echo "== a test skipped that must run here" >&2
        return 1
    fi
}

# clang-tidy with the committed .clang-tidy over every source file of app/ and ui/.
run_tidy() {
    echo "== clang-tidy (app/, ui/)" >&2
    # (it always asks clang-tidy for colour: strip any escape codes before counting)
    run-clang-tidy-14 -p "$BUILD_DIR" -quiet -j "$(nproc)" "^$PWD/(app|ui)/.*\.cpp\$" 2>&1 \
        | sed 's/\x1b\[[0-9;]*m//g' >"$BUILD_DIR/clang-tidy.log" || true
    local findings
    findings=$(grep -cE '^/.*: (warning|error): ' "$BUILD_DIR/clang-tidy.log" || true)
    grep -E '^/.*: (warning|error): ' "$BUILD_DIR/clang-tidy.log" | sort -u >&2 || true
    echo "clang-tidy: $(grep -c '^clang-tidy-14 ' "$BUILD_DIR/clang-tidy.log" || true) files, $findings findings" >&2
    [ "$findings" -eq 0 ]
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
        echo "== tests" >&2
        QT_QPA_PLATFORM=offscreen ctest --test-dir "$BUILD_DIR" --output-on-failure --label-exclude bench "$@"
        check_skips "$BUILD_DIR"
        [ $# -eq 0 ] || exit 0
        echo "== tests under AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer" >&2
        build_sanitized
        QT_QPA_PLATFORM=offscreen \
            ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
            LSAN_OPTIONS=suppressions="$PWD/tests/sanitizers/lsan.supp":print_suppressions=0 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            ctest --test-dir build-asan --output-on-failure --label-exclude bench
        check_skips build-asan
        run_tidy
        echo "== fuzzers, 30 s each" >&2
        build_fuzzers
        run_fuzzers 30
        install_package_for_real
        ;;
    bench)
        install_missing
        build
        QT_QPA_PLATFORM=offscreen ctest --test-dir "$BUILD_DIR" --output-on-failure --label-regex bench -V | grep -E '^[0-9]+: (\||Machine)' | sed 's/^[0-9]*: //'
        ;;
    fuzz)
        install_missing
        build_fuzzers
        run_fuzzers "${1:-600}"
        ;;
    build)
        install_missing
        build
        ;;
    tidy)
        install_missing
        build
        run_tidy
        ;;
    *)
        sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
