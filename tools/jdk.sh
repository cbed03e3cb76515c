# Shared by the launchers (./fashion, ./myelin-shell): finding a JDK 25. Source it after setting
# `launcher` to the script's name, for the messages.
# shellcheck shell=bash

required=25

say() { echo "$launcher: $*" >&2; }

# The major version of a java binary: 25 for "25.0.1", 1 for "1.8".
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

find_java() {
  local candidates=() found=() java major
  if [[ -n "${JAVA_HOME:-}" ]]; then
    candidates+=("$JAVA_HOME/bin/java")
  fi
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(command -v java)")
  fi
  for java in "${candidates[@]}"; do
    [[ -x "$java" ]] || { found+=("$java (not executable)"); continue; }
    major="$(java_major "$java")"
    if [[ -n "$major" && "$major" -ge "$required" ]]; then
      echo "$java"
      return 0
    fi
    found+=("$java (Java ${major:-of unknown version})")
  done
  say "needs Java $required or newer (a JDK, to build the program the first time)."
  if [[ ${#found[@]} -gt 0 ]]; then
    say "found only: $(printf '%s; ' "${found[@]}" | sed 's/; $//')"
  else
    say "found no java: JAVA_HOME is not set and there is no java on the PATH."
  fi
  say "Install a JDK $required, e.g. Eclipse Temurin from https://adoptium.net, or your package manager's"
  say "(apt install openjdk-$required-jdk, brew install openjdk@$required, sdk install java $required-tem),"
  say "then point JAVA_HOME at it: export JAVA_HOME=/path/to/jdk-$required"
  return 1
}

