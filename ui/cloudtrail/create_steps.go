package cloudtrail

import (
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
	fValidation = "validation"
	fTags       = "tags"

	fManagement = "management"
	fRead       = "read"
	fWrite      = "write"
	fExcludeKMS = "excludeKMS"
	fExcludeRDS = "excludeRDS"

	storageNew      = "new"
	storageExisting = "existing"
)

// attributesForm is step 1, "Choose trail attributes": name, storage location, log
// file validation and tags. The console's defaults: a new bucket, validation on.
func attributesForm(c *common.Common) *form.Form {
	return form.New(c,
		form.Text(fName, form.TextOptions{Label: c.T("CloudTrailTrailName"), Constraint: c.T("CTNameConstraint"), MaxLength: 128}),
		form.Radio(fStorage, form.ChoiceOptions{Label: c.T("CloudTrailStorageLocation"), Options: storageOptions(c), Value: storageNew}),
		form.Text(fBucket, form.TextOptions{Label: c.T("CTBucketName"), Constraint: c.T("CTBucketConstraint"), MaxLength: 63}),
		form.Text(fPrefix, form.TextOptions{Label: c.T("CTPrefix"), Optional: true, Constraint: c.T("CTPrefixConstraint")}),
		form.Checkbox(fValidation, form.CheckboxOptions{Label: c.T("CloudTrailLogFileValidation"), Text: c.T("CTEnabled"), Checked: true}),
		form.Tags(fTags, form.TagsOptions{Label: c.T("CTTags"), Description: c.T("CTTagsDesc")}),
	)
}

func storageOptions(c *common.Common) []form.Option {
	return []form.Option{
		{Value: storageNew, Label: c.T("CloudTrailCreateNewBucket")},
		{Value: storageExisting, Label: c.T("CloudTrailUseExistingBucket")},
	}
}

// eventsForm is step 2, "Choose log events": management events with their API
// activity and exclusions.
func eventsForm(c *common.Common) *form.Form {
	return form.New(c,
		form.Checkbox(fManagement, form.CheckboxOptions{Label: c.T("CTEventType"), Text: c.T("CloudTrailManagementEvents"), Description: c.T("CTManagementDesc"), Checked: true}),
		form.Checkbox(fRead, form.CheckboxOptions{Label: c.T("CloudTrailAPIActivity"), Text: c.T("CloudTrailRead"), Checked: true}),
		form.Checkbox(fWrite, form.CheckboxOptions{Text: c.T("CloudTrailWrite"), Checked: true}),
		form.Checkbox(fExcludeKMS, form.CheckboxOptions{Text: c.T("CloudTrailExcludeKMS")}),
		form.Checkbox(fExcludeRDS, form.CheckboxOptions{Text: c.T("CloudTrailExcludeRDSData")}),
	)
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
	n.ManagementEvents = events.Bool(fManagement)
	switch r, w := events.Bool(fRead), events.Bool(fWrite); {
	case r && !w:
		n.ReadWriteType = model.ReadWriteReadOnly
	case w && !r:
		n.ReadWriteType = model.ReadWriteWriteOnly
	default:
		n.ReadWriteType = model.ReadWriteAll
	}
	n.ExcludeKMS = events.Bool(fExcludeKMS)
	n.ExcludeRDSData = events.Bool(fExcludeRDS)
	return n
}

// validateAttributes applies CloudTrail's and S3's rules to step 1.
func validateAttributes(c *common.Common, v form.Values) map[string]string {
	errs := map[string]string{}
	put := func(field string, err error) {
		if err != nil {
			errs[field] = common.ErrorText(c, err)
		}
	}
	put(fName, model.ValidateTrailName(v.String(fName)))
	if v.String(fBucket) == "" {
		errs[fBucket] = c.T("ValidateRequired")
	} else if v.String(fStorage) == storageNew {
		put(fBucket, model.ValidateBucketName(v.String(fBucket)))
	}
	put(fPrefix, model.ValidateTrailKeyPrefix(v.String(fPrefix)))
	var tags []model.Tag
	for _, t := range v.Tags(fTags) {
		tags = append(tags, model.Tag{Key: t.Key, Value: t.Value})
	}
	put(fTags, model.ValidateTrailTags(tags))
	return errs
}

// validateEvents requires Read or Write when management events are logged.
func validateEvents(c *common.Common, v form.Values) map[string]string {
	if v.Bool(fManagement) && !v.Bool(fRead) && !v.Bool(fWrite) {
		return map[string]string{fRead: c.T("ValidateTrailReadWrite")}
	}
	return nil
}
