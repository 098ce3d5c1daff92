#!/usr/bin/env bash
# Builds the third-party plugin examples in examples/ with their own Maven builds (bnd-maven-plugin,
# against the published API in ~/.m2) and uses them in the materialized headless product as a user
# would: install, list, train and evaluate with both on a generated Magnetic-Tile folder, remove; and
# checks that a copy built for API 1 is refused with the requirement named while the product keeps working.
# Before that, it proves the plugin-facing bundles (releng/scripts/djl-free-bundles.txt) and the
# Magnetic-Tile jar resolve in a real Equinox without org.dhad.djl (DjlFreeResolution.java).
# Plugins go to a temporary folder (DHAD_PLUGINS_DIR), never to ~/.dhad/plugins.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dhad="$root/dhad"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DHAD_PLUGINS_DIR="$work/plugins"
began=$(date +%s)
passed=0
failed=0
LAST_OUT=""

pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -z "${2:-}" ] || echo "$2" | sed 's/^/     /' | tail -n 40; }

check() { # name, expected exit code, command...
  local name="$1" expected="$2"; shift 2
  local rc
  LAST_OUT="$("$@" 2>&1)"; rc=$?
  if [ "$rc" -eq "$expected" ]; then pass "$name"; else fail "$name: exit $rc, expected $expected" "$LAST_OUT"; fi
}

contains() { # name, needle: in the output of the last check
  if grep -qF -- "$2" <<<"$LAST_OUT"; then pass "$1"; else fail "$1: output lacks '$2'" "$LAST_OUT"; fi
}

lacks() { # name, needle: not in the output of the last check
  if grep -qF -- "$2" <<<"$LAST_OUT"; then fail "$1: output still has '$2'" "$LAST_OUT"; else pass "$1"; fi
}

manifest_header() { # jar, header: the header's value with continuation lines joined
  python3 - "$1" "$2" <<'PY'
import sys, zipfile
text = zipfile.ZipFile(sys.argv[1]).read("META-INF/MANIFEST.MF").decode("utf-8")
headers, name = {}, None
for line in text.replace("\r\n", "\n").split("\n"):
    if line.startswith(" ") and name:
        headers[name] += line[1:]
    elif ":" in line:
        name, value = line.split(":", 1)
        headers[name] = value.strip()
print(headers.get(sys.argv[2], ""))
PY
}

# --- build the examples against the installed API ------------------------------------------------
# The local repository Maven uses: ~/.m2/repository unless MAVEN_OPTS names another.
m2="$(sed -n 's/.*-Dmaven\.repo\.local=\([^ ]*\).*/\1/p' <<<"${MAVEN_OPTS:-}")"
m2="${m2:-$HOME/.m2/repository}"
api_version="$(sed -n 's/^Bundle-Version: *\([0-9.]*\)\.qualifier.*/\1/p' "$root/bundles/org.dhad.api/META-INF/MANIFEST.MF")"
if [ ! -d "$m2/org/dhad/org.dhad.api/${api_version}-SNAPSHOT" ] || [ ! -d "$m2/org/dhad/org.dhad.api.tensor/${api_version}-SNAPSHOT" ]; then
  echo "note: org.dhad.api ${api_version}-SNAPSHOT is not in $m2; installing the product's build first"
  (cd "$root" && ./mvnw -B -q install -DskipTests) || { echo "FAIL ./mvnw install"; exit 1; }
fi
if [ -z "$(ls "$root"/releng/org.dhad.product/target/products/org.dhad.headless/linux/gtk/x86_64/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null)" ]; then
  echo "FAIL the headless product is not materialized; run ./mvnw -B install -DskipTests first"
  exit 1
fi
for example in magnetic-tile-dataset tiny-unet-backbone; do
  check "examples/$example builds with its own Maven build" 0 \
    "$root/mvnw" -B -q -f "$root/examples/$example/pom.xml" package
done
mt_jar="$(ls "$root"/examples/magnetic-tile-dataset/target/com.example.dhad.magnetictile-*.jar 2>/dev/null | head -n 1)"
unet_jar="$(ls "$root"/examples/tiny-unet-backbone/target/com.example.dhad.tinyunet-*.jar 2>/dev/null | head -n 1)"
if [ -z "$mt_jar" ] || [ -z "$unet_jar" ]; then
  fail "example jars missing (magnetic-tile: '${mt_jar}', tiny-unet: '${unet_jar}')"
  echo "examples test: $passed passed, $failed failed ($(( $(date +%s) - began )) s)"
  exit 1
