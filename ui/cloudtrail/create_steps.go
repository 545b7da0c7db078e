package cloudtrail

import (
	"slices"
	"strings"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/form"
)

// Field IDs of the Create trail wizard's forms.
const (
	fName       = "name"
	fStorage    = "storage"
	fBucket     = "bucket"
	fPrefix     = "prefix"
	fKMS        = "kms"
	fKMSMode    = "kmsMode"
	fKMSAlias   = "kmsAlias"
	fKMSPick    = "kmsPick"
	fKMSTyped   = "kmsTyped"
	fValidation = "validation"
	fSNS        = "sns"
	fSNSMode    = "snsMode"
	fSNSName    = "snsName"
	fSNSPick    = "snsPick"
	fSNSTyped   = "snsTyped"
	fCWL        = "cwl"
	fGroupMode  = "groupMode"
	fGroupName  = "groupName"
	fGroupPick  = "groupPick"
	fGroupTyped = "groupTyped"
	fRoleMode   = "roleMode"
	fRoleName   = "roleName"
	fRolePick   = "rolePick"
	fRoleTyped  = "roleTyped"
	fPolicyDoc  = "policyDoc"
	fTags       = "tags"

	fManagement = "management"
	fData       = "data"
	fInsights   = "insights"
	fRead       = "read"
	fWrite      = "write"
	fExcludeKMS = "excludeKMS"
	fExcludeRDS = "excludeRDS"
	fDataRead   = "dataRead"
	fDataWrite  = "dataWrite"
	fBuckets    = "buckets"
	fBucketRead = "bucketRead"
	fBucketWrt  = "bucketWrite"
	fCallRate   = "callRate"
	fErrorRate  = "errorRate"

	storageNew      = "new"
	storageExisting = "existing"
	modeNew         = "new"
	modeExisting    = "existing"
	// typed is the "Enter …" option of an existing-resource select: the name or
	// ARN is typed in the field below it.
	typed = "\x00typed"
)

