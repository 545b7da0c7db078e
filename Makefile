# labconsole — see README.md. Two commands matter on a fresh machine: make run, make test.
GO      ?= go
PKGS    := ./...
BIN     := bin/labconsole

.PHONY: run test build bench sim serve lint fmt golden

## run: the console on the embedded simulator (state under $XDG_DATA_HOME/labconsole)
run:
	$(GO) run ./cmd/labconsole

## test: gofmt and vet, then every test with the race detector (AWS CLI tests need `aws`)
test:
	@test -z "$$(gofmt -l .)" || (echo "gofmt would change:"; gofmt -l .; exit 1)
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)

## build: the binary in bin/
build:
	$(GO) build -o $(BIN) ./cmd/labconsole

## bench: the benchmarks (tagged `bench`, so `make test` stays fast), including the 30 s
## SSH load of `labconsole serve` (50 sessions on loopback; MB/session and p99-ms)
bench:
	$(GO) test -tags bench -run '^$$' -bench . -benchmem $(PKGS)

## sim: the simulator on 127.0.0.1:4566 for the AWS CLI and SDKs
sim:
	$(GO) run ./cmd/labconsole sim

## serve: the console over SSH on :23234, a sandboxed simulated account per SSH key
serve:
	$(GO) run ./cmd/labconsole serve $(SERVE_FLAGS)

## lint: gofmt and go vet
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet $(PKGS)

## golden: refresh golden screens after an intended change to a view
golden:
	$(GO) test $(PKGS) -run 'Golden' -update