fi

LAST_OUT="$(manifest_header "$mt_jar" Import-Package)"
contains "magnetic-tile imports the API as [2.0,3)" 'org.dhad.api;version="[2.0,3)"'
lacks "magnetic-tile imports nothing of DJL" 'ai.djl'
LAST_OUT="$(manifest_header "$mt_jar" Service-Component)"
contains "magnetic-tile has the DS XML bnd generated" "OSGI-INF/com.example.dhad.magnetictile.internal.MagneticTileDataset.xml"
LAST_OUT="$(manifest_header "$unet_jar" Import-Package)"
contains "tiny-unet imports DJL as [0.36,1)" 'ai.djl.nn;version="[0.36,1)"'
# The range bnd writes follows the package version the example compiled against: the product's export.
djl_export="$(sed -n 's/.*org\.dhad\.djl;version="\([0-9]*\)\.\([0-9]*\)\.[0-9]*".*/\1 \2/p' \
  "$root/bundles/org.dhad.djl/META-INF/MANIFEST.MF" | head -n 1)"
read -r djl_major djl_minor <<<"$djl_export"
contains "tiny-unet imports org.dhad.djl as the product exports it" \
  "org.dhad.djl;version=\"[${djl_major}.${djl_minor},$((djl_major + 1)))\""
contains "tiny-unet imports the tensor API as [2.0,3)" 'org.dhad.api.backbone;version="[2.0,3)"'

# --- the plugin-facing bundles need no DJL: a real Equinox without org.dhad.djl -------------------
plugins_dir="$root/releng/org.dhad.product/target/products/org.dhad.headless/linux/gtk/x86_64/plugins"
osgi_jar="$(ls "$plugins_dir"/org.eclipse.osgi_*.jar | head -n 1)"
check "djl-free bundles and the magnetic-tile jar resolve without DJL; org.dhad.losses does not" 0 \
  java -cp "$osgi_jar" "$root/releng/scripts/DjlFreeResolution.java" "$plugins_dir" \
  "$root/releng/scripts/djl-free-bundles.txt" "$mt_jar"
contains "the resolution check saw the magnetic-tile dataset service" "AnomalyDataset 'magnetic-tile'"
contains "the resolution check saw org.dhad.losses refused" "ok   org.dhad.losses is refused without DJL"
echo "$LAST_OUT" | grep -E '^(ok|FAIL) ' | sed 's/^/     /'

# --- install and list ----------------------------------------------------------------------------
check "plugins install magnetic-tile jar" 0 "$dhad" plugins install "$mt_jar"
contains "magnetic-tile bundle is active" "active"
check "plugins install tiny-unet jar" 0 "$dhad" plugins install "$unet_jar"
contains "tiny-unet bundle is active" "active"
check "dhad plugins --json after install" 0 "$dhad" plugins --json
contains "plugins lists dataset magnetic-tile" '"id": "magnetic-tile"'
contains "plugins lists backbone tiny-unet" '"id": "tiny-unet"'
contains "the product's own plugins are still listed" '"id": "deeplabv3"'

# --- a tiny Magnetic-Tile folder: 64x64 grey tiles, dark blobs and cracks with their masks ----------
cat >"$work/MakeTiles.java" <<'JAVA'
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes MT_Free (good), MT_Blowhole and MT_Crack tiles with same-name PNG masks under args[0]. */
public class MakeTiles {
    public static void main(String[] args) throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            write(args[0], "MT_Free", "exp1_num_" + i, random, 0);
        }
        for (int i = 0; i < 3; i++) {
            write(args[0], "MT_Blowhole", "exp2_num_" + i, random, 1);
            write(args[0], "MT_Crack", "exp3_num_" + i, random, 2);
        }
    }

    static void write(String root, String folder, String name, Random random, int defect) throws Exception {
        File dir = new File(root, folder + "/Imgs");
        dir.mkdirs();
        BufferedImage tile = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        int cx = 16 + random.nextInt(32), cy = 16 + random.nextInt(32);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int v = 150 + (int) (20 * Math.sin(x / 5.0)) + random.nextInt(16);
                boolean hit = defect == 1 ? (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 36
                        : defect == 2 && Math.abs(y - cy - (x - cx) / 2) <= 1 && Math.abs(x - cx) <= 14;
                tile.getRaster().setSample(x, y, 0, hit ? 40 : v);
                mask.getRaster().setSample(x, y, 0, hit ? 255 : 0);
            }
        }
        ImageIO.write(tile, "jpg", new File(dir, name + ".jpg"));
        ImageIO.write(mask, "png", new File(dir, name + ".png"));
    }
}
JAVA
data="$work/Magnetic-tile-defect-datasets"
check "generate a Magnetic-Tile folder" 0 java "$work/MakeTiles.java" "$data"
check "datasets inspect --layout magnetic-tile" 0 "$dhad" datasets inspect "$data" --layout magnetic-tile
contains "inspect counts the crack tiles" "crack"

