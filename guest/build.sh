#!/usr/bin/env bash
# guest/build.sh OUTDIR
#
# Builds arbor's default test guest from Debian's own riscv64 packages:
#   OUTDIR/Image       raw RISC-V kernel Image (Debian's linux-image-riscv64)
#   OUTDIR/initrd.img  gzip'd newc cpio: busybox-static, e2fsck-static, a few kernel
#                      modules (guest/modules.txt) and guest/init
#
# Packages are fetched with `apt-get download` through a private apt state
# under the cache dir; the host's apt configuration is never changed.
# Downloaded .debs are cached: a later build needs no network at all.
#
# Environment:
#   ARBOR_CACHE          cache root (default: $HOME/.cache/arbor)
#   ARBOR_GUEST_REFRESH  1 = ignore the cached .debs and fetch the newest ones
#   ARBOR_GUEST_SUITES   suites to try, in order (default: "trixie sid")
#   ARBOR_GUEST_MIRROR   Debian mirror (default: the host's, else deb.debian.org)
# See guest/README.md.
set -euo pipefail

PROG=guest/build.sh
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }
log() { printf '%s: %s\n' "$PROG" "$*" >&2; }

[[ $# -eq 1 && -n $1 ]] || { echo "usage: $PROG OUTDIR" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$1
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

CACHE=${ARBOR_CACHE:-${HOME:?neither ARBOR_CACHE nor HOME is set}/.cache/arbor}
GCACHE=$CACHE/guest            # manifest, .debs, logs
DEBDIR=$GCACHE/debs
MANIFEST=$GCACHE/manifest
SUITES=${ARBOR_GUEST_SUITES:-trixie sid}
REFRESH=${ARBOR_GUEST_REFRESH:-0}
# Static tools shipped beside the kernel: the shell and its applets, and an ext4 checker.
TOOL_PKGS=(busybox-static e2fsck-static)
HOST_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
KEYRING=$HOST_KEYRING          # may be replaced by a newer, verified copy

# depmod/modprobe live in /usr/sbin, which a non-root PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"
export LC_ALL=C

for tool in apt-get apt-cache dpkg-deb cpio gzip xz zstd depmod modprobe \
            sha256sum find sort od; do
    command -v "$tool" >/dev/null 2>&1 ||
        die "missing host tool '$tool'; install: $(tr '\n' ' ' < "$HERE/packages.txt")"
done

mkdir -p "$GCACHE" "$DEBDIR"
if command -v flock >/dev/null 2>&1; then
    exec 9>"$GCACHE/.lock"
    flock 9
fi

# ---------------------------------------------------------------- mirror ---

# First main-archive URI of the host's apt sources (deb822 or one-line
# format); security and non-http(s) sources are skipped.
host_mirror() {
    local uris=()
    if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
        mapfile -t uris < <(awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' \
                              /etc/apt/sources.list.d/debian.sources)
    fi
    if [[ ${#uris[@]} -eq 0 && -r /etc/apt/sources.list ]]; then
        # "deb [opt=val ...] URI suite comp..." -> URI
        mapfile -t uris < <(sed -e 's/#.*//' -e 's/\[[^]]*\]//g' /etc/apt/sources.list |
                              awk '$1 == "deb" { print $2 }')
    fi
    local u
    for u in "${uris[@]}"; do
        case $u in *security*|*-ports*) continue ;; http://*|https://*) ;; *) continue ;; esac
        printf '%s\n' "${u%/}"
        return 0
    done
    echo "http://deb.debian.org/debian"
}
MIRROR=${ARBOR_GUEST_MIRROR:-$(host_mirror)}

# ------------------------------------------------------- private apt state ---

APT_OPTS=()
# apt_use NAME ARCH SOURCES-LINE...: private state under $CACHE/apt/NAME.
apt_use() {
    local name=$1 arch=$2; shift 2
    local d=$CACHE/apt/$name
    mkdir -p "$d/state/lists/partial" "$d/cache/archives/partial" \
             "$d/etc/sources.list.d" "$d/etc/preferences.d"
    [[ -e $d/state/status ]] || : > "$d/state/status"
    printf '%s\n' "$@" > "$d/etc/sources.list"
    APT_OPTS=(
        -o "Dir::State=$d/state"
        -o "Dir::State::status=$d/state/status"
        -o "Dir::Cache=$d/cache"
        -o "Dir::Etc::SourceList=$d/etc/sources.list"
        -o "Dir::Etc::SourceParts=$d/etc/sources.list.d"
        -o "Dir::Etc::Preferences=$d/etc/preferences"
        -o "Dir::Etc::PreferencesParts=$d/etc/preferences.d"
        -o "APT::Architecture=$arch"
        -o "APT::Architectures=$arch"
        -o "Acquire::Languages=none"
        -o "APT::Get::AllowUnauthenticated=false"
        -o "Acquire::AllowInsecureRepositories=false"
    )
    # As root apt drops to _apt for downloads, which cannot write our dirs.
    [[ $(id -u) -ne 0 ]] || APT_OPTS+=(-o "APT::Sandbox::User=root")
}

# The host keyring may predate the key that signs the riscv64 suite. Then
# fetch the host release's own debian-archive-keyring package (verified with
# the host keyring, so the chain of trust is kept) and use its keyring.
# Signature checking is never disabled.
newer_keyring() {
    local host_suite arch kdir
    host_suite=$( . /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}" ) || true
    [[ -n $host_suite ]] || return 1
    arch=$(dpkg --print-architecture)
    log "fetching debian-archive-keyring from $host_suite (verified by the host keyring)"
    apt_use "keyring-$host_suite" "$arch" \
        "deb [signed-by=$HOST_KEYRING] $MIRROR $host_suite main" \
        "deb [signed-by=$HOST_KEYRING] $MIRROR $host_suite-updates main"
    # One of the two may fail to verify; apt then ignores its lists (insecure
    # repositories are refused), so only the download below decides.
    apt-get "${APT_OPTS[@]}" -q update > "$GCACHE/apt-keyring.log" 2>&1 || true
    kdir=$GCACHE/keyring
    rm -rf "$kdir" && mkdir -p "$kdir/dl"
    (cd "$kdir/dl" && apt-get "${APT_OPTS[@]}" -q download debian-archive-keyring) \
        >> "$GCACHE/apt-keyring.log" 2>&1 || return 1
    dpkg-deb -x "$kdir"/dl/debian-archive-keyring_*.deb "$kdir/root"
    [[ -s $kdir/root/usr/share/keyrings/debian-archive-keyring.gpg ]] || return 1
    KEYRING=$kdir/root/usr/share/keyrings/debian-archive-keyring.gpg
}

# update SUITE: apt-get update of the private riscv64 state for SUITE.
update_suite() {
    local s=$1 logf=$GCACHE/apt-$1.log
    apt_use "$s" riscv64 "deb [arch=riscv64 signed-by=$KEYRING] $MIRROR $s main"
    log "apt-get update: $MIRROR $s (riscv64)"
    if apt-get "${APT_OPTS[@]}" -q update > "$logf" 2>&1; then
        return 0
    fi
    if grep -qE 'NO_PUBKEY|EXPKEYSIG|KEYEXPIRED|is not signed|signatures couldn.t be verified' "$logf" &&
       [[ $KEYRING == "$HOST_KEYRING" ]] && newer_keyring; then
        apt_use "$s" riscv64 "deb [arch=riscv64 signed-by=$KEYRING] $MIRROR $s main"
        log "apt-get update: $MIRROR $s (riscv64), newer keyring"
        apt-get "${APT_OPTS[@]}" -q update > "$logf" 2>&1 && return 0
    fi
    log "apt-get update for $s failed: $(grep -E '^E:' "$logf" | head -n1) (log: $logf)"
    return 1
}

# Direct Depends (and Pre-Depends) of package $1, one name per line.
pkg_depends() {
    apt-cache "${APT_OPTS[@]}" depends --no-recommends --no-suggests --no-conflicts \
        --no-breaks --no-replaces --no-enhances "$1" 2>/dev/null |
        awk '$1 ~ /^\|?(Pre)?Depends:$/ && $2 !~ /^</ { print $2 }' | sort -u
}

have_pkg() {
    apt-cache "${APT_OPTS[@]}" policy "$1" 2>/dev/null |
        awk '$1 == "Candidate:" { ok = ($2 != "(none)") } END { exit !ok }'
}

# fetch_suite SUITE: resolve + download the guest's packages from SUITE into
# $DEBDIR and write $MANIFEST. Returns 1 (nothing changed) if SUITE can't.
fetch_suite() {
    local s=$1 img abi p d
    update_suite "$s" || return 1

    # linux-image-riscv64 (metapackage) -> linux-image-<abi>-riscv64
    img=$(pkg_depends linux-image-riscv64 | grep -E '^linux-image-[0-9].*-riscv64$' | sort -V | tail -n1 || true)
    if [[ -z $img ]] || ! have_pkg "$img"; then
        log "$s: cannot resolve linux-image-riscv64 to a versioned kernel package"
        return 1
    fi
    abi=${img#linux-image-}
    # Newer kernel packaging splits the image package into linux-binary-*,
    # linux-modules-*, linux-base-* of the same ABI; older ones ship
    # everything in linux-image-*. Take every dependency with that ABI suffix.
    local -a kpkgs=("$img") todo=("$img")
    while [[ ${#todo[@]} -gt 0 ]]; do
        p=${todo[0]}; todo=("${todo[@]:1}")
        while read -r d; do
            [[ $d == *"-$abi" && $d != *-dbg* ]] || continue
            [[ " ${kpkgs[*]} " == *" $d "* ]] && continue
            kpkgs+=("$d"); todo+=("$d")
        done < <(pkg_depends "$p")
    done
    for p in "${kpkgs[@]}" "${TOOL_PKGS[@]}"; do have_pkg "$p" || { log "$s: no $p"; return 1; }; done

    log "$s: downloading ${kpkgs[*]} ${TOOL_PKGS[*]}"
    local dl=$GCACHE/dl.tmp
    rm -rf "$dl" && mkdir -p "$dl"
    if ! (cd "$dl" && apt-get "${APT_OPTS[@]}" -q download "${kpkgs[@]}" "${TOOL_PKGS[@]}") \
            > "$GCACHE/apt-download.log" 2>&1; then
        log "$s: apt-get download failed: $(grep -E '^E:' "$GCACHE/apt-download.log" | head -n1)"
        return 1
    fi

    # Manifest: "suite S", "mirror M", "kernel PKG", then "deb PKG FILE SHA256".
    local tmpm=$MANIFEST.tmp f pkg
    {
        echo "suite $s"
        echo "mirror $MIRROR"
        echo "kernel $img"
        for f in "$dl"/*.deb; do
            pkg=$(dpkg-deb -f "$f" Package)
            echo "deb $pkg $(basename "$f") $(sha256sum < "$f" | cut -d' ' -f1)"
        done
    } > "$tmpm"
    rm -f "$DEBDIR"/*.deb
    mv "$dl"/*.deb "$DEBDIR"/
    rmdir "$dl"
    mv "$tmpm" "$MANIFEST"
}

# cache_ok: the manifest exists and every .deb it lists is present and intact.
cache_ok() {
    [[ -s $MANIFEST ]] || return 1
    grep -q '^kernel ' "$MANIFEST" || return 1
    for p in "${TOOL_PKGS[@]}"; do grep -q "^deb $p " "$MANIFEST" || return 1; done
    local kind pkg file sum
    while read -r kind pkg file sum; do
        [[ $kind == deb ]] || continue
        [[ -f $DEBDIR/$file ]] || return 1
        [[ $(sha256sum < "$DEBDIR/$file" | cut -d' ' -f1) == "$sum" ]] || {
            log "cached $file is corrupt"; return 1; }
    done < "$MANIFEST"
}

if [[ $REFRESH != 1 ]] && cache_ok; then
    log "using cached packages ($(awk '$1=="suite"{print $2}' "$MANIFEST"), $DEBDIR); no network"
else
    [[ $REFRESH == 1 ]] && log "ARBOR_GUEST_REFRESH=1: fetching the newest packages"
    fetched=0
    for s in $SUITES; do
        if fetch_suite "$s"; then fetched=1; break; fi
        log "suite $s unusable, trying the next one"
    done
    [[ $fetched == 1 ]] || die "could not fetch the guest packages from any of: $SUITES (mirror $MIRROR; logs in $GCACHE)"
fi

SUITE=$(awk '$1 == "suite" { print $2 }' "$MANIFEST")
KPKG=$(awk '$1 == "kernel" { print $2 }' "$MANIFEST")
mapfile -t KDEBS < <(awk '$1 == "deb" && $2 !~ /-static$/ { print $3 }' "$MANIFEST")
E2DEB=$(awk '$1 == "deb" && $2 == "e2fsck-static" { print $3 }' "$MANIFEST")
BBDEB=$(awk '$1 == "deb" && $2 == "busybox-static" { print $3 }' "$MANIFEST")

# ---------------------------------------------------------- up to date? ---

STAMP=$OUT/.guest-stamp
SIG=$( { cat "$HERE/build.sh" "$HERE/init" "$HERE/inittab" "$HERE/console" "$HERE/shell-ready" \
                "$HERE/modules.txt" "$HERE/udhcpc.script" "$MANIFEST" "$HERE"/tools/*.c; } | sha256sum | cut -d' ' -f1)
if [[ -f $OUT/Image && -f $OUT/initrd.img && -f $STAMP ]] &&
   [[ $(head -n1 "$STAMP") == "$SIG" ]]; then
    touch "$OUT/Image" "$OUT/initrd.img"
    echo "$(sed -n 2p "$STAMP") (up to date)"
    exit 0
fi

# -------------------------------------------------------------- extract ---

WORK=$(mktemp -d "$OUT/.work.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
EMPTY=$WORK/empty.d          # empty config dir for the host's depmod/modprobe
mkdir -p "$EMPTY" "$WORK/k" "$WORK/bb" "$WORK/e2"

for f in "${KDEBS[@]}"; do dpkg-deb -x "$DEBDIR/$f" "$WORK/k"; done
dpkg-deb -x "$DEBDIR/$BBDEB" "$WORK/bb"
dpkg-deb -x "$DEBDIR/$E2DEB" "$WORK/e2"

# Kernel release = the one directory under (usr/)lib/modules.
MODSRC=
for d in "$WORK"/k/lib/modules/* "$WORK"/k/usr/lib/modules/*; do
    [[ -d $d ]] || continue
    [[ -z $MODSRC ]] || die "more than one kernel in $KPKG: $MODSRC and $d"
    MODSRC=$d
done
[[ -n $MODSRC ]] || die "no lib/modules/<release> directory in the kernel packages"
KREL=$(basename "$MODSRC")

# Normalise to $KROOT/lib/modules/$KREL for depmod/modprobe -b/-d.
KROOT=$WORK/kroot
KMOD=$KROOT/lib/modules/$KREL
mkdir -p "$KROOT/lib/modules"
mv "$MODSRC" "$KMOD"

VMLINUZ=
for f in "$KMOD/vmlinuz" "$WORK/k/boot/vmlinuz-$KREL" "$WORK/k/boot/vmlinux-$KREL"; do
    [[ -f $f ]] && { VMLINUZ=$f; break; }
done
[[ -n $VMLINUZ ]] || die "no vmlinuz for $KREL in $KPKG"
KCONFIG=
for f in "$KMOD/config" "$WORK/k/boot/config-$KREL"; do
    [[ -f $f ]] && { KCONFIG=$f; break; }
done
[[ -n $KCONFIG ]] || die "no kernel config for $KREL in $KPKG"
EPOCH=$(stat -c %Y "$VMLINUZ")     # fixed timestamp for reproducible output

# ---------------------------------------------------------------- Image ---

hexat() { od -An -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }
IMG_TMP=$WORK/Image
case $(hexat "$VMLINUZ" 0 4) in
    1f8b*)    gzip -dc < "$VMLINUZ" > "$IMG_TMP" ;;
    28b52ffd) zstd -q -dc < "$VMLINUZ" > "$IMG_TMP" ;;
    fd377a58) xz -dc < "$VMLINUZ" > "$IMG_TMP" ;;
    *)        cp "$VMLINUZ" "$IMG_TMP" ;;
esac
# RISC-V Image header: magic "RISCV\0\0\0" at 0x30, magic2 "RSC\x05" at 0x38.
[[ $(hexat "$IMG_TMP" 48 8) == 5249534356000000 && $(hexat "$IMG_TMP" 56 4) == 52534305 ]] ||
    die "$(basename "$VMLINUZ") from $KPKG is not a RISC-V kernel Image (no RISCV/RSC\\x05 magic at 0x30/0x38)"

# -------------------------------------------------------------- modules ---

IR=$WORK/initramfs
IRMOD=$IR/lib/modules/$KREL
mkdir -p "$IRMOD"

declare -a MOD_PATHS=() MOD_LOAD=() MOD_BUILTIN=() MOD_ABSENT=()
declare -A SEEN=()
if [[ -d $KMOD/kernel ]]; then
    depmod -b "$KROOT" -C "$EMPTY" "$KREL" || die "depmod failed on $KREL"
fi
while read -r name sym _; do
    if [[ -d $KMOD/kernel ]] &&
       out=$(modprobe -d "$KROOT" -S "$KREL" -C "$EMPTY" --show-depends "$name" 2>/dev/null); then
        while read -r kind path _; do
            case $kind in
                insmod)
                    [[ -n ${SEEN[$path]:-} ]] && continue
                    SEEN[$path]=1
                    MOD_PATHS+=("$path") ;;
                builtin) MOD_BUILTIN+=("$name") ;;
            esac
        done <<< "$out"
        continue
    fi
    case $(sed -n "s/^$sym=//p" "$KCONFIG") in
        y) MOD_BUILTIN+=("$name") ;;
        m) die "$name ($sym=m) has no module file in $KPKG" ;;
        *) MOD_ABSENT+=("$name"); log "note: $name ($sym) is not in this kernel; skipped" ;;
    esac
done < <(sed -e 's/#.*//' "$HERE/modules.txt" | awk 'NF >= 2')

for path in "${MOD_PATHS[@]}"; do
    rel=${path#"$KMOD"/}
    case $rel in
        *.ko.xz)  dst=${rel%.xz};  xz -dc < "$path" > "$WORK/m" ;;
        *.ko.zst) dst=${rel%.zst}; zstd -q -dc < "$path" > "$WORK/m" ;;
        *.ko.gz)  dst=${rel%.gz};  gzip -dc < "$path" > "$WORK/m" ;;
        *.ko)     dst=$rel;        cp "$path" "$WORK/m" ;;
        *) die "unexpected module file $rel" ;;
    esac
    mkdir -p "$IRMOD/$(dirname "$dst")"
    mv "$WORK/m" "$IRMOD/$dst"
    m=$(basename "$dst" .ko)
    MOD_LOAD+=("$m")
done
for f in modules.builtin modules.builtin.modinfo; do
    [[ -f $KMOD/$f ]] && cp "$KMOD/$f" "$IRMOD/$f"
done
# modules.order, cut down to the modules we ship.
if [[ -f $KMOD/modules.order ]]; then
    (cd "$IRMOD" && find kernel -name '*.ko' 2>/dev/null) | sort > "$WORK/shipped"
    awk 'NR == FNR { want[$0] = 1; next } ($0 in want)' "$WORK/shipped" \
        "$KMOD/modules.order" > "$IRMOD/modules.order"
fi
depmod -b "$IR" -C "$EMPTY" "$KREL" || die "depmod failed on the initramfs modules"
# busybox modprobe reads the text files; kmod's binary indexes are not needed.
rm -f "$IRMOD"/*.bin "$IRMOD/modules.builtin.modinfo"

# ------------------------------------------------------------ initramfs ---

BB=$WORK/bb/usr/bin/busybox
[[ -f $BB ]] || BB=$WORK/bb/bin/busybox
[[ -f $BB ]] || die "no busybox binary in $BBDEB"

mkdir -p "$IR"/{bin,sbin,usr/bin,usr/sbin,etc/arbor,dev,proc,sys,tmp,run,root,mnt}
install -m 0755 "$BB" "$IR/bin/busybox"
ln -s busybox "$IR/bin/sh"
# busybox has no ext4 checker: Debian's static e2fsck (tests check guest filesystems with it)
E2FSCK=$WORK/e2/usr/sbin/e2fsck.static
[[ -f $E2FSCK ]] || E2FSCK=$WORK/e2/sbin/e2fsck.static
[[ -f $E2FSCK ]] || die "no e2fsck.static in $E2DEB"
install -m 0755 "$E2FSCK" "$IR/sbin/e2fsck"
ln -s e2fsck "$IR/sbin/fsck.ext4"
install -m 0755 "$HERE/init" "$IR/init"

# Our own small guest programs (guest/tools/NAME.c -> /usr/bin/NAME): what busybox lacks
# (AF_VSOCK, disk benchmarks), built static with Debian's cross compiler.
for src in "$HERE"/tools/*.c; do
    [[ -f $src ]] || continue
    riscv64-linux-gnu-gcc -std=c17 -Wall -Wextra -Werror -O2 -static -o \
        "$IR/usr/bin/$(basename "$src" .c)" "$src" || die "cannot build guest tool $src"
done

install -m 0755 "$HERE/console" "$IR/etc/arbor/console"
install -m 0644 "$HERE/shell-ready" "$IR/etc/arbor/shell-ready"
install -m 0644 "$HERE/inittab" "$IR/etc/inittab"
# busybox udhcpc configures the interface through this script (Debian builds it to look there)
install -D -m 0755 "$HERE/udhcpc.script" "$IR/etc/udhcpc/default.script"

printf '%s\n' "${MOD_LOAD[@]}" > "$IR/etc/arbor/modules"
cat > "$IR/etc/arbor/build-info" <<EOF
kernel_release $KREL
kernel_package $KPKG
suite $SUITE
$(awk '$1 == "deb" { print "deb", $2, $3 }' "$MANIFEST")
EOF
echo 'root:x:0:0:root:/root:/bin/sh' > "$IR/etc/passwd"
echo 'root:x:0:' > "$IR/etc/group"
echo 'arbor-guest' > "$IR/etc/hostname"
chmod 1777 "$IR/tmp"
chmod 0700 "$IR/root"

find "$IR" -exec touch -h -d "@$EPOCH" {} +
INITRD_TMP=$WORK/initrd.img
(cd "$IR" && find . -mindepth 1 -print0 | sort -z |
    cpio --null --create --format=newc --owner=0:0 --reproducible --quiet) |
    gzip -9 -n > "$INITRD_TMP"

# -------------------------------------------------------------- install ---

mv "$IMG_TMP" "$OUT/Image"
mv "$INITRD_TMP" "$OUT/initrd.img"
size_h() { numfmt --to=iec --suffix=B "$(stat -c %s "$1")" 2>/dev/null || stat -c '%s bytes' "$1"; }
KVER=$(dpkg-deb -f "$DEBDIR/$(awk -v p="$KPKG" '$1 == "deb" && $2 == p { print $3 }' "$MANIFEST")" Version)
SUMMARY="arbor guest: kernel $KREL ($KPKG $KVER) from $SUITE; Image $(size_h "$OUT/Image"), initrd.img $(size_h "$OUT/initrd.img") with ${#MOD_LOAD[@]} modules -> $OUT"
printf '%s\n%s\n' "$SIG" "$SUMMARY" > "$STAMP"
log "modules loaded at boot: ${MOD_LOAD[*]:-none}"
log "built in (nothing to ship): ${MOD_BUILTIN[*]:-none}"
[[ ${#MOD_ABSENT[@]} -eq 0 ]] || log "not in this kernel: ${MOD_ABSENT[*]}"
echo "$SUMMARY"
