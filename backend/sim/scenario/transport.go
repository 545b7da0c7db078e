package scenario

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// inProcess is an aws.HTTPClient over the target's in-process round tripper.
type inProcess struct{ t Target }

func (h inProcess) Do(r *http.Request) (*http.Response, error) {
	return h.t.RoundTripper().RoundTrip(r)
}

// withUserAgent replaces the SDK's User-Agent, so the recorded events carry the
// console's instead of the SDK's.
func withUserAgent(ua string) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("ScenarioUserAgent",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				if req, ok := in.Request.(*smithyhttp.Request); ok {
					req.Header.Set("User-Agent", ua)
				}
				return next.HandleFinalize(ctx, in)
			}), middleware.Before)
	}
}
