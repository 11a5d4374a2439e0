# FION's build, test, benchmark, demo and install targets (GNU make).

GO      ?= go
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(DESTDIR)$(PREFIX)/bin
MANDIR  := $(DESTDIR)$(PREFIX)/share/man/man1

.PHONY: all build test check-format vet man-lint deps bench run install uninstall clean

all: build

build:
	$(GO) build -o fion .
	@if [ -d cmd/fionctl ]; then echo "$(GO) build -o fionctl ./cmd/fionctl"; $(GO) build -o fionctl ./cmd/fionctl; fi

# The X tests start their own Xvfb/Xephyr/Xorg servers; deps installs them.
test: deps check-format vet man-lint
	$(GO) test -race -count=1 -timeout 12m ./...

deps:
	scripts/deps.sh

check-format:
	@unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files need formatting (run gofmt -w on them):"; \
		echo "$$unformatted"; exit 1; \
	fi

vet:
	$(GO) vet ./...

man-lint:
	@if [ -f fion.1 ]; then echo "mandoc -Tlint fion.1"; mandoc -Tlint fion.1; fi

bench:
	scripts/deps.sh --bench
	$(GO) run ./cmd/fionbench

# With $DISPLAY: FION in an Xephyr window. Without: a scripted demo that
# saves docs/screenshot.png.
run: deps
	scripts/run.sh

install:
	@[ -x fion ] || { echo "no ./fion: run 'make build' first"; exit 1; }
	install -d $(BINDIR) $(MANDIR)
	install -m 755 fion $(BINDIR)/fion
	@if [ -x fionctl ]; then echo "install -m 755 fionctl $(BINDIR)/fionctl"; install -m 755 fionctl $(BINDIR)/fionctl; fi
	install -m 644 fion.1 $(MANDIR)/fion.1

uninstall:
	rm -f $(BINDIR)/fion $(BINDIR)/fionctl $(MANDIR)/fion.1

clean:
	rm -f fion fionctl
