package sim

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/auth"
)

// controlPrefix is the simulator's own API (not AWS's): the clock and reset, which
// only answer requests signed with the administrator's key, and console sign-in and
// sign-out (signin.go), which are unsigned. `labconsole serve` never exposes it.
const controlPrefix = "/_sim/"

// ClockState is the answer of GET /_sim/clock and POST /_sim/clock/advance.
type ClockState struct {
	Now    time.Time `json:"now"`
	Offset string    `json:"offset"`
	From   time.Time `json:"from,omitzero"`
}

type controlError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func writeControl(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Sim) serveControl(w http.ResponseWriter, r *http.Request, body []byte) {
	// Console sign-in and sign-out are unsigned: a student has a password, not a key.
	if s.serveSignIn(w, r, body) {
		return
	}
	admin := s.admin
	lookup := func(id string) (string, bool) {
		if id != admin.AccessKeyID {
			return "", false
		}
		return admin.SecretAccessKey, true
	}
	if _, err := auth.Verify(r, body, lookup, time.Now()); err != nil {
		status, code := http.StatusForbidden, "AccessDenied"
		if ae, ok := err.(*auth.Error); ok {
			status, code = ae.Status, ae.Code
		}
		writeControl(w, status, controlError{Code: code, Message: "the simulator's control API needs a request signed with the administrator's access key: " + err.Error()})
		return
	}
	path := strings.TrimPrefix(r.URL.Path, controlPrefix)
	switch {
	case path == "clock" && r.Method == http.MethodGet:
		writeControl(w, http.StatusOK, ClockState{Now: s.clock.Now(), Offset: s.clock.Offset().String()})
	case path == "clock/advance" && r.Method == http.MethodPost:
		d, err := time.ParseDuration(r.URL.Query().Get("by"))
		if err != nil || d <= 0 {
			writeControl(w, http.StatusBadRequest, controlError{Code: "InvalidDuration", Message: "by must be a positive duration such as 10m, 6h or 1h30m"})
			return
		}
		from, to, err := s.Advance(r.Context(), d)
		if err != nil {
			writeControl(w, http.StatusInternalServerError, controlError{Code: "InternalFailure", Message: err.Error()})
			return
		}
		writeControl(w, http.StatusOK, ClockState{Now: to, From: from, Offset: s.clock.Offset().String()})
	case path == "reset" && r.Method == http.MethodPost:
		if err := s.Reset(r.Context()); err != nil {
			writeControl(w, http.StatusInternalServerError, controlError{Code: "InternalFailure", Message: err.Error()})
			return
		}
		writeControl(w, http.StatusOK, ClockState{Now: s.clock.Now(), Offset: s.clock.Offset().String()})
	case strings.HasPrefix(path, "scenario/") && r.Method == http.MethodPost:
		s.serveScenario(w, r, strings.TrimPrefix(path, "scenario/"))
	default:
		if s.serveMonitoringControl(w, r, path, body) {
			return
		}
		writeControl(w, http.StatusNotFound, controlError{Code: "NotFound", Message: "unknown control endpoint " + r.Method + " " + r.URL.Path})
	}
}
