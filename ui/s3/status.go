package s3

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/errview"
	"github.com/labconsole/labconsole/ui/components/panel"
)

// notice is the line under a screen that says what the last action did: the S3 URI
// just copied, the file just downloaded, AWS's error for a failed delete. Translated
// when set; a language change clears it rather than leave it in the old language.
type notice struct {
	text string
	kind panel.Kind
	cli  []*awscli.Command // the action's AWS CLI equivalent, shown under the text
}

// maxNoticeLines bounds a notice's text, and cliLines each CLI command, so a long
// URI or error cannot push the table away.
const (
	maxNoticeLines = 4
	cliLines       = 4
)

// lines renders the notice wrapped to width; nil when empty.
func (n notice) lines(c *common.Common, width int) []string {
	if n.text == "" {
		return nil
	}
	st := c.Styles.Info
	switch n.kind {
	case panel.Error:
		st = c.Styles.Error
	case panel.Success:
		st = c.Styles.Success
	case panel.Warning:
		st = c.Styles.Warning
	}
	var out []string
	for _, l := range capLines(cells.WrapAt(n.text, width, "/"), maxNoticeLines, width) {
		out = append(out, st.Render(l))
	}
	if len(n.cli) > 0 {
		out = append(out, c.Styles.Muted.Render(c.T("AWSCLIEquivalent")))
		for _, cmd := range n.cli {
			for _, l := range capLines(cells.WrapAt("$ "+cmd.String(c.Backend.Info()), width, "/"), cliLines, width) {
				out = append(out, c.Styles.Text.Render(l))
			}
		}
	}
	return out
}

// capLines keeps the first n lines, the last ending in "…" when some were dropped.
func capLines(lines []string, n, width int) []string {
	if len(lines) <= n {
		return lines
	}
	lines = lines[:n]
	lines[n-1] = fit(strings.TrimRight(lines[n-1], " ")+"…", width)
	return lines
}

// copyNotice is the notice for "Copy S3 URI": the URI in full, so it can also be
// selected with the mouse where the terminal ignores OSC 52.
func copyNotice(c *common.Common, uri string) notice {
	return notice{text: c.Tf("S3CopiedURI", map[string]any{"URI": uri}), kind: panel.Info}
}

// copyToClipboard asks the user's terminal to put text on its clipboard (OSC 52),
// through the session's own output: over SSH that is the student's terminal, never
// the server's clipboard. It runs as a command so Update does no I/O; the sequence is
// one write, which terminals apply between frames.
func copyToClipboard(c *common.Common, text string) tea.Cmd {
	if c.Renderer == nil {
		return nil
	}
	out := c.Renderer.Output()
	if out == nil {
		return nil
	}
	return func() tea.Msg {
		out.Copy(text)
		return nil
	}
}

// errorPanel shows a failed call: the Insufficient permissions panel naming the
// missing action for a denial (lab step C9), else a red panel with AWS's message.
func errorPanel(c *common.Common, err error, width int) string {
	if backend.KindOf(err) == backend.KindAccessDenied {
		return errview.View(c, err, max(width, 10))
	}
	p := panel.New(c, panel.Error, c.T("ErrorTitle"), common.ErrorText(c, err))
	p.SetSize(max(width, 10), 0)
	return p.View()
}

// notePanel is an info or warning panel, e.g. "This object is too large to preview".
func notePanel(c *common.Common, kind panel.Kind, title, body string, width int) string {
	p := panel.New(c, kind, title, body)
	p.SetSize(max(width, 10), 0)
	return p.View()
}

// joinLines joins non-empty blocks with newlines.
func joinLines(blocks ...string) string {
	var out []string
	for _, b := range blocks {
		if b != "" {
			out = append(out, b)
		}
	}
	return strings.Join(out, "\n")
}
