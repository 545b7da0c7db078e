package iam

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/textkey"
	"github.com/labconsole/labconsole/ui/nav"
)

// successPage is the last page of Add users (lab step B11): the console sign-in URL
// and the new credentials, shown this once, with "Download .csv".
type successPage struct {
	c        *common.Common
	keys     doneKeys
	res      addUserResult
	commands []*awscli.Command
	show     bool // the password and secret are masked until asked for
	prompt   *textinput.Model
	defPath  string
	saved    string // where the .csv was written
	saveErr  string
	width    int
	height   int
}

func newSuccessPage(c *common.Common, res addUserResult, cmds []*awscli.Command) *successPage {
	return &successPage{c: c, keys: newDoneKeys(c), res: res, commands: cmds}
}

// csvPathMsg is the default download path, found in a command (it looks at the disk).
type csvPathMsg struct {
	page *successPage
	path string
}

// csvSavedMsg answers a download.
type csvSavedMsg struct {
	page *successPage
	path string
	err  error
}

func (s *successPage) Init() tea.Cmd {
	name := s.res.user.UserName
	return func() tea.Msg { return csvPathMsg{page: s, path: defaultCSVPath(name)} }
}

// defaultCSVPath is ~/Downloads/<user>_credentials.csv when there is a Downloads
// folder, else the file in the working directory, as a browser would save it.
func defaultCSVPath(user string) string {
	file := user + "_credentials.csv"
	if home, err := os.UserHomeDir(); err == nil {
		dir := filepath.Join(home, "Downloads")
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return filepath.Join(dir, file)
		}
	}
	if wd, err := os.Getwd(); err == nil {
		return filepath.Join(wd, file)
	}
	return file
}

// credentialsCSV is the console's credentials file: a header row and one row per
// user, empty cells for what was not created.
func credentialsCSV(res addUserResult) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	keyID, secret := "", ""
	if res.key != nil {
		keyID, secret = res.key.AccessKeyID, res.key.SecretAccessKey
	}
	link := ""
	if res.password != "" {
		link = signInURL(accountOf(res.user.Arn))
	}
	_ = w.Write([]string{"User name", "Password", "Access key ID", "Secret access key", "Console login link"})
	_ = w.Write([]string{res.user.UserName, res.password, keyID, secret, link})
	w.Flush()
	return buf.Bytes()
}

// writeCSV writes the file readable by its owner only: it holds a password.
func writeCSV(page *successPage, path string, data []byte) tea.Cmd {
	return func() tea.Msg {
		p := path
		if strings.HasPrefix(p, "~/") {
			if home, err := os.UserHomeDir(); err == nil {
				p = filepath.Join(home, p[2:])
			}
		}
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			p = filepath.Join(p, filepath.Base(page.defPath))
		}
		err := os.WriteFile(p, data, 0o600)
		return csvSavedMsg{page: page, path: p, err: err}
	}
}

// Capturing reports whether the path prompt takes text.
func (s *successPage) Capturing() bool { return s.prompt != nil }

func (s *successPage) SetSize(w, h int) { s.width, s.height = w, h }

func (s *successPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case csvPathMsg:
		if msg.page == s {
			s.defPath = msg.path
		}
		return nil
	case csvSavedMsg:
		if msg.page != s {
			return nil
		}
		if msg.err != nil {
			s.saved, s.saveErr = "", s.c.Tf("IAMDownloadFailed", map[string]any{"Path": msg.path, "Error": msg.err.Error()})
		} else {
			s.saved, s.saveErr = msg.path, ""
		}
		return nil
	case common.LanguageChangedMsg:
		s.keys = newDoneKeys(s.c)
		return nil
	case tea.KeyMsg:
		return s.key(msg)
	}
	if s.prompt != nil {
		in, cmd := s.prompt.Update(msg)
		s.prompt = &in
		return cmd
	}
	return nil
}

