#!/usr/bin/env bash
# deps.sh [--bench]: make sure the programs FION's tests (and with --bench,
# the benchmark) need are installed. As root on Debian it installs what is
# missing with apt-get; otherwise it says what is missing and how to get it.
set -euo pipefail

# "package:thing" pairs. On Debian (dpkg-query and apt-get there) the package must be installed:
# a program of the same name elsewhere on PATH is not the package the tests were written for.
# Elsewhere, thing must be found: a command on PATH or an absolute file path.
need=(
	xvfb:Xvfb
	xserver-xephyr:Xephyr
	xserver-xorg-core:Xorg
	xserver-xorg-video-dummy:/usr/lib/xorg/modules/drivers/dummy_drv.so
	xfonts-base:/usr/share/fonts/X11/misc/fonts.alias
	fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
	fonts-droid-fallback:/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
	fonts-noto-color-emoji:/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
	xterm:xterm
	x11-apps:xwd
	x11-utils:xdpyinfo
	x11-xserver-utils:xrandr
	x11-xkb-utils:setxkbmap
	xdotool:xdotool
	zsh:zsh
	polybar:polybar
	rofi:rofi
	suckless-tools:dmenu
	feh:feh
	bspwm:bspwm
	wmctrl:wmctrl
	zenity:zenity
	mandoc:mandoc
	desktop-file-utils:desktop-file-validate
	socat:socat
	imagemagick:convert
	x11proto-dev:/usr/include/X11/keysymdef.h
)
if [[ ${1:-} == --bench ]]; then
	need+=(notion:notion i3-wm:i3 herbstluftwm:herbstluftwm)
elif [[ $# -gt 0 ]]; then
	echo "usage: $0 [--bench]" >&2
	exit 2
fi

debian=false
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	debian=true
fi

# present PACKAGE THING
present() {
	if $debian; then
		[[ $(dpkg-query -W -f '${db:Status-Abbrev}' "$1" 2>/dev/null) == ii* ]]
	elif [[ $2 == /* ]]; then
		[[ -e $2 ]]
	else
		command -v "$2" >/dev/null 2>&1
	fi
}

missing=()
for pair in "${need[@]}"; do
	pkg=${pair%%:*} thing=${pair#*:}
	if ! present "$pkg" "$thing"; then
		missing+=("$pkg")
	fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
	exit 0
fi

echo "deps: missing Debian packages: ${missing[*]}" >&2
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: install them with: sudo apt-get install ${missing[*]}" >&2
	echo "deps: (other systems: install the equivalents of these Debian packages)" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# .ci/run sets FION_APT_UPDATED when it has just updated the package lists.
[[ -n ${FION_APT_UPDATED:-} ]] || apt-get update -q
# No recommends keeps CI lean; what the tests need is listed above.
apt-get install -y -q --no-install-recommends "${missing[@]}"

still=()
for pair in "${need[@]}"; do
	present "${pair%%:*}" "${pair#*:}" || still+=("${pair#*:} (${pair%%:*})")
done
if [[ ${#still[@]} -gt 0 ]]; then
	echo "deps: still missing after apt-get install: ${still[*]}" >&2
	exit 1
fi
echo "deps: installed ${missing[*]}"