// attributesForm is step 1, "Choose trail attributes": name, storage location,
// SSE-KMS, log file validation, SNS notification delivery, CloudWatch Logs and tags.
// The lab's defaults: a new bucket, SSE-KMS off, validation on, SNS and CloudWatch
// Logs off. The choices under an enabled option appear only while it is enabled.
func attributesForm(c *common.Common) *stepForm {
	newOrExisting := func() []form.Option {
		return []form.Option{{Value: modeNew, Label: c.T("CTXNew")}, {Value: modeExisting, Label: c.T("CTXExisting")}}
	}
	s := newStepForm(c, attributesVisible,
		form.Text(fName, form.TextOptions{Label: c.T("CloudTrailTrailName"), Constraint: c.T("CTNameConstraint"), MaxLength: 128}),
		form.Radio(fStorage, form.ChoiceOptions{Label: c.T("CloudTrailStorageLocation"), Options: storageOptions(c), Value: storageNew}),
		form.Text(fBucket, form.TextOptions{Label: c.T("CTBucketName"), Constraint: c.T("CTBucketConstraint"), MaxLength: 63}),
		form.Text(fPrefix, form.TextOptions{Label: c.T("CTPrefix"), Optional: true, Constraint: c.T("CTPrefixConstraint")}),
		form.Checkbox(fKMS, form.CheckboxOptions{Label: c.T("CTXKMS"), Text: c.T("CTEnabled"), Description: c.T("CTXKMSDesc")}),
		form.Radio(fKMSMode, form.ChoiceOptions{Label: c.T("CTXKMSKey"), Options: newOrExisting(), Value: modeNew}),
		form.Text(fKMSAlias, form.TextOptions{Label: c.T("CTXKMSAlias"), Constraint: c.T("CTXKMSAliasConstraint"), Placeholder: "alias/MyAliasName", MaxLength: model.MaxKMSAliasLen}),
		form.Select(fKMSPick, form.ChoiceOptions{Label: c.T("CTXKMSExisting"), Options: pickOptions(c, nil, "CTXKMSTyped")}),
		form.Text(fKMSTyped, form.TextOptions{Label: c.T("CTXKMSTypedLabel"), Placeholder: "arn:aws:kms:…:key/…"}),
		form.Checkbox(fValidation, form.CheckboxOptions{Label: c.T("CloudTrailLogFileValidation"), Text: c.T("CTEnabled"), Checked: true}),
		form.Checkbox(fSNS, form.CheckboxOptions{Label: c.T("CTXSNS"), Text: c.T("CTEnabled"), Description: c.T("CTXSNSDesc")}),
		form.Radio(fSNSMode, form.ChoiceOptions{Label: c.T("CTXSNSCreate"), Options: newOrExisting(), Value: modeNew}),
		form.Text(fSNSName, form.TextOptions{Label: c.T("CTXSNSTopic"), Constraint: c.T("CTXSNSTopicConstraint"), MaxLength: model.MaxTopicNameLen}),
		form.Select(fSNSPick, form.ChoiceOptions{Label: c.T("CTXSNSTopic"), Options: pickOptions(c, nil, "CTXSNSTyped")}),
		form.Text(fSNSTyped, form.TextOptions{Label: c.T("CTXSNSTypedLabel"), Placeholder: "arn:aws:sns:…"}),
		form.Checkbox(fCWL, form.CheckboxOptions{Label: c.T("CTXCloudWatchLogs"), Text: c.T("CTEnabled"), Description: c.T("CTXCWLDesc")}),
		form.Radio(fGroupMode, form.ChoiceOptions{Label: c.T("CTXLogGroup"), Options: newOrExisting(), Value: modeNew}),
		form.Text(fGroupName, form.TextOptions{Label: c.T("CTXLogGroupName"), Constraint: c.T("CTXLogGroupConstraint"), MaxLength: model.MaxLogGroupNameLen}),
		form.Select(fGroupPick, form.ChoiceOptions{Label: c.T("CTXLogGroupName"), Options: pickOptions(c, nil, "CTXLogGroupTyped")}),
		form.Text(fGroupTyped, form.TextOptions{Label: c.T("CTXLogGroupName"), MaxLength: model.MaxLogGroupNameLen}),
		form.Radio(fRoleMode, form.ChoiceOptions{Label: c.T("CTXRole"), Options: newOrExisting(), Value: modeNew}),
		form.Text(fRoleName, form.TextOptions{Label: c.T("CTXRoleName"), Constraint: c.T("CTXRoleConstraint"), MaxLength: model.MaxRoleNameLen}),
		form.Select(fRolePick, form.ChoiceOptions{Label: c.T("CTXRoleName"), Options: pickOptions(c, nil, "CTXRoleTyped")}),
		form.Text(fRoleTyped, form.TextOptions{Label: c.T("CTXRoleTypedLabel"), Placeholder: "arn:aws:iam::…:role/…"}),
		form.Checkbox(fPolicyDoc, form.CheckboxOptions{Label: c.T("CTXPolicyDocument"), Text: c.T("CTXShowPolicy")}),
		form.Tags(fTags, form.TagsOptions{Label: c.T("CTTags"), Description: c.T("CTTagsDesc")}),
	)
	return s
}

