# Sourced by ./dhad and ./dhad-workbench: builds the product when it is missing or older than the sources.
#   DHAD_NO_REBUILD=1  start the product as it is, even when sources are newer

# ensure_product NAME PRODUCT_DIR: builds with ./mvnw when PRODUCT_DIR has no launcher, or when a source,
# manifest, model or target file under the repository is newer than the product's config.ini (written by
# every build); says so in one line on stderr.
ensure_product() {
  local name=$1 product=$2 reason=""
  local stamp="$product/configuration/config.ini"
  if [ -z "$(ls "$product"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null)" ] || [ ! -f "$stamp" ]; then
    reason="building the product first (one time, a few minutes)"
  elif [ "${DHAD_NO_REBUILD:-}" != 1 ]; then
    local newer
    newer="$(find "$root/bundles" "$root/features" "$root/releng/org.dhad.product" "$root/target-platform" \
      "$root/pom.xml" -newer "$stamp" -type f -not -path '*/target/*' -not -path '*/src/test/*' \
      \( -name '*.java' -o -name 'MANIFEST.MF' -o -name '*.xml' -o -name '*.properties' -o -name '*.xmi' \
         -o -name '*.ecore' -o -name '*.target' -o -name '*.product' -o -name '*.e4xmi' -o -name '*.css' \) \
      -print -quit 2>/dev/null)"
    [ -n "$newer" ] && reason="sources changed since the product was built (${newer#"$root"/}); rebuilding (DHAD_NO_REBUILD=1 skips this)"
  fi
  if [ -n "$reason" ]; then
    echo "$name: $reason..." >&2
    (cd "$root" && ./mvnw -B -q -DskipTests install) >&2
  fi
}
