package cloudtrail

import (
	"context"
	"errors"
	"time"

	"github.com/labconsole/labconsole/backend/sim/logs"
	"github.com/labconsole/labconsole/backend/sim/protocol"
)

// LogGroups is what CloudTrail needs of CloudWatch Logs, in process: whether the
// trail's log group exists, and writing the trail's events to it as CloudTrail
// itself (through the trail's role). The simulated CloudWatch Logs implements it.
type LogGroups interface {
	LogGroupExists(ctx context.Context, group string) (bool, error)
	EnsureLogStream(ctx context.Context, group, stream string) error
	PutLogEventsInternal(ctx context.Context, group, stream string, events []logs.InputEvent) error
}

// Topics is what CloudTrail needs of SNS, in process: a topic's access policy (which
// must let CloudTrail publish) and publishing the delivery notification. The
// simulated SNS implements it.
type Topics interface {
	TopicPolicy(ctx context.Context, topicArn string) (doc string, exists bool, err error)
	PublishInternal(ctx context.Context, topicArn, subject string, messages map[string]string) (string, error)
}

// Roles is what CloudTrail needs of IAM to check a trail's CloudWatch Logs role:
// whether the role trusts a service principal (its trust policy lets the service
// sts:AssumeRole, with the request's condition keys such as aws:SourceArn), and
// whether the role's identity policies allow an action on a resource. Any error —
// above all a role that does not exist — makes the role unusable. The simulated
// IAM implements it.
type Roles interface {
	RoleTrustsWithContext(ctx context.Context, roleARN, servicePrincipal string, cond map[string][]string) (bool, error)
	RoleAllows(ctx context.Context, roleARN, action, resource string, cond map[string][]string) (bool, error)
}

// KeyResolver resolves a KMS key id, key ARN, alias name or alias ARN to the key's
// ARN and whether the key is enabled; a key that does not exist is an error. The
// simulator wires it in only when it has a KMS service.
type KeyResolver interface {
	ResolveKey(ctx context.Context, region, keyID string) (keyARN string, enabled bool, err error)
}

// KeyPolicies is a KeyResolver that can also tell whether a key's policy lets an
// AWS service perform an action on the key (with the request's condition keys).
// When the wired KMS offers it, CreateTrail and UpdateTrail require that the key
// policy let CloudTrail kms:GenerateDataKey for the trail
// (InsufficientEncryptionPolicyException otherwise), as AWS does.
type KeyPolicies interface {
	ServiceAllowed(ctx context.Context, region, keyID, servicePrincipal, action string, cond map[string][]string) (bool, error)
}

// EncryptedBuckets is an S3 that can write an object with the server-side
// encryption the writer asks for, as PutObject with x-amz-server-side-encryption
// (aws:kms) and x-amz-server-side-encryption-aws-kms-key-id does. A trail with a
// KMS key writes its files through it when the S3 offers it.
type EncryptedBuckets interface {
	PutObjectInternalSSE(ctx context.Context, bucket, key string, body []byte, contentType string, meta map[string]string, sse, kmsKeyID string, now time.Time) (etag string, err error)
}

// Integrations are the other services a trail may name besides its bucket. Any of
// them may be nil: then a trail naming that service is refused, as it would name
// something that does not exist.
type Integrations struct {
	Logs   LogGroups
	Topics Topics
	Roles  Roles
	Keys   KeyResolver
}

// SetIntegrations replaces the services CloudTrail checks trail settings against
// and delivers to besides S3.
func (s *Service) SetIntegrations(in Integrations) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.integrations = in
}

func (s *Service) services() Integrations {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.integrations
}

// serviceError reports whether err is another service's answer (a missing
// resource, a malformed name) rather than a failure of the simulator itself.
func serviceError(err error) bool {
	var pe *protocol.Error
	return errors.As(err, &pe)
}
