package sim_test

import (
	"net/http"

	"github.com/labconsole/labconsole/backend/sim"
)

// httpClient sends SDK requests through the simulator's in-process transport.
type httpClient struct{ s *sim.Sim }

func (c *httpClient) Do(r *http.Request) (*http.Response, error) {
	return c.s.RoundTripper().RoundTrip(r)
}
