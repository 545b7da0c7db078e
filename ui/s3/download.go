package s3

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/spinner"
	"github.com/labconsole/labconsole/ui/components/textkey"
)

// download is the "Download" prompt under an object's page: the path to save to,
// the object's file name in the working directory until the user types another.
type download struct {
	keys   promptKeys
	input  textinput.Model
	err    string // why the last attempt failed, translated
	exists string // a file found at the path: enter again replaces it
	saving bool
	spin   spinner.Model
}

// downloadMsg answers a save: path is the absolute path written (or found existing);
// reason is the message ID that explains err, chosen where the disk can be looked at.
type downloadMsg struct {
	owner  *Object
	path   string
	exists bool
	err    error
	reason string
}

func (o *Object) startDownload() tea.Cmd {
	d := &download{keys: newPromptKeys(o.c), input: newInput(o.c), spin: spinner.New(o.c)}
	d.input.SetValue(baseName(o.key))
	d.input.CursorEnd()
	o.download = d
	o.layout()
	return d.input.Focus()
}

// downloadKey handles keys while the prompt is open.
func (o *Object) downloadKey(msg tea.KeyMsg) tea.Cmd {
	d := o.download
	if d.saving {
		return nil
	}
	switch {
	case key.Matches(msg, d.keys.Cancel):
		o.download = nil
		o.layout()
		return nil
	case key.Matches(msg, d.keys.Save):
		p := strings.TrimSpace(d.input.Value())
		if p == "" {
			d.err = o.c.T("ValidateRequired")
			o.layout()
			return nil
		}
		d.saving, d.err = true, ""
		replace := d.exists
		d.exists = ""
		o.layout()
		d.spin.SetLabel(o.c.T("S3Downloading"))
		return tea.Batch(d.spin.Start(), saveObject(o, p, replace))
	}
	prev := d.input.Value()
	var cmds []tea.Cmd
	for _, k := range textkey.Split(msg) {
		var cmd tea.Cmd
		d.input, cmd = d.input.Update(k)
		cmds = append(cmds, cmd)
	}
	cmd := tea.Batch(cmds...)
	if d.input.Value() != prev { // a new path: no longer the one that exists
		d.exists, d.err = "", ""
		o.layout()
	}
	return cmd
}

// downloaded takes a save's answer: success closes the prompt with a notice, a
// failure keeps it open with the reason so the user can fix the path.
func (o *Object) downloaded(msg downloadMsg) {
	d := o.download
	if d == nil {
		return
	}
	d.saving = false
	d.spin.Stop()
	switch {
	case msg.exists:
		d.exists = msg.path
		d.err = o.c.Tf("S3DownloadExists", map[string]any{"Path": msg.path})
	case msg.err != nil:
		d.err = downloadError(o.c, msg.path, msg.reason, msg.err)
	default:
		o.download = nil
		cli := awscli.New("s3", "cp")
		cli.Args = append(cli.Args, awscli.Arg{Name: awscli.Quote(s3URI(o.ref.name, o.key)), Flag: true},
			awscli.Arg{Name: awscli.Quote(msg.path), Flag: true})
		o.notice = notice{text: o.c.Tf("S3Downloaded", map[string]any{"Path": msg.path}), kind: panel.Success, cli: []*awscli.Command{cli}}
	}
	o.layout()
}

// saveObject reads the whole object and writes it to path through a temporary file
// in the same folder, renamed into place at the end: a failed download leaves
// nothing behind, and an existing file is replaced only when replace names it. The
// file is readable by its owner only, as trail logs show an account's activity.
func saveObject(o *Object, path, replace string) tea.Cmd {
	b, ctx, bucket, k := o.c.Backend, o.c.Ctx, o.ref.name, o.key
	return func() tea.Msg {
		p, exists, err := savePath(path, baseName(k))
		if err == nil && exists && p != replace {
			return downloadMsg{owner: o, path: p, exists: true}
		}
		if err == nil {
			err = writeObject(ctx, b, bucket, k, p)
		}
		return downloadMsg{owner: o, path: p, err: err, reason: saveFailure(p, err)}
	}
}

// savePath makes path absolute ("~/" is the home folder) and, when it names a
// folder, puts the file name in it; exists reports a file already there.
func savePath(path, name string) (abs string, exists bool, err error) {
	if strings.HasPrefix(path, "~/") {
		if home, herr := os.UserHomeDir(); herr == nil {
			path = filepath.Join(home, path[2:])
		}
	}
	abs, err = filepath.Abs(path)
	if err != nil {
		return path, false, err
	}
	st, err := os.Stat(abs)
	if err == nil && st.IsDir() {
		abs = filepath.Join(abs, name)
		st, err = os.Stat(abs)
	}
	if err == nil {
		if st.IsDir() {
			return abs, false, &fs.PathError{Op: "open", Path: abs, Err: syscall.EISDIR}
		}
		return abs, true, nil
	}
	return abs, false, nil
}

func writeObject(ctx context.Context, b backend.Backend, bucket, k, path string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".part-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	data, err := b.GetObject(ctx, bucket, k, 0)
	if err != nil {
		return err
	}
	if _, err = tmp.Write(data.Body); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// saveFailure is the message ID that explains why writing path failed: the folder
// is missing or not writable, the path is a folder, the disk is full. It may look at
// the disk, so it runs in the save's command.
func saveFailure(path string, err error) string {
	var be *backend.Error
	switch {
	case err == nil || errors.As(err, &be):
		return ""
	case errors.Is(err, fs.ErrPermission):
		return "S3DownloadNoPermission"
	case errors.Is(err, syscall.EISDIR):
		return "S3DownloadIsFolder"
	case errors.Is(err, syscall.ENOTDIR):
		return "S3DownloadNotFolder"
	case errors.Is(err, syscall.ENOSPC):
		return "S3DownloadNoSpace"
	case errors.Is(err, syscall.EROFS):
		return "S3DownloadReadOnly"
	case errors.Is(err, fs.ErrNotExist):
		// A missing folder, or one that refuses new files (/proc says "no such file").
		if st, serr := os.Stat(filepath.Dir(path)); serr == nil && st.IsDir() {
			return "S3DownloadNotWritable"
		}
		return "S3DownloadNoFolder"
	}
	return "S3DownloadFailed"
}

// downloadError says in the session's language why a save failed; AWS's refusal
// to read the object is AWS's error.
func downloadError(c *common.Common, path, reason string, err error) string {
	if reason == "" {
		return common.ErrorText(c, err)
	}
	return c.Tf(reason, map[string]any{"Path": path, "Dir": filepath.Dir(path), "Error": err.Error()})
}

// lines draws the prompt: the label, the input and the last error.
func (d *download) lines(c *common.Common, width int) []string {
	st := c.Styles
	in := d.input
	in.Width = max(width-4, 1)
	out := []string{st.Form.LabelFocused.Render(fit(c.T("S3DownloadLabel"), width)), fit(in.View(), width)}
	switch {
	case d.saving:
		out = append(out, fit(d.spin.View(), width))
	case d.err != "":
		for _, l := range cells.WrapAt("✕ "+d.err, width, "/") {
			out = append(out, st.Form.Error.Render(l))
		}
	}
	return out
}

func (d *download) help() []key.Binding { return []key.Binding{d.keys.Save, d.keys.Cancel} }
