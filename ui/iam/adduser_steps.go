package iam

import (
	"errors"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/form"
)

// Field IDs of the Add users forms.
const (
	fName      = "name"
	fAccessKey = "accesskey"
	fConsole   = "console"
	fPwType    = "pwtype"
	fPassword  = "password"
	fReset     = "reset"
	fTags      = "tags"

	pwAuto   = "auto"
	pwCustom = "custom"
)

// detailsForm is step 1, "Set user details": the name, the AWS credential type and
// the console password. Require password reset starts unticked, as the lab has it.
// The password type is a select, not a radio group, so the whole step fits a
// 30-line terminal without scrolling.
func detailsForm(c *common.Common) *form.Form {
	f := form.New(c,
		form.Text(fName, form.TextOptions{MaxLength: model.MaxUserNameLen}),
		form.Checkbox(fAccessKey, form.CheckboxOptions{}),
		form.Checkbox(fConsole, form.CheckboxOptions{}),
		form.Select(fPwType, form.ChoiceOptions{Value: pwAuto, Rows: 2}),
		form.Password(fPassword, form.TextOptions{MaxLength: model.MaxPasswordLen}),
		form.Checkbox(fReset, form.CheckboxOptions{}),
	)
	relabelDetails(c, f)
	return f
}

func relabelDetails(c *common.Common, f *form.Form) {
	f.Field(fName).(*form.TextField).SetLabels(c.T("IAMUserNameLabel"), "", c.T("IAMUserNameConstraint"), "")
	f.Field(fAccessKey).(*form.CheckboxField).SetLabels(c.T("IAMCredentialType"), c.T("IAMAccessKeyAccess"), "")
	f.Field(fConsole).(*form.CheckboxField).SetLabels("", c.T("IAMConsoleAccess"), "")
	pw := f.Field(fPwType).(*form.ChoiceField)
	pw.SetLabels(c.T("IAMConsolePassword"), "", "")
	pw.SetOptions([]form.Option{{Value: pwAuto, Label: c.T("IAMPasswordAuto")}, {Value: pwCustom, Label: c.T("IAMPasswordCustom")}})
	f.Field(fPassword).(*form.TextField).SetLabels(c.T("IAMCustomPasswordLabel"), "", c.T("IAMPasswordConstraint"), "")
	f.Field(fReset).(*form.CheckboxField).SetLabels(c.T("IAMRequireReset"), c.T("IAMRequireResetText"), "")
}

// fieldMessage translates a validation error of the model's field into the form's
// field ID → message map.
func fieldMessage(c *common.Common, err error, modelField, formField string, out map[string]string) {
	if err == nil {
		return
	}
	var fes model.Errors
	var fe *model.FieldError
	switch {
	case errors.As(err, &fes):
		if e := fes.For(modelField); e != nil {
			out[formField] = c.Tf(e.ID, e.Data)
		}
	case errors.As(err, &fe):
		out[formField] = c.Tf(fe.ID, fe.Data)
	}
}

// validateDetails applies IAM's rules to step 1 before Next, in the session's
// language.
func validateDetails(c *common.Common, f *form.Form) map[string]string {
	v := f.Values()
	errs := map[string]string{}
	fieldMessage(c, model.ValidateUserName(v.String(fName)), "UserName", fName, errs)
	if v.Bool(fConsole) && v.String(fPwType) == pwCustom {
		fieldMessage(c, model.ValidatePassword(v.String(fPassword)), "Password", fPassword, errs)
	}
	return errs
}

// tagsForm is step 3, "Add tags (optional)", with one empty row as the console
// shows it.
func tagsForm(c *common.Common) *form.Form {
	f := form.New(c, form.Tags(fTags, form.TagsOptions{Tags: []form.Tag{{}}, Max: model.MaxTags,
		KeyMaxLength: model.MaxTagKeyLen, ValueMaxLength: model.MaxTagValueLen}))
	relabelTags(c, f, "")
	return f
}

// relabelTags retitles the tag editor; the wizard's step title already says "Add
// tags (optional)", so there the editor has no label of its own.
func relabelTags(c *common.Common, f *form.Form, label string) {
	f.Field(fTags).(*form.TagsField).SetLabels(label, c.T("IAMTagsDesc"))
}

// modelTags converts the editor's rows.
func modelTags(tags []form.Tag) []model.Tag {
	out := make([]model.Tag, len(tags))
	for i, t := range tags {
		out[i] = model.Tag{Key: t.Key, Value: t.Value}
	}
	return out
}

func validateTags(c *common.Common, f *form.Form) map[string]string {
	errs := map[string]string{}
	fieldMessage(c, model.ValidateTags(modelTags(f.Values().Tags(fTags))), "Tags", fTags, errs)
	return errs
}
