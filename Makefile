# sendgen: two commands on a fresh machine.
#   make run   builds sendgen and runs it on samples/ (PDFs in out/)
#   make test  runs every test: unit, golden, fuzz (a few seconds each), race

GO      ?= go
BIN     := bin/sendgen
OUT     ?= out
FUZZTIME ?= 5s
# The date findings are judged against in `make run` and the tests, so that
# a run is clean whatever the calendar says: 1794960000 is 2026-11-18, when
# every event in samples/ has happened and no appeal deadline has passed
# (WCC-2026-0412's, 30 November, is near: one warning).
SOURCE_DATE_EPOCH ?= 1794960000
export SOURCE_DATE_EPOCH

.PHONY: all build run test unit race fuzz vet bench bench-render third-party corpus docs-images clean

all: build

# CGO_ENABLED=0: a static binary. sendgen uses no C code and no network; cgo
# came in only with the net package's resolver (linked through viper's afero
# and crypto/x509), and loading libc cost every run about a millisecond
# (sendgen --help 7.0 -> 5.7 ms, docs/performance.md).
build:
	$(GO) generate ./lint
	CGO_ENABLED=0 $(GO) build -buildvcs=auto -o $(BIN) ./cmd/sendgen

# Clean samples build as final documents; samples/drafts keep their findings
# on purpose and build as drafts with the findings in an appendix.
run: build
	./$(BIN) build --out $(OUT) samples/*.md
	./$(BIN) build --draft --out $(OUT)/drafts samples/drafts
	@echo "PDFs written to $(OUT)/ and $(OUT)/drafts/"

test: vet corpus fuzz unit race third-party

# third_party/ holds upstream code kept as released (plus a small patch), so
# it is left as upstream formatted it; go vet ./... does not enter it (each
# copy is its own module), `make third-party` tests it.
vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' ':!:third_party/**' 2>/dev/null || find . -name '*.go' -not -path './third_party/*'))" || (gofmt -l $$(git ls-files '*.go' ':!:third_party/**') && echo "gofmt needed" && exit 1)
	$(GO) vet ./...

unit:
	$(GO) test -count=1 ./...

race:
	$(GO) test -race -count=1 ./...

# Each parser and the rule engine get a short fuzzing run: every Fuzz target
# in the test files, found there (scripts/fuzz.sh, which also runs a target
# again when Go 1.26's coordinator fails it on its own deadline).
fuzz:
	@scripts/fuzz.sh --self-test
	@GO=$(GO) scripts/fuzz.sh $(FUZZTIME)

# The provision rules against the labelled corpora (shared/ sits beside the
# checkout): dev, the development files, and plans, case files written the
# way real EHC plans are (tables, numbered paragraphs, Section G/H, agreed
# actions). Each is skipped when it is not there.
CORPORA ?= ../shared/corpus/dev ../shared/corpus/plans

corpus: build
	@for d in $(CORPORA); do \
		if [ -d $$d ]; then \
			printf '%s: ' $$d; \
			out=$$(python3 ../shared/corpus/score.py ./$(BIN) $$d --min-precision 0.97 --min-recall 0.97); st=$$?; \
			echo "$$out" | tail -1; \
			if [ $$st -ne 0 ]; then echo "$$out"; exit 1; fi; \
		else echo "corpus: $$d not found, skipped"; fi; \
	done

# The README's pictures: page 1 of each document of samples/WCC-2026-0412.md
# (pdftoppm, from poppler-utils).
docs-images: build
	./$(BIN) render --out $(OUT)/docs-images samples/WCC-2026-0412.md
	for d in position-statement outcome-form certificate; do \
		pdftoppm -r 60 -png -singlefile -f 1 -l 1 $(OUT)/docs-images/WCC-2026-0412-$$d.pdf docs/$$d; \
	done

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./lint ./casefile ./render ./timeline ./sign ./internal/lsp

# Whole-process timings of render and start-up (docs/performance.md); not
# part of `make test`. BASE=path/to/other/sendgen compares two binaries.
bench-render:
	scripts/bench-render.sh

# The patched copies under third_party/ still match their .patch files
# (against the released modules, from the module proxy), and pass their
# own tests.
third-party:
	scripts/third-party.sh check

clean:
	rm -rf bin $(OUT)