# --- train and evaluate with both plugins ----------------------------------------------------------
check "experiments new with tiny-unet and magnetic-tile" 0 "$dhad" experiments new demo "$work/examples.xmi" \
  --name examples --backbone tiny-unet --set backbone.width=8 --dataset magnetic-tile --set dataset.root="$data" \
  --set schedule.epochs=1 --set schedule.batchSize=2 --set schedule.inputSize=64 --set schedule.loaderThreads=1
train_start=$(date +%s)
check "train with tiny-unet on magnetic-tile (1 epoch, --evaluate)" 0 \
  "$dhad" train "$work/examples.xmi" --runs "$work/runs" --epochs 1 --evaluate
train_seconds=$(( $(date +%s) - train_start ))
metrics="$(ls "$work"/runs/examples/*/metrics.json 2>/dev/null | head -n 1)"
if [ -n "$metrics" ]; then pass "run folder has metrics.json (${train_seconds} s)"; else fail "no metrics.json under $work/runs/examples" "$LAST_OUT"; fi
if [ -n "$metrics" ]; then
  LAST_OUT="$(cat "$metrics")"
  contains "metrics.json has the magnetic-tile category" "magnetic-tile"
fi

# --- remove --------------------------------------------------------------------------------------
check "plugins remove com.example.dhad.magnetictile" 0 "$dhad" plugins remove com.example.dhad.magnetictile
check "plugins remove com.example.dhad.tinyunet" 0 "$dhad" plugins remove com.example.dhad.tinyunet
check "dhad plugins --json after remove" 0 "$dhad" plugins --json
lacks "magnetic-tile is gone" '"id": "magnetic-tile"'
lacks "tiny-unet is gone" '"id": "tiny-unet"'
check "plugins installed after remove" 0 "$dhad" plugins installed
lacks "no example bundle is installed" "com.example.dhad"

# --- a copy built for API 1 is refused, naming the requirement --------------------------------------
broken="$work/broken/com.example.dhad.magnetictile-api1.jar"
mkdir -p "$work/broken"
check "make a copy importing org.dhad.api [1.0,2)" 0 python3 - "$mt_jar" "$broken" <<'PY'
import sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(source) as jar, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
    for item in jar.infolist():
        data = jar.read(item.filename)
        if item.filename == "META-INF/MANIFEST.MF":
            lines = []
            for line in data.decode("utf-8").replace("\r\n", "\n").split("\n"):
                if line.startswith(" ") and lines:
                    lines[-1] += line[1:]
                elif line:
                    lines.append(line)
            old = 'org.dhad.api;version="[2.0,3)"'
            if not any(old in line for line in lines):
                sys.exit("no " + old + " in the manifest")
            lines = [line.replace(old, 'org.dhad.api;version="[1.0,2)"') for line in lines]
            # Manifest lines hold at most 72 bytes; longer ones continue after a leading space.
            wrapped = []
            for line in lines:
                wrapped.append(line[:72])
                wrapped.extend(" " + line[i:i + 71] for i in range(72, len(line), 71))
            data = ("\r\n".join(wrapped) + "\r\n\r\n").encode("utf-8")
        out.writestr(item, data)
