package billing

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"
)

// SpendResult is the answer of POST /_sim/billing/spend.
type SpendResult struct {
	USD     float64   `json:"usd"`
	Service string    `json:"service"`
	At      time.Time `json:"at"`
}

// maxSpend bounds one spend call, so a typo cannot make the chart unreadable.
const maxSpend = 1_000_000

// ServeControl answers the billing part of the simulator's control API (the router
// has already checked the administrator's signature):
//
//	GET  /_sim/billing/preferences         → Preferences
//	PUT  /_sim/billing/preferences         {"receiveBillingAlerts": true}
//	POST /_sim/billing/spend?usd=250[&service=AmazonEC2]
//
// It reports false for paths that are not its own.
func (b *Billing) ServeControl(w http.ResponseWriter, r *http.Request, path string, body []byte) bool {
	switch {
	case path == "billing/preferences" && r.Method == http.MethodGet:
		p, err := b.Preferences(r.Context())
		reply(w, p, err)
	case path == "billing/preferences" && r.Method == http.MethodPut:
		var in struct {
			ReceiveBillingAlerts *bool `json:"receiveBillingAlerts"`
		}
		if err := json.Unmarshal(body, &in); err != nil || in.ReceiveBillingAlerts == nil {
			fail(w, http.StatusBadRequest, "InvalidRequest", `the body must be JSON like {"receiveBillingAlerts": true}`)
			return true
		}
		p, err := b.SetReceiveBillingAlerts(r.Context(), *in.ReceiveBillingAlerts)
		if errors.Is(err, ErrCannotDisable) {
			fail(w, http.StatusConflict, "CannotDisableBillingAlerts", "Billing alerts cannot be turned off once they are on, as in AWS.")
			return true
		}
		reply(w, p, err)
	case path == "billing/spend" && r.Method == http.MethodPost:
		usd, err := strconv.ParseFloat(r.URL.Query().Get("usd"), 64)
		if err != nil || usd <= 0 || usd > maxSpend || math.IsNaN(usd) {
			fail(w, http.StatusBadRequest, "InvalidAmount", "usd must be a positive amount of US dollars up to 1000000, such as usd=250")
			return true
		}
		svc := r.URL.Query().Get("service")
		if svc == "" {
			svc = DefaultSpendService
		}
		if err := b.Spend(r.Context(), usd, svc); err != nil {
			fail(w, http.StatusBadRequest, "InvalidService", err.Error())
			return true
		}
		reply(w, SpendResult{USD: usd, Service: svc, At: b.now()}, nil)
	default:
		return false
	}
	return true
}

func reply(w http.ResponseWriter, v any, err error) {
	if err != nil {
		fail(w, http.StatusInternalServerError, "InternalFailure", err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"code": code, "message": msg})
}
