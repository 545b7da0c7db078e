package s3

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/components/spinner"
	"github.com/labconsole/labconsole/ui/nav"
)

// regions are offered by Create bucket after the session's own: the commercial
// Regions the lab's students and most operators use. A function, so no session can
// change another's list.
func regions() []string {
	return []string{
		"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
		"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
		"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
	}
}

// CreateBucket is S3 > Buckets > Create bucket: the name, checked with S3's naming
// rules as it is submitted (each rule's own message under the field), and the
// Region, the session's by default. If S3 still refuses (the name is taken), AWS's
// error shows under the name.
type CreateBucket struct {
	c        *common.Common
	keys     createKeys
	form     *form.Form
	name     *form.TextField
	region   *form.ChoiceField
	spin     spinner.Model
	creating bool
	confirm  *dialog.Model // on a real account, Create asks first
	err      error
	width    int
	height   int
}

var _ nav.Screen = (*CreateBucket)(nil)

// NewCreateBucket returns the Create bucket page.
func NewCreateBucket(c *common.Common) *CreateBucket {
	home := ""
	if c.Backend != nil {
		home = c.Backend.Info().Region
	}
	opts := []form.Option{}
	if home != "" {
		opts = append(opts, form.Option{Value: home, Label: home})
	}
	for _, r := range regions() {
		if r != home {
			opts = append(opts, form.Option{Value: r, Label: r})
		}
	}
	cb := &CreateBucket{c: c, keys: newCreateKeys(c), spin: spinner.New(c)}
	cb.name = form.Text("name", form.TextOptions{MaxLength: model.MaxBucketNameLen + 10})
	cb.region = form.Select("region", form.ChoiceOptions{Options: opts, Value: home, Rows: 5})
	cb.form = form.New(c, cb.name, cb.region)
	cb.relabel()
	return cb
}

func (cb *CreateBucket) relabel() {
	c := cb.c
	cb.name.SetLabels(c.T("S3BucketNameLabel"), c.T("S3BucketNameDesc"), c.T("S3BucketNameConstraint"), c.T("S3BucketNamePlaceholder"))
	cb.region.SetLabels(c.T("S3RegionLabel"), "", "")
}

// createdMsg answers CreateBucket for owner.
type createdMsg struct {
	owner  *CreateBucket
	bucket model.Bucket
	err    error
}

// Init implements tea.Model.
func (cb *CreateBucket) Init() tea.Cmd { return cb.form.Init() }

// Crumbs implements nav.Screen.
func (cb *CreateBucket) Crumbs() []string { return []string{cb.c.T("S3CreateBucket")} }

// Capturing implements nav.Screen: the form takes every key (q is a letter of a
// bucket name); esc cancels.
func (cb *CreateBucket) Capturing() bool { return true }

// Edited implements nav.Editor.
func (cb *CreateBucket) Edited() bool { return cb.form.Edited() }

// SetSize implements common.Component.
func (cb *CreateBucket) SetSize(w, h int) {
	cb.width, cb.height = w, h
	if cb.confirm != nil {
		cb.confirm.SetSize(w, h)
	}
	cb.layout()
}

// Values are the name and Region as typed, for tests.
func (cb *CreateBucket) Values() (string, string) { return cb.name.Value(), cb.region.Value() }

// command is the AWS CLI equivalent of the form as filled: us-east-1 takes no
// location constraint.
func (cb *CreateBucket) command() *awscli.Command {
	name, region := cb.Values()
	cmd := awscli.New("s3api", "create-bucket").With("--bucket", name).With("--region", region)
	if region != "" && region != "us-east-1" {
		cmd.With("--create-bucket-configuration", "LocationConstraint="+region)
	}
	return cmd
}

// below is everything under the form: the CLI equivalent, the error, the buttons.
func (cb *CreateBucket) below() []string {
	c, st := cb.c, cb.c.Styles
	lines := []string{"", st.Muted.Render(c.T("AWSCLIEquivalent"))}
	for _, l := range cells.WrapAt("$ "+cb.command().String(c.Backend.Info()), cb.width, "/") {
		lines = append(lines, st.Text.Render(l))
	}
	if cb.creating {
		lines = append(lines, "", cb.spin.View())
	} else if cb.err != nil {
		lines = append(lines, "")
		lines = append(lines, strings.Split(errorPanel(c, cb.err, cb.width), "\n")...)
	}
	b := st.Button
	buttons := b.Key.Render("[esc]") + " " + b.Normal.Render(c.T("WizardCancel")) + "   " +
		b.Key.Render("[ctrl+s]") + " " + b.Primary.Render(c.T("S3CreateBucket"))
	return append(lines, "", buttons)
}

func (cb *CreateBucket) layout() {
	cb.form.SetSize(cb.width, max(cb.height-3-len(cb.below()), 3))
}

