package sns

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Mailbox is the simulator's inbox for the email endpoints of SNS subscriptions: the
// student opens the subscription confirmation mail and confirms it (lab step A7's
// email endpoint), and later reads the alarm's notification. The address is the one
// the caller names, else the first email endpoint subscribed; tab moves through the
// others and a types any. On a real account it only says the mail is in the user's
// own inbox.
type Mailbox struct {
	c         *common.Common
	keys      mailboxKeys
	table     table.Model
	address   string
	known     []string // email endpoints of the account's subscriptions
	mails     []model.Mail
	req       int
	err       error
	editing   bool
	input     textinput.Model
	inputErr  string
	width     int
	height    int
	simulated bool
}

var _ nav.Screen = (*Mailbox)(nil)

// NewMailbox returns the mailbox of address ("" for the first email endpoint
// subscribed); Init loads it.
func NewMailbox(c *common.Common, address string) *Mailbox {
	m := &Mailbox{c: c, keys: newMailboxKeys(c), address: address, simulated: c.Backend.Info().Mode == backend.ModeSimulator}
	m.table = table.New(c, m.columns())
	m.table.SetEmptyText(c.T("SNSNoMail"))
	m.input = newInput(c)
	return m
}

func (m *Mailbox) columns() []table.Column {
	return []table.Column{
		{ID: "received", Title: m.c.T("SNSColReceived"), Width: 19, Sortable: true},
		{ID: "from", Title: m.c.T("SNSColFrom"), MinWidth: 16},
		{ID: "subject", Title: m.c.T("SNSColSubject"), MinWidth: 44},
	}
}

// mailboxMsg answers load number req: the endpoints known and address's mail.
type mailboxMsg struct {
	owner   *Mailbox
	req     int
	address string
	known   []string
	mails   []model.Mail
	err     error
}

// mailboxChangedMsg tells the mailbox that a mail page above it confirmed a
// subscription, so it reloads.
type mailboxChangedMsg struct{}

func (m *Mailbox) load() tea.Cmd {
	if !m.simulated {
		return nil
	}
	m.req++
	req, b, ctx, address := m.req, m.c.Backend, m.c.Ctx, m.address
	spin := m.table.SetLoading(true)
	return tea.Batch(spin, func() tea.Msg {
		known, err := emailEndpoints(ctx, b)
		msg := mailboxMsg{owner: m, req: req, address: address, known: known}
		if msg.address == "" && len(known) > 0 {
			msg.address = known[0]
		}
		if msg.address == "" {
			msg.err = err
			return msg
		}
		msg.mails, msg.err = b.Mailbox(ctx, msg.address)
		return msg
	})
}

// emailEndpoints are the email and email-json endpoints subscribed in the console's
// region and, for billing alarms on AWS, us-east-1 — in the order first seen.
func emailEndpoints(ctx context.Context, b backend.Backend) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	var firstErr error
	regions := []string{b.Info().Region}
	if regions[0] != model.BillingRegion {
		regions = append(regions, model.BillingRegion)
	}
	for _, r := range regions {
		page, err := b.SNSIn(r).ListSubscriptions(ctx, "", model.PageRequest{})
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		for _, s := range page.Items {
			if (s.Protocol == "email" || s.Protocol == "email-json") && !seen[s.Endpoint] {
				seen[s.Endpoint] = true
				out = append(out, s.Endpoint)
			}
		}
	}
	return out, firstErr
}

// Init implements tea.Model.
func (m *Mailbox) Init() tea.Cmd { return m.load() }

// Crumbs implements nav.Screen.
func (m *Mailbox) Crumbs() []string { return []string{m.c.T("MailboxTitle")} }

// Capturing implements nav.Screen: while an address or the table's search is typed.
func (m *Mailbox) Capturing() bool { return m.editing || m.table.Filtering() }

// Address is the address shown, for tests.
func (m *Mailbox) Address() string { return m.address }

// SetSize implements common.Component.
func (m *Mailbox) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(h-6, 3))
	m.input.Width = max(min(w-20, 60), 10)
}