// attributesVisible shows each option's choices only while the option is enabled,
// and the typed name only when "Enter …" is chosen.
func attributesVisible(v form.Values) map[string]bool {
	kms, sns, cwl := v.Bool(fKMS), v.Bool(fSNS), v.Bool(fCWL)
	return map[string]bool{
		fKMSMode: kms, fKMSAlias: kms && v.String(fKMSMode) == modeNew,
		fKMSPick: kms && v.String(fKMSMode) == modeExisting, fKMSTyped: kms && v.String(fKMSMode) == modeExisting && v.String(fKMSPick) == typed,
		fSNSMode: sns, fSNSName: sns && v.String(fSNSMode) == modeNew,
		fSNSPick: sns && v.String(fSNSMode) == modeExisting, fSNSTyped: sns && v.String(fSNSMode) == modeExisting && v.String(fSNSPick) == typed,
		fGroupMode: cwl, fGroupName: cwl && v.String(fGroupMode) == modeNew,
		fGroupPick: cwl && v.String(fGroupMode) == modeExisting, fGroupTyped: cwl && v.String(fGroupMode) == modeExisting && v.String(fGroupPick) == typed,
		fRoleMode: cwl, fRoleName: cwl && v.String(fRoleMode) == modeNew,
		fRolePick: cwl && v.String(fRoleMode) == modeExisting, fRoleTyped: cwl && v.String(fRoleMode) == modeExisting && v.String(fRolePick) == typed,
		fPolicyDoc: cwl,
	}
}

// pickOptions are an existing-resource select's options: the account's, then "Enter …".
func pickOptions(c *common.Common, names []string, typedID string) []form.Option {
	opts := make([]form.Option, 0, len(names)+1)
	for _, n := range names {
		opts = append(opts, form.Option{Value: n, Label: n})
	}
	return append(opts, form.Option{Value: typed, Label: c.T(typedID)})
}

// picked is the existing resource a select and its typed field name.
func picked(v form.Values, pick, typedField string) string {
	if p := v.String(pick); p != typed {
		return p
	}
	return v.String(typedField)
}

func storageOptions(c *common.Common) []form.Option {
	return []form.Option{
		{Value: storageNew, Label: c.T("CloudTrailCreateNewBucket")},
		{Value: storageExisting, Label: c.T("CloudTrailUseExistingBucket")},
	}
}

// eventsForm is step 2, "Choose log events": the event types, then management events
// with their API activity and exclusions, data events of S3 (all current and future
// buckets, Read and Write) and Insights events (API call rate, API error rate).
func eventsForm(c *common.Common) *stepForm {
	return newStepForm(c, eventsVisible,
		form.Checkbox(fManagement, form.CheckboxOptions{Label: c.T("CTEventType"), Text: c.T("CloudTrailManagementEvents"), Description: c.T("CTManagementDesc"), Checked: true}),
		form.Checkbox(fData, form.CheckboxOptions{Text: c.T("CloudTrailDataEvents"), Description: c.T("CTXDataDesc")}),
		form.Checkbox(fInsights, form.CheckboxOptions{Text: c.T("CloudTrailInsightsEvents"), Description: c.T("CTXInsightsDesc")}),
		form.Checkbox(fRead, form.CheckboxOptions{Label: c.T("CloudTrailAPIActivity"), Text: c.T("CloudTrailRead"), Checked: true}),
		form.Checkbox(fWrite, form.CheckboxOptions{Text: c.T("CloudTrailWrite"), Checked: true}),
		form.Checkbox(fExcludeKMS, form.CheckboxOptions{Text: c.T("CloudTrailExcludeKMS")}),
		form.Checkbox(fExcludeRDS, form.CheckboxOptions{Text: c.T("CloudTrailExcludeRDSData")}),
		form.Checkbox(fDataRead, form.CheckboxOptions{Label: c.T("CTXDataS3"), Description: c.T("CTXDataAllBuckets"), Text: c.T("CloudTrailRead"), Checked: true}),
		form.Checkbox(fDataWrite, form.CheckboxOptions{Text: c.T("CloudTrailWrite"), Checked: true}),
		form.Text(fBuckets, form.TextOptions{Label: c.T("CTXDataBuckets"), Description: c.T("CTXDataBucketsDesc"), Optional: true}),
		form.Checkbox(fBucketRead, form.CheckboxOptions{Text: c.T("CloudTrailRead")}),
		form.Checkbox(fBucketWrt, form.CheckboxOptions{Text: c.T("CloudTrailWrite")}),
		form.Checkbox(fCallRate, form.CheckboxOptions{Label: c.T("CTXInsightTypes"), Text: c.T("CTXCallRate"), Checked: true}),
		form.Checkbox(fErrorRate, form.CheckboxOptions{Text: c.T("CTXErrorRate")}),
	)
}

