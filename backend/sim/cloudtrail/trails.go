package cloudtrail

import (
	"errors"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

func (s *Service) createTrail(c *service.Call, in *createTrailInput) (*trailResponse, error) {
	if err := model.ValidateTrailName(in.Name); err != nil {
		return nil, fromModel(err, "InvalidTrailNameException")
	}
	if err := validateBucketName(in.S3BucketName); err != nil {
		return nil, err
	}
	t := &trailState{
		Name: in.Name, HomeRegion: c.Region, ARN: model.TrailARN(c.Region, s.account, in.Name),
		Bucket: in.S3BucketName, IncludeGlobal: true,
	}
	if err := t.apply(c, in.S3KeyPrefix, in.SnsTopicName, in.IncludeGlobalServiceEvents, in.IsMultiRegionTrail,
		in.EnableLogFileValidation, in.CloudWatchLogsLogGroupArn, in.CloudWatchLogsRoleArn, in.KmsKeyId, in.IsOrganizationTrail); err != nil {
		return nil, err
	}
	tags, err := tagsFrom(in.TagsList)
	if err != nil {
		return nil, err
	}
	if err := c.Authorize("cloudtrail:CreateTrail", t.ARN); err != nil {
		return nil, err
	}
	t.Tags = tags
	s.deliverMu.Lock()
	defer s.deliverMu.Unlock()
	all, err := s.all(c.Ctx)
	if err != nil {
		return nil, err
	}
	inRegion := 0
	for _, o := range all {
		if o.ARN == t.ARN {
			return nil, trailExists(t.Name, s.account)
		}
		if o.HomeRegion == c.Region {
			inRegion++
		}
	}
	if inRegion >= model.MaxTrailsPerRegion {
		return nil, tooManyTrails(s.account, c.Region)
	}
	if err := s.checkBucket(c.Ctx, t.Bucket, t.Prefix, t.ARN, c.Region, c.Now); err != nil {
		return nil, err
	}
	if err := s.checkSettings(c, t, true, true, true); err != nil {
		return nil, err
	}
	if err := s.save(c.Ctx, t, c.Now); err != nil {
		return nil, err
	}
	return t.response(), nil
}

// apply sets the optional members CreateTrail and UpdateTrail share and checks
// their combinations.
func (t *trailState) apply(c *service.Call, prefix, sns *string, global, multi, validation *bool, cwGroup, cwRole, kms *string, org *bool) error {
	if prefix != nil {
		if err := model.ValidateTrailKeyPrefix(*prefix); err != nil {
			return fromModel(err, "InvalidS3PrefixException")
		}
		t.Prefix = *prefix
	}
	if sns != nil {
		t.SnsTopic = *sns
	}
	if global != nil {
		t.IncludeGlobal = *global
	}
	if multi != nil {
		t.MultiRegion = *multi
	}
	if validation != nil {
		t.Validation = *validation
	}
	if cwGroup != nil {
		t.CWLogGroup = *cwGroup
	}
	if cwRole != nil {
		t.CWRole = *cwRole
	}
	switch {
	case t.CWLogGroup != "" && t.CWRole == "":
		return errorf("InvalidCloudWatchLogsRoleArnException", "%s", msgGroupWithoutRole)
	case t.CWLogGroup == "" && t.CWRole != "":
		return errorf("InvalidCloudWatchLogsLogGroupArnException", "%s", msgRoleWithoutGroup)
	}
	if kms != nil {
		t.KMSKey = *kms
	}
	if org != nil && *org {
		return errorf("OrganizationsNotInUseException", "This account is not a member of an organization.")
	}
	if t.MultiRegion && !t.IncludeGlobal {
		return invalidParameterCombination("Multi-Region trail must include global service events.")
	}
	return nil
}

// validateBucketName applies the S3 bucket naming rules CloudTrail checks before
// looking the bucket up.
func validateBucketName(b string) error {
	ok := len(b) >= 3 && len(b) <= 63
	for i := 0; ok && i < len(b); i++ {
		ch := b[i]
		ok = ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '.' || ch >= 'A' && ch <= 'Z' || ch == '_'
	}
	if !ok {
		return errorf("InvalidS3BucketNameException", "Invalid bucket name: %s", b)
	}
	return nil
}

func (s *Service) updateTrail(c *service.Call, in *updateTrailInput) (*trailResponse, error) {
	t, err := s.authorized(c, "cloudtrail:UpdateTrail", in.Name, true)
	if err != nil {
		return nil, err
	}
	if in.S3BucketName != nil {
		if err := validateBucketName(*in.S3BucketName); err != nil {
			return nil, err
		}
	}
	updated, err := s.update(c.Ctx, t.ARN, func(t *trailState) error {
		oldBucket, oldPrefix, wasValidating := t.Bucket, t.Prefix, t.Validation
		if in.S3BucketName != nil {
			t.Bucket = *in.S3BucketName
		}
		if err := t.apply(c, in.S3KeyPrefix, in.SnsTopicName, in.IncludeGlobalServiceEvents, in.IsMultiRegionTrail,
			in.EnableLogFileValidation, in.CloudWatchLogsLogGroupArn, in.CloudWatchLogsRoleArn, in.KmsKeyId, in.IsOrganizationTrail); err != nil {
			return err
		}
		if t.Bucket != oldBucket || t.Prefix != oldPrefix {
			if err := s.checkBucket(c.Ctx, t.Bucket, t.Prefix, t.ARN, c.Region, c.Now); err != nil {
				return err
			}
			t.Chains = nil // a new destination starts a new digest chain
		}
		cw := in.CloudWatchLogsLogGroupArn != nil || in.CloudWatchLogsRoleArn != nil
		if err := s.checkSettings(c, t, cw, in.SnsTopicName != nil, in.KmsKeyId != nil); err != nil {
			return err
		}
		if t.Validation && !wasValidating && t.Logging {
			t.startDigests(c.Now)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return updated.response(), nil
}

func (s *Service) deleteTrail(c *service.Call, in *nameInput) (*empty, error) {
	t, err := s.authorized(c, "cloudtrail:DeleteTrail", in.Name, true)
	if err != nil {
		return nil, err
	}
	if t.Logging {
		// Deleting a logging trail delivers what is pending and a final digest.
		if _, err := s.update(c.Ctx, t.ARN, func(t *trailState) error { return s.finalDelivery(c.Ctx, t, c.Now) }); err != nil {
			return nil, err
		}
	}
	s.deliverMu.Lock()
	defer s.deliverMu.Unlock()
	if _, err := s.db.SQL().ExecContext(c.Ctx, `DELETE FROM cloudtrail_trails WHERE arn = ?`, t.ARN); err != nil {
		return nil, err
	}
	_, err = s.db.SQL().ExecContext(c.Ctx, `DELETE FROM cloudtrail_log_files WHERE arn = ?`, t.ARN)
	return &empty{}, err
}

func (s *Service) getTrail(c *service.Call, in *nameInput) (*getTrailOutput, error) {
	t, err := s.authorized(c, "cloudtrail:GetTrail", in.Name, false)
	if err != nil {
		return nil, err
	}
	return &getTrailOutput{Trail: t.shape()}, nil
}

func (s *Service) describeTrails(c *service.Call, in *describeTrailsInput) (*describeTrailsOutput, error) {
	for _, n := range in.TrailNameList {
		if strings.HasPrefix(n, "arn:") {
			if !trailARNPattern.MatchString(n) {
				return nil, invalidARN(n)
			}
		} else if err := model.ValidateTrailName(n); err != nil {
			return nil, fromModel(err, "InvalidTrailNameException")
		}
	}
	if err := c.Authorize("cloudtrail:DescribeTrails", ""); err != nil {
		return nil, err
	}
	shadows := in.IncludeShadowTrails == nil || *in.IncludeShadowTrails
	all, err := s.all(c.Ctx)
	if err != nil {
		return nil, err
	}
	out := &describeTrailsOutput{TrailList: []TrailShape{}}
	for _, t := range all {
		if t.HomeRegion != c.Region && !(shadows && t.MultiRegion) {
			continue
		}
		if len(in.TrailNameList) > 0 && !named(in.TrailNameList, t) {
			continue
		}
		out.TrailList = append(out.TrailList, *t.shape())
	}
	return out, nil
}

func named(names []string, t *trailState) bool {
	for _, n := range names {
		if n == t.Name || n == t.ARN {
			return true
		}
	}
	return false
}

// listTrails lists every trail of the account, whatever its region, in pages.
func (s *Service) listTrails(c *service.Call, in *listTrailsInput) (*listTrailsOutput, error) {
	fp := pageFingerprint("ListTrails", c.Region)
	start, ok := pageStart(in.NextToken, fp)
	if !ok {
		return nil, invalidNextToken()
	}
	if err := c.Authorize("cloudtrail:ListTrails", ""); err != nil {
		return nil, err
	}
	all, err := s.all(c.Ctx)
	if err != nil {
		return nil, err
	}
	infos := make([]trailInfo, 0, len(all))
	for _, t := range all {
		infos = append(infos, trailInfo{TrailARN: t.ARN, Name: t.Name, HomeRegion: t.HomeRegion})
	}
	out := &listTrailsOutput{}
	out.Trails, out.NextToken = page(infos, start, listTrailsPageSize, fp)
	return out, nil
}

func tagsFrom(in []Tag) ([]tagKV, error) {
	tags := make([]model.Tag, 0, len(in))
	for _, t := range in {
		v := ""
		if t.Value != nil {
			v = *t.Value
		}
		tags = append(tags, model.Tag{Key: t.Key, Value: v})
	}
	if err := model.ValidateTrailTags(tags); err != nil {
		var fe *model.FieldError
		if errors.As(err, &fe) && fe.ID == "ValidateTagsTooMany" {
			return nil, fromModel(err, "TagsLimitExceededException")
		}
		return nil, fromModel(err, "InvalidTagParameterException")
	}
	out := make([]tagKV, len(tags))
	for i, t := range tags {
		out[i] = tagKV{t.Key, t.Value}
	}
	return out, nil
}