PY
check "plugins install of the API-1 copy fails" 1 "$dhad" plugins install "$broken"
contains "the message names the package" "org.dhad.api"
contains "the message names the version range" "version >= 1.0.0, not >= 2.0.0"
check "dhad plugins still works" 0 "$dhad" plugins --json
contains "the product's plugins are still listed" '"id": "deeplabv3"'
lacks "the refused copy is not listed" '"id": "magnetic-tile"'
if [ -z "$(ls "$DHAD_PLUGINS_DIR"/*.jar 2>/dev/null)" ]; then
  pass "the refused copy was not kept in the plugins folder"
else
  fail "the plugins folder still holds: $(ls "$DHAD_PLUGINS_DIR")"
fi

# --- the plugin of docs/writing-plugins.md, section 1, built from the page's own text -------------------
# Every fenced block whose info string names a file (```java file=src/...) is written out as that file,
# so the pom and code a reader copies are the ones built and used here.
doc="$work/doc-plugin"
check "copy the pom and code blocks out of docs/writing-plugins.md" 0 python3 - "$root/docs/writing-plugins.md" "$doc" <<'PY'
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"^```\w* file=(\S+)\n(.*?)^```$", text, re.S | re.M)
for name, body in blocks:
    path = os.path.join(sys.argv[2], name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w", encoding="utf-8").write(body)
    print(name)
if sorted(n for n, _ in blocks) != ["pom.xml", "src/main/java/com/example/inspection/IouAtBestF1.java",
                                    "src/main/java/com/example/inspection/Ksdd2Dataset.java"]:
    sys.exit("expected the pom and the two Java files, found: " + ", ".join(n for n, _ in blocks))
PY
check "the doc's plugin builds with the doc's pom" 0 "$root/mvnw" -B -q -f "$doc/pom.xml" package
doc_jar="$doc/target/com.example.inspection-1.0.0.jar"
check "plugins install the doc's plugin" 0 "$dhad" plugins install "$doc_jar"
contains "the doc's bundle is active" "active"
check "dhad plugins --json lists both of its components" 0 "$dhad" plugins --json
contains "plugins lists dataset ksdd2" '"id": "ksdd2"'
contains "plugins lists metric iou-best-f1" '"id": "iou-best-f1"'

# A KolektorSDD2 folder: striped 64x64 parts, dark spots on the defective ones, black _GT masks on good
# ones; one defective training image (left out of training). Maps for evaluate-maps: 'perfect' is each
# mask itself, 'inverted' scores every good pixel above every defective one, so its IoU at the best F1
# is (defective pixels) / (all pixels), which the generator writes to expected-iou.txt.
cat >"$work/MakeKsdd2.java" <<'JAVA'
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

public class MakeKsdd2 {
    static long defective, all;

    public static void main(String[] args) throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 12; i++) {
            write(args[0], args[1], "train", 10000 + i, random, i == 11);
        }
        for (int i = 0; i < 8; i++) {
            write(args[0], args[1], "test", 20000 + i, random, i >= 4);
        }
        Files.writeString(Path.of(args[1], "expected-iou.txt"), Double.toString((double) defective / all));
    }

    static void write(String root, String maps, String split, int id, Random random, boolean defect) throws Exception {
        new File(root, split).mkdirs();
        BufferedImage part = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage perfect = new BufferedImage(64, 64, BufferedImage.TYPE_USHORT_GRAY);
        BufferedImage inverted = new BufferedImage(64, 64, BufferedImage.TYPE_USHORT_GRAY);
        int cx = 16 + random.nextInt(32), cy = 16 + random.nextInt(32);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                boolean hit = defect && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 30;
                int v = hit ? 30 : 140 + (int) (30 * Math.sin(y / 3.0)) + random.nextInt(12);
                part.setRGB(x, y, v << 16 | v << 8 | (v / 2));
                mask.getRaster().setSample(x, y, 0, hit ? 255 : 0);
                perfect.getRaster().setSample(x, y, 0, hit ? 65535 : 0);
                inverted.getRaster().setSample(x, y, 0, hit ? 0 : 65535);
                if (split.equals("test")) {
                    defective += hit ? 1 : 0;
                    all++;
                }
            }
        }
        ImageIO.write(part, "png", new File(root, split + "/" + id + ".png"));
        ImageIO.write(mask, "png", new File(root, split + "/" + id + "_GT.png"));
        if (split.equals("test")) {
            String defectType = defect ? "defect" : "good";
            for (String kind : new String[] {"perfect", "inverted"}) {
                File folder = new File(maps, kind + "/ksdd2/" + defectType);
                folder.mkdirs();
                ImageIO.write(kind.equals("perfect") ? perfect : inverted, "png", new File(folder, id + ".png"));
            }
        }
    }
}
JAVA
ksdd2="$work/KolektorSDD2"
check "generate a KolektorSDD2 folder and maps" 0 java "$work/MakeKsdd2.java" "$ksdd2" "$work/ksdd2-maps"
check "datasets inspect --layout ksdd2" 0 "$dhad" datasets inspect "$ksdd2" --layout ksdd2
check "inspect counts 11 good training images (the defective one left out) and 4 defective test images" 0 \
  python3 -c 'import re,sys; t=sys.stdin.read(); sys.exit(0 if re.search(r"ksdd2\s+train\s+good\s+11\s", t) and re.search(r"ksdd2\s+test\s+defect\s+4\s+4\s", t) else 1)' <<<"$LAST_OUT"
