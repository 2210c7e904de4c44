# Sourced by the scripts that need a tool Debian packages (gradle, maven):
#   . scripts/apt-tool.sh; ensure_apt_tool COMMAND PACKAGE WHO
# Returns at once when COMMAND is on PATH; as root, installs PACKAGE with apt-get; otherwise
# prints the command to run (prefixed by WHO, the calling script's name) and fails.
ensure_apt_tool() {
    local command="$1" package="$2" who="$3"
    command -v "$command" >/dev/null && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "$who: $command is missing; run as root or: sudo apt-get update && sudo apt-get install -y $package" >&2
        return 1
    fi
    echo "$who: installing $package from Debian" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
}
