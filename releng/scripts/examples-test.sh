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
contains "tiny-unet imports org.dhad.djl" 'org.dhad.djl;version="[1.0,2)"'
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
check "experiments new demo" 0 "$dhad" experiments new demo "$work/examples.xmi" --name examples
check "point the experiment at tiny-unet and magnetic-tile" 0 python3 - "$work/examples.xmi" "$data" <<'PY'
import sys
import xml.etree.ElementTree as ET
ET.register_namespace("xmi", "http://www.omg.org/XMI")
ET.register_namespace("dhad", "http://dhad.org/experiment/1.0")
path, data = sys.argv[1], sys.argv[2]
tree = ET.parse(path)
experiment = tree.getroot()
experiment.set("description", "Example plugins: tiny-unet trained from scratch on a generated Magnetic-Tile folder.")
def provider(tag, id, settings):
    element = experiment.find(tag)
    element.set("id", id)
    for old in element.findall("settings"):
        element.remove(old)
    for key, value in settings.items():
        ET.SubElement(element, "settings", key=key, value=value)
provider("backbone", "tiny-unet", {"width": "8"})
provider("dataset", "magnetic-tile", {"root": data})
schedule = experiment.find("schedule")
schedule.set("epochs", "1"); schedule.set("batchSize", "2"); schedule.set("inputSize", "64"); schedule.set("loaderThreads", "1")
tree.write(path, xml_declaration=True, encoding="UTF-8")
PY
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

echo "examples test: $passed passed, $failed failed ($(( $(date +%s) - began )) s; training ${train_seconds:-?} s)"
[ "$failed" -eq 0 ]
