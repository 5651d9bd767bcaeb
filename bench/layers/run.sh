#!/usr/bin/env bash
# Layer room benchmark: our parallel gzip / zstd (through LayerWriter: tar sha256 + compress + blob sha256 +
# content store write) against pigz, gzip and zstd on a 1 GiB layer (512 MiB urandom + 512 MiB text, as
# /work/shared/bench/cases/big-layer does), and our unpack of a 500 MiB layer against tar -xf.
# Scratch lives under /var/tmp and is removed on exit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scratch="$(mktemp -d /var/tmp/drydock-layers-bench.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
cores="$(nproc)"

dotnet build "$here/LayersBench/LayersBench.csproj" -c Release --nologo -v quiet -o "$scratch/bin" >/dev/null
bench="$scratch/bin/LayersBench"

echo "preparing test layers in $scratch ..." >&2
mkdir -p "$scratch/big/data" "$scratch/mid/data/many"
head -c 536870912 /dev/urandom > "$scratch/big/data/random.bin"
yes 'the quick brown fox jumps over the lazy dog 0123456789' | head -c 536870912 > "$scratch/big/data/text.txt" || true
tar -C "$scratch/big" -cf "$scratch/big.tar" data
rm -rf "$scratch/big"
# 500 MiB layer: one 250 MiB file and 2500 files of 100 KiB (half random, half text)
head -c 262144000 /dev/urandom > "$scratch/mid/data/one.bin"
for i in $(seq 1 1250); do head -c 102400 /dev/urandom > "$scratch/mid/data/many/r$i"; done
for i in $(seq 1 1250); do yes "line $i of some text" | head -c 102400 > "$scratch/mid/data/many/t$i" || true; done
tar -C "$scratch/mid" -cf "$scratch/mid.tar" data
rm -rf "$scratch/mid"
big=$(stat -c %s "$scratch/big.tar"); mid=$(stat -c %s "$scratch/mid.tar")

# seconds for a shell command
timed() { local s e; s=$(date +%s.%N); bash -c "$1" >/dev/null 2>&1; e=$(date +%s.%N); echo "$s $e" | awk '{printf "%.2f", $2-$1}'; }
rate() { awk -v b="$1" -v t="$2" 'BEGIN{printf "%.0f", b/1e6/t}'; }
row() { printf '%-44s %8s s %8s MB/s\n' "$1" "$2" "$(rate "$3" "$2")"; }
ours() { rm -rf "$scratch/store"; "$bench" "$1" "$2" "$scratch/store" 2>/dev/null | awk '{print $1}'; }

cat "$scratch/big.tar" > /dev/null
echo "== compression of a 1 GiB layer ($((big / 1048576)) MiB tar), $cores cores =="
# LayerWriter's figures include what the content store does on every commit: both SHA-256 passes and the fsync that
# makes the blob durable. The CLI tools write to the page cache and stop; each is also timed followed by an fsync of
# its output (coreutils `sync FILE`), which is the same promise the store makes.
ours gzip "$scratch/big.tar" >/dev/null   # warm-up
t_gz=$(ours gzip "$scratch/big.tar");                                                 row "drydock gzip (LayerWriter, parallel, durable)" "$t_gz" "$big"
t_pigz=$(timed "pigz -6 -p $cores -c $scratch/big.tar > $scratch/out.gz");            row "pigz -6 -p $cores"                  "$t_pigz" "$big"
t_pigz_sync=$(timed "pigz -6 -p $cores -c $scratch/big.tar > $scratch/out.gz && sync $scratch/out.gz"); row "pigz -6 -p $cores, then fsync" "$t_pigz_sync" "$big"
row "gzip -6"                                    "$(timed "gzip -6 -c $scratch/big.tar > $scratch/out.gz")" "$big"
rm -f "$scratch/out.gz"
t_zs=$(ours zstd "$scratch/big.tar");                                                 row "drydock zstd (LayerWriter, level 3, T=$cores, durable)" "$t_zs" "$big"
t_zstd=$(timed "zstd -q -3 -T0 -c $scratch/big.tar > $scratch/out.zst");              row "zstd -3 -T0"                        "$t_zstd" "$big"
t_zstd_sync=$(timed "zstd -q -3 -T0 -c $scratch/big.tar > $scratch/out.zst && sync $scratch/out.zst"); row "zstd -3 -T0, then fsync" "$t_zstd_sync" "$big"
rm -f "$scratch/out.zst"
row "drydock uncompressed (LayerWriter, durable)" "$(ours none "$scratch/big.tar")" "$big"
rm -rf "$scratch/store"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", a/b}'; }
echo "throughput ratios (drydock / anchor; target >= 0.90x):"
echo "  gzip vs pigz: $(ratio "$t_pigz" "$t_gz"), vs pigz then fsync: $(ratio "$t_pigz_sync" "$t_gz")"
echo "  zstd vs zstd -T0: $(ratio "$t_zstd" "$t_zs"), vs zstd -T0 then fsync: $(ratio "$t_zstd_sync" "$t_zs")"

echo "== unpack of a 500 MiB layer ($((mid / 1048576)) MiB tar, 2501 files) =="
cat "$scratch/mid.tar" > /dev/null
"$bench" unpack "$scratch/mid.tar" "$scratch/x" >/dev/null; rm -rf "$scratch/x"   # warm-up
t_ours=$("$bench" unpack "$scratch/mid.tar" "$scratch/x" | awk '{print $1}'); rm -rf "$scratch/x"
mkdir -p "$scratch/x"
t_tar=$(timed "tar -C $scratch/x -xf $scratch/mid.tar"); rm -rf "$scratch/x"
row "drydock LayerExtractor"                     "$t_ours" "$mid"
row "tar -xf"                                    "$t_tar" "$mid"
