# Sourced by ./mvnw: MAP Search needs a JDK 21 or newer (Lucene 10). When JAVA_HOME (or the java on
# PATH) is older, pick the newest JDK >= 21 found under the usual install folders.
_map_java_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1 | cut -d. -f1
}
_map_current=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  _map_current="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  _map_current="$(command -v java)"
fi
_map_v=0
[ -n "$_map_current" ] && _map_v="$(_map_java_version "$_map_current")"
case "$_map_v" in '' | *[!0-9]*) _map_v=0 ;; esac
if [ "$_map_v" -lt 21 ]; then
  _map_best="" _map_best_v=0
  for _map_d in /usr/lib/jvm/* /opt/java/openjdk /usr/local/opt/openjdk* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$_map_d/bin/javac" ] || continue
    _map_dv="$(_map_java_version "$_map_d/bin/java")"
    case "$_map_dv" in '' | *[!0-9]*) continue ;; esac
    if [ "$_map_dv" -ge 21 ] && [ "$_map_dv" -gt "$_map_best_v" ]; then _map_best="$_map_d" _map_best_v="$_map_dv"; fi
  done
  if [ -n "$_map_best" ]; then
    JAVA_HOME="$_map_best"
    export JAVA_HOME
  else
    echo "mvnw: MAP Search needs a JDK 21 or newer; found only Java $_map_v. Install one and set JAVA_HOME." >&2
    exit 1
  fi
fi
