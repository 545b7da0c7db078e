package s3

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/textkey"
	"github.com/labconsole/labconsole/ui/nav"
)

// deleteTag marks the object page's delete dialog in its answer.
type deleteTag struct{ owner *Object }

// deleteMsg answers DeleteObject.
type deleteMsg struct {
	owner *Object
	err   error
}

// deleteCommand is Delete's AWS CLI equivalent.
func (o *Object) deleteCommand() *awscli.Command {
	return awscli.New("s3api", "delete-object").With("--bucket", o.ref.name).With("--key", o.key)
}

// askDelete opens the console's "Delete objects" confirmation: the user types
// "permanently delete" (in the session's language) before Delete works, on the
// simulator too, because a deleted log file cannot come back.
func (o *Object) askDelete() tea.Cmd {
	if o.deleting || o.confirm != nil {
		return nil
	}
	d := dialog.New(o.c, o.deleteOptions())
	d.SetSize(o.width, o.height)
	o.confirm = &d
	return d.Init()
}

// deleteOptions are the dialog's texts in the session's language.
func (o *Object) deleteOptions() dialog.Options {
	c := o.c
	text := c.T("S3DeleteConfirmText")
	body := c.Tf("S3DeleteBody", map[string]any{"URI": s3URI(o.ref.name, o.key)}) +
		"\n\n" + c.T("AWSCLIEquivalent") + "\n$ " + o.deleteCommand().String(c.Backend.Info())
	return dialog.Options{
		Tag:           deleteTag{o},
		Title:         c.Tf("S3DeleteTitle", map[string]any{"Name": baseName(o.key)}),
		Body:          body,
		ConfirmLabel:  c.T("S3DeleteButton"),
		Danger:        true,
		ConfirmText:   text,
		ConfirmPrompt: c.Tf("S3DeleteConfirmPrompt", map[string]any{"Text": text}),
		Width:         84,
	}
}

// relocalizeActions retranslates an open dialog or prompt after a language change;
// what was typed stays, an error from before is dropped.
func (o *Object) relocalizeActions(msg tea.Msg) {
	if o.confirm != nil {
		o.confirm.SetOptions(o.deleteOptions())
		d, _ := o.confirm.Update(msg)
		o.confirm = &d
	}
	if o.download != nil {
		o.download.keys = newPromptKeys(o.c)
		o.download.err, o.download.exists = "", ""
	}
}

// updateActions takes the messages of the page's actions: keys while the dialog or
// the download prompt is open, the dialog's answer, and the calls' results. ok is
// false for everything else.
func (o *Object) updateActions(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case o.confirm != nil:
			var cmds []tea.Cmd
			for _, k := range textkey.Split(msg) {
				d, cmd := o.confirm.Update(k)
				o.confirm = &d
				cmds = append(cmds, cmd)
			}
			return tea.Batch(cmds...), true
		case o.download != nil:
			return o.downloadKey(msg), true
		}
	case dialog.ConfirmedMsg:
		if msg.Tag != any(deleteTag{o}) || o.confirm == nil {
			return nil, false
		}
		o.confirm, o.deleting = nil, true
		o.setNotice(notice{text: o.c.T("S3Deleting"), kind: panel.Info})
		b, ctx, bucket, k := o.c.Backend, o.c.Ctx, o.ref.name, o.key
		return func() tea.Msg { return deleteMsg{owner: o, err: b.DeleteObject(ctx, bucket, k)} }, true
	case dialog.CanceledMsg:
		if msg.Tag != any(deleteTag{o}) {
			return nil, false
		}
		o.confirm = nil
		return nil, true
	case deleteMsg:
		if msg.owner != o {
			return nil, false
		}
		o.deleting = false
		if msg.err != nil {
			o.setNotice(notice{text: errorTextLine(o, msg.err), kind: panel.Error})
			return nil, true
		}
		done := objectDeletedMsg{bucket: o.ref.name, key: o.key, notice: notice{
			text: o.c.Tf("S3Deleted", map[string]any{"URI": s3URI(o.ref.name, o.key)}),
			kind: panel.Success, cli: []*awscli.Command{o.deleteCommand()},
		}}
		return tea.Sequence(nav.Pop(), func() tea.Msg { return done }), true
	case downloadMsg:
		if msg.owner != o {
			return nil, false
		}
		o.downloaded(msg)
		return nil, true
	}
	if o.confirm != nil { // the typed confirmation's cursor blink
		d, cmd := o.confirm.Update(msg)
		o.confirm = &d
		if cmd != nil {
			return cmd, true
		}
	}
	if d := o.download; d != nil { // the path's cursor blink, the save's spinner
		var icmd, scmd tea.Cmd
		d.input, icmd = d.input.Update(msg)
		d.spin, scmd = d.spin.Update(msg)
		if icmd != nil || scmd != nil {
			return tea.Batch(icmd, scmd), true
		}
	}
	return nil, false
}

// errorTextLine says the delete failed, with AWS's error.
func errorTextLine(o *Object, err error) string {
	return strings.TrimSpace(o.c.T("S3DeleteFailed") + " " + common.ErrorText(o.c, err))
}