func (s *successPage) key(msg tea.KeyMsg) tea.Cmd {
	if s.prompt != nil {
		switch msg.Type {
		case tea.KeyEnter:
			path := strings.TrimSpace(s.prompt.Value())
			s.prompt = nil
			if path == "" {
				return nil
			}
			return writeCSV(s, path, credentialsCSV(s.res))
		case tea.KeyEsc:
			s.prompt = nil
			return nil
		}
		return textkey.Update(s.prompt, msg)
	}
	switch {
	case key.Matches(msg, s.keys.Download):
		if s.c.Remote {
			s.saved, s.saveErr = "", s.c.T("IAMDownloadRemote")
			return nil
		}
		in := textinput.New()
		st := s.c.Styles.Form
		in.Prompt, in.PromptStyle, in.TextStyle, in.Cursor.Style = "> ", st.PromptFocused, st.Input, st.Cursor
		in.KeyMap.Paste.SetEnabled(false)
		in.SetValue(s.defPath)
		s.prompt = &in
		return in.Focus()
	case key.Matches(msg, s.keys.Show):
		s.show = !s.show
	case key.Matches(msg, s.keys.Close):
		return nav.Pop()
	}
	return nil
}

func (s *successPage) View() string {
	c, st := s.c, s.c.Styles
	p := panel.New(c, panel.Success, c.T("IAMSuccess"), c.T("IAMSuccessBody"))
	p.SetSize(s.width, 0)
	lines := strings.Split(p.View(), "\n")
	lines = append(lines, "")
	if s.res.password != "" {
		lines = append(lines, c.T("IAMSuccessSignIn"), st.Link.Render(signInURL(accountOf(s.res.user.Arn))), "")
	}
	mask := func(secret string) string {
		switch {
		case secret == "":
			return "-"
		case s.show:
			return secret
		}
		return "********"
	}
	keyID, secret := "-", ""
	if s.res.key != nil {
		keyID, secret = s.res.key.AccessKeyID, s.res.key.SecretAccessKey
	}
	cols := []int{20, 20, 22, max(s.width-68, 10)}
	row := func(values ...string) string {
		parts := make([]string, len(values))
		for i, cell := range values {
			parts[i] = cells.Clip(cell, cols[i])
		}
		return strings.Join(parts, "  ")
	}
	lines = append(lines,
		st.Table.Header.Render(row(c.T("IAMColUser"), c.T("IAMColPassword"), c.T("IAMColAccessKeyID"), c.T("IAMColSecretKey"))),
		row(s.res.user.UserName, mask(s.res.password), keyID, mask(secret)), "")
	switch {
	case s.prompt != nil:
		lines = append(lines, c.T("IAMDownloadPrompt"), s.prompt.View())
	case s.saveErr != "":
		lines = append(lines, st.Error.Render(cells.Clip(s.saveErr, s.width)))
	case s.saved != "":
		lines = append(lines, st.Success.Render(cells.Clip(c.Tf("IAMDownloaded", map[string]any{"Path": s.saved}), s.width)))
	}
	lines = append(lines, "")
	lines = append(lines, cliLines(c, s.commands, s.width)...)
	b := st.Button
	buttons := b.Key.Render("[d]") + " " + b.Normal.Render(c.T("IAMDownloadCSV")) + "   " +
		b.Key.Render("[v]") + " " + b.Normal.Render(c.T("IAMKeyShowPassword")) + "   " +
		b.Key.Render("[enter]") + " " + b.Primary.Render(c.T("IAMClose"))
	body := cells.ClipLines(strings.Join(lines, "\n"), s.width, max(s.height-1, 1))
	return body + "\n" + cells.Clip(buttons, s.width)
}

func (s *successPage) ShortHelp() []key.Binding {
	if s.prompt != nil {
		return []key.Binding{bind(s.c, "enter", "IAMKeySave", "enter"), bind(s.c, "esc", "KeyCancel", "esc")}
	}
	return []key.Binding{s.keys.Download, s.keys.Show, s.keys.Close}
}