func eventsVisible(v form.Values) map[string]bool {
	m, d, i := v.Bool(fManagement), v.Bool(fData), v.Bool(fInsights)
	return map[string]bool{fRead: m, fWrite: m, fExcludeKMS: m, fExcludeRDS: m, fDataRead: d, fDataWrite: d,
		fBuckets: d, fBucketRead: d, fBucketWrt: d, fCallRate: i, fErrorRate: i}
}

// newTrail reads both steps into the CreateTrail input, with the console's fixed
// choices (multi-region, global service events, logging started).
func newTrail(attrs, events form.Values) model.NewTrail {
	n := model.ConsoleNewTrail(attrs.String(fName), attrs.String(fBucket))
	n.CreateBucket = attrs.String(fStorage) == storageNew
	n.S3KeyPrefix = attrs.String(fPrefix)
	n.EnableLogFileValidation = attrs.Bool(fValidation)
	for _, t := range attrs.Tags(fTags) {
		if t.Key != "" {
			n.Tags = append(n.Tags, model.Tag{Key: t.Key, Value: t.Value})
		}
	}
	if n.KMSEnabled = attrs.Bool(fKMS); n.KMSEnabled {
		if attrs.String(fKMSMode) == modeNew {
			n.KMSNewAlias = attrs.String(fKMSAlias)
		} else {
			n.KMSKeyID = picked(attrs, fKMSPick, fKMSTyped)
		}
	}
	if n.SNSEnabled = attrs.Bool(fSNS); n.SNSEnabled {
		if attrs.String(fSNSMode) == modeNew {
			n.SNSNewTopic = attrs.String(fSNSName)
		} else {
			n.SNSTopic = picked(attrs, fSNSPick, fSNSTyped)
		}
	}
	if n.CloudWatchLogs = attrs.Bool(fCWL); n.CloudWatchLogs {
		n.LogGroupNew = attrs.String(fGroupMode) == modeNew
		n.LogGroupName = attrs.String(fGroupName)
		if !n.LogGroupNew {
			n.LogGroupName = picked(attrs, fGroupPick, fGroupTyped)
		}
		n.RoleNew = attrs.String(fRoleMode) == modeNew
		n.RoleName = attrs.String(fRoleName)
		if !n.RoleNew {
			n.RoleName = picked(attrs, fRolePick, fRoleTyped)
		}
	}
	n.ManagementEvents = events.Bool(fManagement)
	switch r, w := events.Bool(fRead), events.Bool(fWrite); {
	case r && !w:
		n.ReadWriteType = model.ReadWriteReadOnly
	case w && !r:
		n.ReadWriteType = model.ReadWriteWriteOnly
	default:
		n.ReadWriteType = model.ReadWriteAll
	}
	if n.ManagementEvents {
		n.ExcludeKMS = events.Bool(fExcludeKMS)
		n.ExcludeRDSData = events.Bool(fExcludeRDS)
	}
	if n.DataEventsS3 = events.Bool(fData); n.DataEventsS3 {
		n.DataRead, n.DataWrite = events.Bool(fDataRead), events.Bool(fDataWrite)
		n.DataBuckets = splitBuckets(events.String(fBuckets))
		n.DataBucketsRead, n.DataBucketsWrite = events.Bool(fBucketRead), events.Bool(fBucketWrt)
	}
	if events.Bool(fInsights) {
		n.InsightsCallRate, n.InsightsErrorRate = events.Bool(fCallRate), events.Bool(fErrorRate)
	}
	return n
}

