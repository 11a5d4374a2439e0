# FION's build, test, benchmark, demo and install targets (GNU make).

GO      ?= go
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(DESTDIR)$(PREFIX)/bin
MANDIR  := $(DESTDIR)$(PREFIX)/share/man/man1

.PHONY: all build test check-format vet man-lint tidy-check staticcheck fuzz deps bench run screenshot install uninstall clean

all: build

# Static binaries (no cgo): fionctl starts about 0.8 ms faster, which is most of a round trip.
build:
	CGO_ENABLED=0 $(GO) build -o fion .
	CGO_ENABLED=0 $(GO) build -o fionctl ./cmd/fionctl

# staticcheck at a fixed version, fetched by the go command (no install step).
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
# How long each fuzz target runs in `make test`.
FUZZTIME ?= 30s

# The X tests start their own Xvfb/Xephyr/Xorg servers; deps installs them. Then every fuzz
# target runs for $(FUZZTIME).
test: deps check-format vet tidy-check staticcheck man-lint
	$(GO) test -race -count=1 -timeout 12m ./...
	GO=$(GO) scripts/fuzz.sh $(FUZZTIME)

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

tidy-check:
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }

staticcheck:
	$(STATICCHECK) ./...

fuzz:
	GO=$(GO) scripts/fuzz.sh $(FUZZTIME)

man-lint:
	mandoc -Tlint fion.1 fionctl.1

# BENCHFLAGS picks what to run, e.g. make bench BENCHFLAGS="-only storm,churn -churn 5000"
# (go run ./cmd/fionbench -h lists the flags).
BENCHFLAGS ?=
bench:
	scripts/deps.sh --bench
	$(GO) run ./cmd/fionbench $(BENCHFLAGS)

# With $DISPLAY: FION in an Xephyr window. Without: a scripted demo that
# saves a screenshot in the temporary folder (it says where).
run: deps
	scripts/run.sh

# The README's picture: the scripted demo, saved over docs/screenshot.png.
screenshot: deps
	scripts/run.sh -headless -screenshot docs/screenshot.png

BASHDIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR  := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
# Where display managers find the sessions they offer.
XSESSIONDIR := $(DESTDIR)$(PREFIX)/share/xsessions

install: build
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(XSESSIONDIR)
	install -m 755 fion fionctl $(BINDIR)
	install -m 644 fion.1 fionctl.1 $(MANDIR)
	./fionctl completion bash > $(BASHDIR)/fionctl
	./fionctl completion zsh > $(ZSHDIR)/_fionctl
	install -m 644 fion.desktop $(XSESSIONDIR)

uninstall:
	rm -f $(BINDIR)/fion $(BINDIR)/fionctl $(MANDIR)/fion.1 $(MANDIR)/fionctl.1 $(BASHDIR)/fionctl $(ZSHDIR)/_fionctl \
		$(XSESSIONDIR)/fion.desktop

clean:
	rm -f fion fionctl