// Update implements tea.Model.
func (cb *CreateBucket) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case createdMsg:
		if msg.owner == cb {
			return cb, cb.created(msg)
		}
		return cb, nil
	case common.LanguageChangedMsg:
		cb.keys = newCreateKeys(cb.c)
		cb.relabel()
		cb.form.Update(msg)
		cb.layout()
		return cb, nil
	case dialog.ConfirmedMsg:
		if msg.Tag == any(createTag{cb}) && cb.confirm != nil {
			cb.confirm = nil
			return cb, cb.create()
		}
		return cb, nil
	case dialog.CanceledMsg:
		if msg.Tag == any(createTag{cb}) {
			cb.confirm = nil
		}
		return cb, nil
	case tea.KeyMsg:
		if cb.confirm != nil {
			d, cmd := cb.confirm.Update(msg)
			cb.confirm = &d
			return cb, cmd
		}
		return cb, cb.key(msg)
	}
	var cmd, scmd tea.Cmd
	_, cmd = cb.form.Update(msg)
	cb.spin, scmd = cb.spin.Update(msg)
	return cb, tea.Batch(cmd, scmd)
}

// createTag marks Create bucket's confirmation in its answer.
type createTag struct{ owner *CreateBucket }

func (cb *CreateBucket) key(msg tea.KeyMsg) tea.Cmd {
	if cb.creating {
		return nil
	}
	switch {
	case key.Matches(msg, cb.keys.Cancel):
		return nav.Pop()
	case key.Matches(msg, cb.keys.Submit):
		return cb.submit()
	}
	_, cmd := cb.form.Update(msg)
	cb.layout()
	return cmd
}

// submit checks the name with S3's rules, then creates the bucket.
func (cb *CreateBucket) submit() tea.Cmd {
	name, region := cb.Values()
	in := model.NewBucket{Name: strings.TrimSpace(name), Region: region}
	if err := in.Validate(); err != nil {
		var fes model.Errors
		errors.As(err, &fes)
		errs := map[string]string{}
		if fe := fes.For("BucketName"); fe != nil {
			errs["name"] = cb.c.Tf(fe.ID, fe.Data)
		}
		if fe := fes.For("Region"); fe != nil {
			errs["region"] = cb.c.Tf(fe.ID, fe.Data)
		}
		cb.err = nil
		cmd := cb.form.SetErrors(errs)
		cb.layout()
		return cmd
	}
	cb.form.SetErrors(nil)
	if cb.c.Backend.Info().Mode == backend.ModeAWS { // a real bucket: confirm first
		d := dialog.New(cb.c, dialog.Options{Tag: createTag{cb}, Title: cb.c.Tf("S3CreateBucketConfirm", map[string]any{"Name": in.Name}),
			Body:         cb.c.T("AWSCLIEquivalent") + "\n$ " + cb.command().String(cb.c.Backend.Info()),
			ConfirmLabel: cb.c.T("S3CreateBucket"), Width: 84})
		d.SetSize(cb.width, cb.height)
		cb.confirm = &d
		return d.Init()
	}
	return cb.create()
}

// create makes the call with the form's values.
func (cb *CreateBucket) create() tea.Cmd {
	name, region := cb.Values()
	in := model.NewBucket{Name: strings.TrimSpace(name), Region: region}
	cb.creating, cb.err = true, nil
	cb.layout()
	b, ctx := cb.c.Backend, cb.c.Ctx
	return tea.Batch(cb.spin.Start(), func() tea.Msg {
		bk, err := b.CreateBucket(ctx, in)
		return createdMsg{owner: cb, bucket: bk, err: err}
	})
}

// created follows the call: back to the list, which reloads and says what was done,
// or AWS's error under the name (BucketAlreadyExists) and in a panel.
func (cb *CreateBucket) created(msg createdMsg) tea.Cmd {
	cb.creating = false
	cb.spin.Stop()
	if msg.err != nil {
		cb.err = msg.err
		var be *backend.Error
		if errors.As(msg.err, &be) && be.Kind != backend.KindReadOnly {
			cb.form.SetError("name", be.Code+": "+be.Message)
		}
		cb.layout()
		return nil
	}
	done := bucketCreatedMsg{bucket: msg.bucket, notice: successNotice(
		cb.c.Tf("S3BucketCreated", map[string]any{"Name": msg.bucket.Name}), cb.command())}
	return tea.Sequence(nav.Pop(), func() tea.Msg { return done })
}

// View implements tea.Model.
func (cb *CreateBucket) View() string {
	st := cb.c.Styles
	lines := []string{st.Title.Render(cb.c.T("S3CreateBucket")), st.Subtitle.Render(cb.c.T("S3GeneralConfiguration")), ""}
	form := strings.Split(cb.form.View(), "\n")
	for len(form) > 0 && strings.TrimSpace(form[len(form)-1]) == "" {
		form = form[:len(form)-1]
	}
	lines = append(lines, form...)
	lines = append(lines, cb.below()...)
	view := cells.Lines(strings.Join(lines, "\n"), cb.width, max(cb.height, 1), fit)
	if cb.confirm != nil {
		return cb.confirm.Overlay(view)
	}
	return view
}

// ShortHelp implements help.KeyMap.
func (cb *CreateBucket) ShortHelp() []key.Binding {
	if cb.confirm != nil {
		return cb.confirm.ShortHelp()
	}
	return append(cb.form.ShortHelp(), cb.keys.Submit) // the root shows esc
}

// FullHelp implements help.KeyMap.
func (cb *CreateBucket) FullHelp() [][]key.Binding { return [][]key.Binding{cb.ShortHelp()} }