// Update implements tea.Model.
func (m *Mailbox) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case mailboxMsg:
		if msg.owner != m || msg.req != m.req {
			return m, nil
		}
		m.table.SetLoading(false)
		m.address, m.known, m.mails, m.err = msg.address, msg.known, msg.mails, msg.err
		m.table.SetRows(m.rows())
		return m, nil
	case mailboxChangedMsg:
		return m, m.load()
	case common.LanguageChangedMsg:
		m.keys = newMailboxKeys(m.c)
		m.table.SetColumns(m.columns())
		m.table.SetEmptyText(m.c.T("SNSNoMail"))
	case common.IdentityChangedMsg:
		return m, m.load()
	case tea.KeyMsg:
		if m.editing {
			return m, m.updateInput(msg)
		}
		if !m.table.Filtering() {
			switch {
			case key.Matches(msg, m.keys.Refresh):
				return m, m.load()
			case key.Matches(msg, m.keys.Address) && m.simulated:
				m.editing, m.inputErr = true, ""
				m.input.SetValue(m.address)
				m.input.CursorEnd()
				return m, m.input.Focus()
			case key.Matches(msg, m.keys.Next) && len(m.known) > 1:
				m.address = nextAddress(m.known, m.address)
				return m, m.load()
			case key.Matches(msg, m.keys.Open):
				if r, ok := m.table.Selected(); ok {
					if mail, ok := r.Data.(model.Mail); ok {
						return m, nav.Push(NewMailView(m.c, mail))
					}
				}
				return m, nil
			}
		}
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(msg)
	if m.editing {
		var ic tea.Cmd
		m.input, ic = m.input.Update(msg) // cursor blink
		cmd = tea.Batch(cmd, ic)
	}
	return m, cmd
}

// updateInput types the address; enter opens its mailbox once it is an address.
func (m *Mailbox) updateInput(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEsc:
		m.editing = false
		m.input.Blur()
		return nil
	case tea.KeyEnter:
		addr := strings.TrimSpace(m.input.Value())
		if err := model.ValidateEmail(addr); err != nil {
			m.inputErr = common.ErrorText(m.c, err)
			return nil
		}
		m.editing = false
		m.input.Blur()
		m.address = addr
		return m.load()
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

func nextAddress(known []string, cur string) string {
	for i, a := range known {
		if a == cur {
			return known[(i+1)%len(known)]
		}
	}
	return known[0]
}

func (m *Mailbox) rows() []table.Row {
	rows := make([]table.Row, len(m.mails))
	for i, mail := range m.mails {
		rows[i] = table.Row{ID: mail.ID, Cells: []string{stamp(mail.Received), mail.From, mail.Subject}, Data: mail}
	}
	return rows
}

// View implements tea.Model.
func (m *Mailbox) View() string {
	st := m.c.Styles
	title := st.Title.Render(m.c.T("MailboxTitle"))
	if !m.simulated {
		p := panel.New(m.c, panel.Info, m.c.T("SNSMailboxSimulatorOnlyTitle"), m.c.T("MailboxSimulatorOnly"))
		p.SetSize(m.width, 0)
		return title + "\n\n" + p.View()
	}
	addr := m.address
	if addr == "" {
		addr = m.c.T("SNSNoAddress")
	}
	line := st.Muted.Render(m.c.T("SNSAddress")+" ") + st.Text.Render(addr)
	if len(m.known) > 1 {
		line += st.Muted.Render("  (" + m.c.Tf("SNSAddressCount", map[string]any{"Count": len(m.known)}) + ")")
	}
	if m.editing {
		line = st.Form.Label.Render(m.c.T("SNSAddress")) + " " + m.input.View()
		if m.inputErr != "" {
			line += "\n" + st.Form.Error.Render("✕ "+m.inputErr)
		}
	}
	var body string
	switch {
	case m.err != nil:
		body = action.ErrorPanel(m.c, m.err, m.width)
	case m.address == "" && !m.table.Loading():
		body = st.Muted.Render(strings.Join(cells.WrapWords(m.c.T("SNSMailboxNoEndpoints"), m.width), "\n"))
	default:
		body = m.table.View()
	}
	return strings.Join([]string{title, "", cells.FitBlock(line, m.width), "", body}, "\n")
}

// ShortHelp implements help.KeyMap.
func (m *Mailbox) ShortHelp() []key.Binding {
	if m.editing || m.table.Filtering() || !m.simulated {
		return nil
	}
	k := m.keys
	k.Next.SetEnabled(len(m.known) > 1)
	return []key.Binding{k.Open, k.Address, k.Next, k.Refresh}
}

// FullHelp implements help.KeyMap.
func (m *Mailbox) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
