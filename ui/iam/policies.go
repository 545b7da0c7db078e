package iam

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// maxPolicyPages bounds a full policy listing: real AWS has about 1,300 managed
// policies, 13 pages of 100; the bound keeps a misbehaving endpoint from looping.
const maxPolicyPages = 50

// listAllPolicies loads every managed policy, so the "Attach permissions policies"
// filter narrows the whole list as the user types, as the console's does.
func listAllPolicies(ctx context.Context, b backend.Backend) ([]model.Policy, error) {
	var out []model.Policy
	token := ""
	for range maxPolicyPages {
		page, err := b.ListPolicies(ctx, model.PolicyFilter{Scope: model.PolicyScopeAll}, model.PageRequest{Token: token})
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if token = page.NextToken; token == "" {
			break
		}
	}
	return out, nil
}

// policyColumns are the console's policy table columns.
func policyColumns(c *common.Common) []table.Column {
	return []table.Column{
		{ID: "name", Title: c.T("IAMColPolicyName"), MinWidth: 30, Sortable: true},
		{ID: "type", Title: c.T("IAMColType"), Width: 18, Sortable: true},
		{ID: "used", Title: c.T("IAMColUsedAs"), Width: 24, Sortable: true},
	}
}

// policyType is the console's "AWS managed" / "Customer managed".
func policyType(c *common.Common, arn string) string {
	if strings.HasPrefix(arn, model.AWSManagedPolicyPrefix) {
		return c.T("IAMPolicyAWSManaged")
	}
	return c.T("IAMPolicyCustomerManaged")
}

func policyRow(c *common.Common, p model.Policy) table.Row {
	used := c.T("IAMNone")
	if p.AttachmentCount > 0 {
		used = c.Tf("IAMUsedAsPermissions", map[string]any{"Count": p.AttachmentCount})
	}
	typ := policyType(c, p.Arn)
	return table.Row{
		ID:       p.Arn,
		Cells:    []string{p.PolicyName, typ, used},
		Data:     p,
		SortKeys: []string{strings.ToLower(p.PolicyName), typ, fmt.Sprintf("%08d", p.AttachmentCount)},
	}
}

func policyRows(c *common.Common, ps []model.Policy) []table.Row {
	rows := make([]table.Row, len(ps))
	for i, p := range ps {
		rows[i] = policyRow(c, p)
	}
	return rows
}

// policiesMsg answers a full policy listing for request req of owner: several
// screens on the stack list policies, and each takes only its own answer.
type policiesMsg struct {
	owner    any
	req      int
	policies []model.Policy
	err      error
}

func loadPolicies(c *common.Common, owner any, req int) tea.Cmd {
	b, ctx := c.Backend, c.Ctx
	return func() tea.Msg {
		ps, err := listAllPolicies(ctx, b)
		return policiesMsg{owner: owner, req: req, policies: ps, err: err}
	}
}

// Policies is IAM > Policies: every managed policy the account can attach.
type Policies struct {
	c        *common.Common
	refresh  key.Binding
	table    table.Model
	req      int
	policies []model.Policy
	err      error
	width    int
}

var _ nav.Screen = (*Policies)(nil)

// NewPolicies returns the Policies screen; Init loads the list.
func NewPolicies(c *common.Common) *Policies {
	p := &Policies{c: c, refresh: bind(c, "r", "KeyRefresh", "r")}
	p.table = table.New(c, policyColumns(c))
	return p
}

func (p *Policies) load() tea.Cmd {
	p.req++
	return tea.Batch(p.table.SetLoading(true), loadPolicies(p.c, p, p.req))
}

// Init implements tea.Model.
func (p *Policies) Init() tea.Cmd { return p.load() }

// Crumbs implements nav.Screen.
func (p *Policies) Crumbs() []string { return []string{p.c.T("IAMPoliciesTitle")} }

// Capturing implements nav.Screen.
func (p *Policies) Capturing() bool { return p.table.Filtering() }

// SetSize implements common.Component.
func (p *Policies) SetSize(w, h int) {
	p.width = w
	p.table.SetSize(w, max(h-2, 1))
}

// Update implements tea.Model.
func (p *Policies) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case policiesMsg:
		if msg.owner != any(p) || msg.req != p.req {
			return p, nil
		}
		p.table.SetLoading(false)
		p.err, p.policies = msg.err, msg.policies
		p.table.SetRows(policyRows(p.c, msg.policies))
		return p, nil
	case common.LanguageChangedMsg:
		p.refresh = bind(p.c, "r", "KeyRefresh", "r")
		p.table.SetColumns(policyColumns(p.c))
		p.table.SetRows(policyRows(p.c, p.policies))
	case common.IdentityChangedMsg:
		return p, p.load()
	case tea.KeyMsg:
		if !p.table.Filtering() && key.Matches(msg, p.refresh) {
			return p, p.load()
		}
	}
	var cmd tea.Cmd
	p.table, cmd = p.table.Update(msg)
	return p, cmd
}

// View implements tea.Model.
func (p *Policies) View() string {
	title := p.c.Styles.Title.Render(p.c.Tf("IAMPoliciesCount", map[string]any{"Count": len(p.policies)}))
	if p.err != nil {
		return title + "\n\n" + action.ErrorPanelWith(p.c, p.err, p.width, errorText)
	}
	return lipgloss.JoinVertical(lipgloss.Left, title, "", p.table.View())
}

// ShortHelp implements help.KeyMap.
func (p *Policies) ShortHelp() []key.Binding { return append(p.table.ShortHelp(), p.refresh) }

// FullHelp implements help.KeyMap.
func (p *Policies) FullHelp() [][]key.Binding {
	return append(p.table.FullHelp(), []key.Binding{p.refresh})
}
