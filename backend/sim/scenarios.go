package sim

import (
	"context"
	"errors"
	"net/http"

	"github.com/labconsole/labconsole/backend/sim/scenario"
)

// RunScenario replays a named lab activity ("lab1-activity") against the account
// through the real API path, as the Administrator, so the lab engine can stand in
// for what a student did in the console. Scenarios are idempotent. It takes no
// lock: its requests go through ServeHTTP, which does.
func (s *Sim) RunScenario(ctx context.Context, name string) error {
	return scenario.Run(ctx, s, name)
}

// ScenarioResult is the answer of POST /_sim/scenario/<name>.
type ScenarioResult struct {
	Scenario string `json:"scenario"`
	Status   string `json:"status"`
}

// serveScenario answers POST /_sim/scenario/<name>.
func (s *Sim) serveScenario(w http.ResponseWriter, r *http.Request, name string) {
	err := s.RunScenario(r.Context(), name)
	switch {
	case errors.Is(err, scenario.ErrUnknown):
		writeControl(w, http.StatusNotFound, controlError{Code: "NoSuchScenario", Message: err.Error()})
	case err != nil:
		writeControl(w, http.StatusInternalServerError, controlError{Code: "InternalFailure", Message: err.Error()})
	default:
		writeControl(w, http.StatusOK, ScenarioResult{Scenario: name, Status: "done"})
	}
}
