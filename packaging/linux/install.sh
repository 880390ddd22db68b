#!/bin/sh
# Install LTV Studio for you alone: the `ltv-studio` command, the menu entry with its icon, and
# the project file type (*.ltv.json opens in LTV Studio). Run it from the program's folder,
# wherever you keep that folder:
#
#     ./install.sh              install (again after moving the folder)
#     ./install.sh --uninstall  remove what it installed; the folder itself stays
#
# Nothing outside your home folder is touched, and no administrator rights are needed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
sizes="16 24 32 48 64 128 256 512"

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 &&
        update-desktop-database -q "$data/applications" 2>/dev/null || true
    command -v update-mime-database >/dev/null 2>&1 &&
        update-mime-database "$data/mime" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 &&
        gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
}

if [ "${1-}" = "--uninstall" ]; then
    rm -f "$bin/ltv-studio" "$data/applications/ltv-studio.desktop" \
        "$data/mime/packages/ltv-studio.xml"
    for s in $sizes; do rm -f "$data/icons/hicolor/${s}x${s}/apps/ltv-studio.png"; done
    refresh
    case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in
        ru*) echo "Пункт меню, команда и тип файлов LTV Studio удалены; папка $here осталась." ;;
        *) echo "LTV Studio's menu entry, command and file type are removed; the folder $here stays." ;;
    esac
    exit 0
fi

exe="$here/LTV Studio"
if [ ! -x "$exe" ]; then
    echo "install.sh: run it from the LTV Studio folder (no \"LTV Studio\" program beside it)" >&2
    exit 2
fi
case "$here" in
    *[\"\`\$\\]*)
        echo "install.sh: move the folder to a path without \" \` \$ or \\ first" >&2
        exit 2 ;;
esac

mkdir -p "$bin" "$data/applications" "$data/mime/packages"
ln -sfn "$exe" "$bin/ltv-studio"
sed "s|^Exec=.*|Exec=\"$exe\" %f|" "$here/ltv-studio.desktop" >"$data/applications/ltv-studio.desktop"
cp "$here/ltv-studio.xml" "$data/mime/packages/ltv-studio.xml"
for s in $sizes; do
    mkdir -p "$data/icons/hicolor/${s}x${s}/apps"
    cp "$here/_internal/resources/icons/ltv-studio-$s.png" "$data/icons/hicolor/${s}x${s}/apps/ltv-studio.png"
done
refresh
case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in
    ru*) done_words="LTV Studio есть в меню приложений; в терминале её запускает \`ltv-studio\` ($bin)."
         path_words="Папки $bin ещё нет в PATH: команда \`ltv-studio\` заработает после нового входа в систему, а до того — \"$bin/ltv-studio\"." ;;
    *) done_words="LTV Studio is in your applications menu; \`ltv-studio\` runs it from a terminal ($bin)."
       path_words="$bin is not in your PATH yet: \`ltv-studio\` works after you log in again; until then type \"$bin/ltv-studio\"." ;;
esac
echo "$done_words"
case ":${PATH:-}:" in
    *":$bin:"*) ;;
    *) echo "$path_words" ;;
esac
