# shellcheck shell=bash
# Installs the shared libraries Lectern's window loads at run time, when some are missing
# (Debian/Ubuntu; with sudo when not run as root). Sourced by scripts/run and
# scripts/startup-time; `install_missing_libraries [EXTRA-PACKAGE...]` also installs the
# Debian packages given when they are not installed.

# Library the window loads at run time, and the Debian/Ubuntu package that provides it.
needed=(
  libxkbcommon.so.0:libxkbcommon0
  libxkbcommon-x11.so.0:libxkbcommon-x11-0
  libGL.so.1:libgl1
  libEGL.so.1:libegl1
  libX11.so.6:libx11-6
  libX11-xcb.so.1:libx11-xcb1
  libwayland-client.so.0:libwayland-client0
  libXcursor.so.1:libxcursor1
  libXrandr.so.2:libxrandr2
  libXi.so.6:libxi6
  libfontconfig.so.1:libfontconfig1 # system fonts for characters the bundled fonts lack
)

install_missing_libraries() {
  [[ $(uname -s) == Linux ]] || return 0
  local ldconfig
  ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
  [[ -x $ldconfig ]] || return 0
  local cache
  cache=$("$ldconfig" -p 2>/dev/null | awk '{print $1}') || return 0
  local missing=() entry package
  for entry in "${needed[@]}"; do
    grep -qxF "${entry%%:*}" <<<"$cache" || missing+=("${entry#*:}")
  done
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [[ ${#missing[@]} -gt 0 ]] || return 0
  if ! command -v apt-get >/dev/null; then
    echo "$(basename "$0"): missing libraries for the window (packages ${missing[*]} on Debian);" \
      "install them with your package manager if Lectern does not start" >&2
    return 0
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || {
      echo "$(basename "$0"): missing ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
      exit 1
    }
    sudo=(sudo)
  fi
  echo "$(basename "$0"): installing ${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