check "experiments new refuses a metric nothing provides" 1 "$dhad" experiments new demo "$work/ksdd2.xmi" \
  --dataset ksdd2 --set dataset.root="$ksdd2" --metric no-such-metric
contains "the refusal names the unknown metric" "no-such-metric"
if [ -e "$work/ksdd2.xmi" ]; then fail "the refused experiments new wrote $work/ksdd2.xmi"; else pass "the refused experiments new wrote nothing"; fi
check "experiments new with the doc's dataset and metric" 0 "$dhad" experiments new demo "$work/ksdd2.xmi" \
  --name ksdd2 --dataset ksdd2 --set dataset.root="$ksdd2" --metric iou-best-f1 \
  --set schedule.epochs=1 --set schedule.batchSize=2 --set schedule.inputSize=64 --set schedule.loaderThreads=1
check "train --evaluate with the doc's dataset and metric" 0 "$dhad" train "$work/ksdd2.xmi" --runs "$work/runs" --evaluate
contains "the evaluation table has iou-best-f1" "iou-best-f1"
ksdd2_metrics="$(ls "$work"/runs/ksdd2/*/metrics.json 2>/dev/null | head -n 1)"
check "metrics.json of the ksdd2 run has a finite iou-best-f1 in [0, 1]" 0 python3 - "${ksdd2_metrics:-missing}" <<'PY'
import json, sys
value = json.load(open(sys.argv[1]))["categories"]["ksdd2"]["iou-best-f1"]["value"]
print(value)
sys.exit(0 if value is not None and 0 <= value <= 1 else 1)
PY
check "evaluate-maps with the doc's dataset and metric, perfect maps" 0 "$dhad" evaluate-maps \
  --dataset "ksdd2:$ksdd2" --maps "$work/ksdd2-maps/perfect" --metrics iou-best-f1 --out "$work/eval-perfect"
check "perfect maps give iou-best-f1 = 1 exactly" 0 python3 - "$work/eval-perfect/metrics.json" <<'PY'
import json, sys
value = json.load(open(sys.argv[1]))["categories"]["ksdd2"]["iou-best-f1"]["value"]
print(value)
sys.exit(0 if value == 1.0 else 1)
PY
check "evaluate-maps, inverted maps" 0 "$dhad" evaluate-maps \
  --dataset "ksdd2:$ksdd2" --maps "$work/ksdd2-maps/inverted" --metrics iou-best-f1 --out "$work/eval-inverted"
check "inverted maps give iou-best-f1 = defective share of the pixels" 0 python3 - \
  "$work/eval-inverted/metrics.json" "$work/ksdd2-maps/expected-iou.txt" <<'PY'
import json, sys
value = json.load(open(sys.argv[1]))["categories"]["ksdd2"]["iou-best-f1"]["value"]
expected = float(open(sys.argv[2]).read())
print(value, expected)
sys.exit(0 if abs(value - expected) < 1e-12 else 1)
PY
check "plugins remove com.example.inspection" 0 "$dhad" plugins remove com.example.inspection
check "plugins installed after removing the doc's plugin" 0 "$dhad" plugins installed
lacks "the doc's bundle is gone" "com.example.inspection"

echo "examples test: $passed passed, $failed failed ($(( $(date +%s) - began )) s; training ${train_seconds:-?} s)"
[ "$failed" -eq 0 ]
