package cloudtrail

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/policy"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// Checks of a trail's CloudWatch Logs, SNS and KMS settings, made by CreateTrail and
// by UpdateTrail for the settings it changes. Messages marked "real" are AWS's own
// words as its API returns them; the others follow the model's documentation.

var (
	logGroupARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+):\*$`)
	roleARNPattern     = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}):role/([\w+=,.@/-]+)$`)
	topicARNPattern    = regexp.MustCompile(`^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256})$`)
	topicNamePattern   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	keyIDPattern       = regexp.MustCompile(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`)
	keyARNPattern      = regexp.MustCompile(`^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`)
	aliasNamePattern   = regexp.MustCompile(`^alias/[A-Za-z0-9/_-]{1,250}$`)
	aliasARNPattern    = regexp.MustCompile(`^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):alias/[A-Za-z0-9/_-]{1,250}$`)
)

// cloudWatchStream is the log stream CloudTrail writes a trail's events to:
// "<account>_CloudTrail_<region>", region being the trail's.
func cloudWatchStream(account, region string) string {
	return account + "_CloudTrail_" + region
}

// Real messages (AWS's replies as seen in CLI, Terraform and CDK reports).
const (
	msgRoleWithoutGroup = "You must specify a log group as well as a role ARN."
	msgGroupWithoutRole = "You must specify a role ARN as well as a log group."
	msgGroupInvalid     = "CloudTrail cannot validate the specified log group ARN."
	msgRoleTrust        = "Access denied. Check the trust relationships for your role."
	msgRolePermissions  = "Access denied. Check the permissions for your role."
	msgTopic            = "SNS Topic does not exist or the topic policy is incorrect!"
)

// checkCloudWatchLogs checks the trail's log group and role as CloudTrail does
// before accepting them: the group ARN (ending ":*") names an existing group of the
// account in the trail's region; the role exists in the account and trusts
// CloudTrail; and the role may create the trail's log stream and put events to it.
// AWS reports a role without those permissions as an invalid log group.
func (s *Service) checkCloudWatchLogs(c *service.Call, t *trailState) error {
	if t.CWLogGroup == "" && t.CWRole == "" {
		return nil
	}
	m := logGroupARNPattern.FindStringSubmatch(t.CWLogGroup)
	if m == nil || m[1] != t.HomeRegion || m[2] != s.account || model.ValidateLogGroupName(m[3]) != nil {
		return errorf("InvalidCloudWatchLogsLogGroupArnException", "%s", msgGroupInvalid)
	}
	r := roleARNPattern.FindStringSubmatch(t.CWRole)
	if r == nil || r[1] != s.account {
		return errorf("InvalidCloudWatchLogsRoleArnException", "%s", msgRoleTrust)
	}
	in := s.services()
	if in.Logs == nil {
		return errorf("InvalidCloudWatchLogsLogGroupArnException", "%s", msgGroupInvalid)
	}
	ok, err := in.Logs.LogGroupExists(c.Ctx, t.CWLogGroup)
	if err != nil && !serviceError(err) {
		return err
	}
	if !ok {
		return errorf("InvalidCloudWatchLogsLogGroupArnException", "%s", msgGroupInvalid)
	}
	if in.Roles == nil {
		return errorf("InvalidCloudWatchLogsRoleArnException", "%s", msgRoleTrust)
	}
	if !s.roleUsable(c.Ctx, in.Roles, t) {
		return errorf("InvalidCloudWatchLogsRoleArnException", "%s", msgRoleTrust)
	}
	stream := strings.TrimSuffix(t.CWLogGroup, "*") + "log-stream:" + cloudWatchStream(s.account, t.HomeRegion)
	for _, action := range []string{"logs:CreateLogStream", "logs:PutLogEvents"} {
		if !s.roleAllows(c.Ctx, in.Roles, t, action, stream) {
			return errorf("InvalidCloudWatchLogsLogGroupArnException", "%s", msgRolePermissions)
		}
	}
	return nil
}

// roleUsable reports whether the trail's role exists and trusts CloudTrail for this
// trail (aws:SourceArn, aws:SourceAccount, as CloudTrail assumes it).
func (s *Service) roleUsable(ctx context.Context, roles Roles, t *trailState) bool {
	ok, err := roles.RoleTrustsWithContext(ctx, t.CWRole, ServicePrincipal, s.sourceContext(t))
	if err != nil {
		s.log.Debug("CloudWatch Logs role is not usable", "role", t.CWRole, "err", err)
	}
	return err == nil && ok
}

// roleAllows reports whether the trail's role may perform action on resource.
func (s *Service) roleAllows(ctx context.Context, roles Roles, t *trailState, action, resource string) bool {
	ok, err := roles.RoleAllows(ctx, t.CWRole, action, resource, nil)
	if err != nil {
		s.log.Debug("CloudWatch Logs role check failed", "role", t.CWRole, "err", err)
	}
	return err == nil && ok
}

func (s *Service) sourceContext(t *trailState) map[string][]string {
	return map[string][]string{"aws:SourceArn": {t.ARN}, "aws:SourceAccount": {s.account}}
}

// topicARN is the ARN of the trail's topic, named by name (in the trail's region)
// or by ARN, and "" when the value is neither.
func (s *Service) topicARN(t *trailState) string {
	if topicARNPattern.MatchString(t.SnsTopic) {
		return t.SnsTopic
	}
	if topicNamePattern.MatchString(t.SnsTopic) {
		return "arn:aws:sns:" + t.HomeRegion + ":" + s.account + ":" + t.SnsTopic
	}
	return ""
}

// checkTopic checks the trail's SNS topic: a valid name or ARN of an existing topic
// whose access policy lets CloudTrail publish for this trail.
func (s *Service) checkTopic(c *service.Call, t *trailState) error {
	if t.SnsTopic == "" {
		return nil
	}
	arn := s.topicARN(t)
	if arn == "" {
		return errorf("InvalidSnsTopicNameException", "Topic name or ARN is not valid: %s. Topic names can contain 1 to 256 letters, numbers, hyphens (-) and underscores (_).", t.SnsTopic)
	}
	if ok, err := s.topicAllows(c, arn, t.ARN, c.Now); err != nil || !ok {
		if err == nil {
			err = errorf("InsufficientSnsTopicPolicyException", "%s", msgTopic)
		}
		return err
	}
	return nil
}

// topicAllows reports whether the topic exists and its policy lets CloudTrail, for
// the trail (aws:SourceArn), SNS:Publish to it.
func (s *Service) topicAllows(c *service.Call, topicArn, trailARN string, now time.Time) (bool, error) {
	topics := s.services().Topics
	if topics == nil {
		return false, nil
	}
	ctx := c.Ctx
	doc, exists, err := topics.TopicPolicy(ctx, topicArn)
	if err != nil && !serviceError(err) {
		return false, err
	}
	if !exists || doc == "" {
		return false, nil
	}
	return s.serviceMayPublish(doc, topicArn, trailARN, now), nil
}

func (s *Service) serviceMayPublish(doc, topicArn, trailARN string, now time.Time) bool {
	d, err := parsedPolicy(doc)
	if err != nil {
		return false
	}
	req := &policy.Request{
		Principal: policy.Principal{Type: policy.PrincipalService, Service: ServicePrincipal},
		Action:    "SNS:Publish",
		Resource:  topicArn,
		Time:      now,
	}
	req.SetContext("aws:SourceArn", trailARN)
	req.SetContext("aws:SourceAccount", s.account)
	req.SetContext("aws:SecureTransport", "true")
	return policy.Evaluate(req, nil, d, nil).Allowed()
}

// validKeyID reports whether id has one of the forms KmsKeyId accepts: a key id, a
// key ARN, an alias name ("alias/…") or an alias ARN.
func validKeyID(id string) bool {
	return keyIDPattern.MatchString(id) || keyARNPattern.MatchString(id) || aliasNamePattern.MatchString(id) || aliasARNPattern.MatchString(id)
}

// resolveKey checks the trail's KMS key and returns the key's ARN, which the trail
// stores ("a fully specified ARN to a KMS key"): the key must exist in the trail's
// region and be enabled. KmsKeyDisabledException is "no longer in use" in the model;
// a disabled key is a KmsException.
func (s *Service) resolveKey(c *service.Call, t *trailState) (string, error) {
	region, id := t.HomeRegion, t.KMSKey
	if !validKeyID(id) {
		return "", errorf("InvalidKmsKeyIdException", "KMS key ID %s is not valid. Specify a key ID, a key ARN, an alias name (alias/…) or an alias ARN.", id)
	}
	notFound := errorf("KmsKeyNotFoundException", "KMS key %s does not exist or is not in the trail's Region %s.", id, region)
	if m := keyARNPattern.FindStringSubmatch(id); m != nil && (m[1] != region || m[2] != s.account) {
		return "", notFound
	}
	if m := aliasARNPattern.FindStringSubmatch(id); m != nil && (m[1] != region || m[2] != s.account) {
		return "", notFound
	}
	keys := s.services().Keys
	if keys == nil {
		return "", notFound
	}
	arn, enabled, err := keys.ResolveKey(c.Ctx, region, id)
	if err != nil {
		if serviceError(err) {
			return "", notFound
		}
		return "", err
	}
	if m := keyARNPattern.FindStringSubmatch(arn); m != nil && m[1] != region {
		return "", notFound
	}
	if !enabled {
		return "", errorf("KmsException", "KMS key %s is disabled. Enable the key or specify another one.", arn)
	}
	if kp, ok := keys.(KeyPolicies); ok {
		// The key policy must let CloudTrail encrypt for this trail, as the
		// console's key policy statement does ("Allow CloudTrail to encrypt logs").
		cond := s.sourceContext(t)
		cond["kms:EncryptionContext:aws:cloudtrail:arn"] = []string{t.ARN}
		allowed, err := kp.ServiceAllowed(c.Ctx, region, arn, ServicePrincipal, "kms:GenerateDataKey", cond)
		if err != nil && !serviceError(err) {
			return "", err
		}
		if !allowed {
			// Real: "Insufficient permissions to access S3 bucket <b> or KMS key <arn>."
			return "", errorf("InsufficientEncryptionPolicyException", "Insufficient permissions to access S3 bucket %s or KMS key %s.", t.Bucket, arn)
		}
	}
	return arn, nil
}

// checkSettings checks the settings the call set (all of them for CreateTrail),
// storing the resolved key ARN.
func (s *Service) checkSettings(c *service.Call, t *trailState, cw, sns, kms bool) error {
	if cw {
		if err := s.checkCloudWatchLogs(c, t); err != nil {
			return err
		}
	}
	if sns {
		if err := s.checkTopic(c, t); err != nil {
			return err
		}
	}
	if kms && t.KMSKey != "" {
		arn, err := s.resolveKey(c, t)
		if err != nil {
			return err
		}
		t.KMSKey = arn
	}
	return nil
}
