package sns

import (
	"context"
	"errors"

	"github.com/labconsole/labconsole/backend/sim/protocol"
)

// TopicPolicy returns the access policy of the topic (for services that publish to
// it, such as CloudTrail, to check that the policy lets them), and whether the topic
// exists. A malformed ARN names no topic.
func (s *Service) TopicPolicy(ctx context.Context, topicArn string) (doc string, exists bool, err error) {
	t, err := s.getTopic(ctx, "", topicArn)
	if err != nil {
		var pe *protocol.Error
		if errors.As(err, &pe) {
			return "", false, nil
		}
		return "", false, err
	}
	return t.attrs["Policy"], true, nil
}