// validateAttributes applies CloudTrail's, S3's, KMS's, SNS's, CloudWatch Logs' and
// IAM's rules to step 1's shown fields.
func validateAttributes(c *common.Common, v form.Values) map[string]string {
	errs := map[string]string{}
	put := func(field string, err error) {
		if err != nil && errs[field] == "" {
			errs[field] = common.ErrorText(c, err)
		}
	}
	required := func(field, val string) {
		if val == "" {
			errs[field] = c.T("ValidateRequired")
		}
	}
	put(fName, model.ValidateTrailName(v.String(fName)))
	if v.String(fBucket) == "" {
		errs[fBucket] = c.T("ValidateRequired")
	} else if v.String(fStorage) == storageNew {
		put(fBucket, model.ValidateBucketName(v.String(fBucket)))
	}
	put(fPrefix, model.ValidateTrailKeyPrefix(v.String(fPrefix)))
	if v.Bool(fKMS) {
		if v.String(fKMSMode) == modeNew {
			put(fKMSAlias, model.ValidateTrailKMSAlias(v.String(fKMSAlias)))
		} else if v.String(fKMSPick) == typed {
			put(fKMSTyped, model.ValidateTrailKMSKey(v.String(fKMSTyped)))
		}
	}
	if v.Bool(fSNS) {
		if v.String(fSNSMode) == modeNew {
			put(fSNSName, model.ValidateTopicName(v.String(fSNSName)))
		} else if v.String(fSNSPick) == typed {
			required(fSNSTyped, v.String(fSNSTyped))
		}
	}
	if v.Bool(fCWL) {
		if v.String(fGroupMode) == modeNew {
			put(fGroupName, model.ValidateLogGroupName(v.String(fGroupName)))
		} else if v.String(fGroupPick) == typed {
			put(fGroupTyped, model.ValidateLogGroupName(v.String(fGroupTyped)))
		}
		if v.String(fRoleMode) == modeNew {
			put(fRoleName, model.ValidateTrailRoleName(v.String(fRoleName)))
		} else if v.String(fRolePick) == typed {
			required(fRoleTyped, v.String(fRoleTyped))
		}
	}
	var tags []model.Tag
	for _, t := range v.Tags(fTags) {
		tags = append(tags, model.Tag{Key: t.Key, Value: t.Value})
	}
	put(fTags, model.ValidateTrailTags(tags))
	return errs
}

// validateEvents requires Read or Write where events are logged, an Insights type
// when Insights are on, and Write management events for Insights (the console's
// rule: "You must be logging Write management events to log Insights events").
func validateEvents(c *common.Common, v form.Values) map[string]string {
	errs := map[string]string{}
	if v.Bool(fManagement) && !v.Bool(fRead) && !v.Bool(fWrite) {
		errs[fRead] = c.T("ValidateTrailReadWrite")
	}
	if v.Bool(fData) {
		buckets := splitBuckets(v.String(fBuckets))
		switch {
		case len(buckets) > 0 && !v.Bool(fBucketRead) && !v.Bool(fBucketWrt) && !v.Bool(fDataRead) && !v.Bool(fDataWrite):
			errs[fBucketRead] = c.T("ValidateTrailReadWrite")
		case len(buckets) == 0 && !v.Bool(fDataRead) && !v.Bool(fDataWrite):
			errs[fDataRead] = c.T("ValidateTrailReadWrite")
		}
		for _, b := range buckets {
			if err := model.ValidateBucketName(b); err != nil {
				errs[fBuckets] = b + ": " + common.ErrorText(c, err)
				break
			}
		}
		if len(buckets) > model.MaxTrailDataResources {
			errs[fBuckets] = c.Tf("CTXDataTooMany", map[string]any{"Max": model.MaxTrailDataResources})
		}
	}
	if v.Bool(fInsights) {
		if !v.Bool(fCallRate) && !v.Bool(fErrorRate) {
			errs[fCallRate] = c.T("CTXInsightTypeRequired")
		}
		if !v.Bool(fManagement) || !v.Bool(fWrite) {
			errs[fInsights] = c.T("CTXInsightsNeedWrite")
		}
	}
	return errs
}

// splitBuckets reads "a, b c" as bucket names, blanks and repeats dropped.
func splitBuckets(s string) []string {
	var out []string
	for _, b := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}
