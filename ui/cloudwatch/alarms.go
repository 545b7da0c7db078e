// Package cloudwatch holds the CloudWatch screens of the console: the CloudWatch home,
// Alarms (the lab's list with its state filter and search), the alarm details with
// the metric's chart, and the four-step Create alarm wizard of lab steps A2–A10.
// Every backend call runs in a tea.Cmd whose answer is tagged with the request that
// asked, every change shows its AWS CLI equivalent, and in simulator mode the alarm
// screens can fast-forward the clock and book charges, so the student sees the
// billing alarm go from Insufficient data to OK to In alarm.
package cloudwatch

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/sns"
)

// Alarms is CloudWatch > Alarms with the lab's columns (step A10): name, state, last
// state update, conditions and actions, a state filter ("All states"), the table's
// search, and under it the selected alarm's full condition and state reason.
type Alarms struct {
	c         *common.Common
	keys      alarmsKeys
	table     table.Model
	runner    action.Runner
	prompt    *simlab.Prompt
	req       int // tags loads so a late page never lands after a refresh
	region    string
	state     model.AlarmState // "" shows every state
	alarms    []model.Alarm
	nextToken string
	err       error
	now       time.Time // the (simulated) clock, for the lab's status line
	created   *alarmCreatedMsg
	underHome bool // opened from the CloudWatch home, whose crumb says CloudWatch
	width     int
	height    int
}

var _ nav.Screen = (*Alarms)(nil)

// NewAlarms returns the Alarms list of the console's region; Init loads it.
func NewAlarms(c *common.Common) *Alarms {
	a := &Alarms{c: c, keys: newAlarmsKeys(c), runner: action.New(c), region: c.Backend.Info().Region}
	a.table = table.New(c, a.columns())
	a.table.SetEmptyText(c.T("CWAlarmsEmpty"))
	a.syncKeys()
	return a
}

func (a *Alarms) columns() []table.Column {
	return []table.Column{
		{ID: "name", Title: a.c.T("CWColName"), MinWidth: 12, Sortable: true},
		{ID: "state", Title: a.c.T("CWColState"), Width: 17, Sortable: true},
		{ID: "updated", Title: a.c.T("CWColLastUpdate"), Width: 20, Sortable: true},
		{ID: "conditions", Title: a.c.T("CWColConditions"), MinWidth: 20},
		{ID: "actions", Title: a.c.T("CWColActions"), Width: 16},
	}
}

// alarmsMsg is a page of alarms for load number req.
type alarmsMsg struct {
	owner  *Alarms
	req    int
	page   model.Page[model.Alarm]
	err    error
	append bool
}

// alarmsNowTag tags the list's clock reads.
type alarmsNowTag struct{ a *Alarms }

// labAfter tags the list's fast-forward and spend actions in their DoneMsg.
type labAfter struct{ a *Alarms }

// deleteAfter tags a delete action with the alarm it deletes.
type deleteAfter struct {
	a    *Alarms
	name string
}

// alarmCreatedMsg tells the Alarms list that the wizard above it created an alarm:
// the list moves to the alarm's region and says what to do next (confirm the
// subscription mailed to the topic's new email endpoints).
type alarmCreatedMsg struct {
	name     string
	region   string
	topicArn string
	emails   []string
}

// alarmsChangedMsg tells the lists below a detail page that an alarm changed.
type alarmsChangedMsg struct{}

func (a *Alarms) load(token string) tea.Cmd {
	if token == "" {
		a.req++
	}
	req, ctx := a.req, a.c.Ctx
	cw := a.c.Backend.CloudWatchIn(a.region)
	filter := model.AlarmFilter{State: a.state}
	spin := a.table.SetLoading(true)
	return tea.Batch(spin, simlab.LoadNow(a.c, alarmsNowTag{a}), func() tea.Msg {
		page, err := cw.ListAlarms(ctx, filter, model.PageRequest{Token: token})
		return alarmsMsg{owner: a, req: req, page: page, err: err, append: token != ""}
	})
}

// Init implements tea.Model.
func (a *Alarms) Init() tea.Cmd { return a.load("") }

// Crumbs implements nav.Screen.
func (a *Alarms) Crumbs() []string {
	if a.underHome {
		return []string{a.c.T("CWAlarms")}
	}
	return []string{a.c.T("MenuCloudWatch"), a.c.T("CWAlarms")}
}

// Capturing implements nav.Screen: while the search or the charges prompt takes text.
func (a *Alarms) Capturing() bool { return a.table.Filtering() || a.prompt != nil || a.runner.Open() }

// SetSize implements common.Component.
func (a *Alarms) SetSize(w, h int) {
	a.width, a.height = w, h
	a.runner.SetSize(w, h)
	a.layout()
}

// Region is the region whose alarms are listed, for tests.
func (a *Alarms) Region() string { return a.region }

// Update implements tea.Model.
func (a *Alarms) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer a.layout()
	handled, rcmd, done := a.runner.Update(msg)
	if handled {
		return a, tea.Batch(rcmd, a.afterAction(done))
	}
	return a, tea.Batch(rcmd, a.update(msg))
}

func (a *Alarms) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case alarmsMsg:
		if msg.owner != a || msg.req != a.req {
			return nil
		}
		a.table.SetLoading(false)
		a.err = msg.err
		if msg.err != nil {
			return nil
		}
		if msg.append {
			a.alarms = append(a.alarms, msg.page.Items...)
		} else {
			a.alarms = msg.page.Items
		}
		a.table.SetRows(a.rows())
		a.nextToken = msg.page.NextToken
		a.table.SetHasMore(a.nextToken != "")
		return nil
	case simlab.NowMsg:
		if t, ok := msg.Tag.(alarmsNowTag); ok && t.a == a {
			a.now = msg.Now
		}
		return nil
	case alarmCreatedMsg:
		a.created = &msg
		a.region = msg.region
		a.runner.Clear()
		a.syncKeys()
		return a.load("")
	case alarmsChangedMsg:
		return a.load("")
	case table.NextPageMsg:
		if a.nextToken != "" {
			return a.load(a.nextToken)
		}
		return nil
	case common.LanguageChangedMsg:
		a.keys = newAlarmsKeys(a.c)
		a.syncKeys()
		a.table.SetColumns(a.columns())
		a.table.SetEmptyText(a.c.T("CWAlarmsEmpty"))
		a.table.SetRows(a.rows())
		if a.prompt != nil {
			a.prompt.Update(msg)
		}
	case common.IdentityChangedMsg:
		a.runner.Clear()
		return a.load("")
	case tea.KeyMsg:
		if a.prompt != nil {
			return a.updatePrompt(msg)
		}
		if !a.table.Filtering() {
			if cmd, ok := a.handleKey(msg); ok {
				return cmd
			}
		}
	}
	var cmd tea.Cmd
	a.table, cmd = a.table.Update(msg)
	return cmd
}

// handleKey runs the list's own keys; ok is false for keys the table takes.
func (a *Alarms) handleKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := a.keys
	switch {
	case key.Matches(msg, k.Refresh):
		return a.load(""), true
	case key.Matches(msg, k.Create):
		return nav.Push(NewCreateAlarm(a.c, true)), true
	case key.Matches(msg, k.Open):
		if r, ok := a.table.Selected(); ok {
			return nav.Push(NewAlarmDetail(a.c, a.region, r.ID)), true
		}
		return nil, true
	case key.Matches(msg, k.Delete):
		if r, ok := a.table.Selected(); ok {
			return a.runner.Start(deleteAction(a.c, a.region, r.ID, deleteAfter{a, r.ID})), true
		}
		return nil, true
	case key.Matches(msg, k.State):
		a.state = nextState(a.state)
		return a.load(""), true
	case key.Matches(msg, k.Region):
		a.region = otherRegion(a.c.Backend.Info().Region, a.region)
		a.created = nil
		return a.load(""), true
	case key.Matches(msg, k.FastForward):
		return a.runner.Start(simlab.FastForward(a.c, a.fastForwardBy(), labAfter{a})), true
	case key.Matches(msg, k.Spend):
		a.prompt = simlab.NewPrompt(a.c)
		return a.prompt.Init(), true
	case key.Matches(msg, k.Mailbox):
		return nav.Push(sns.NewMailbox(a.c, a.mailAddress())), true
	}
	return nil, false
}

// updatePrompt feeds the charges prompt; enter books the charges.
func (a *Alarms) updatePrompt(msg tea.KeyMsg) tea.Cmd {
	usd, done, canceled, cmd := a.prompt.Update(msg)
	switch {
	case canceled:
		a.prompt = nil
	case done:
		a.prompt = nil
		return a.runner.Start(simlab.Spend(a.c, usd, labAfter{a}))
	}
	return cmd
}

// afterAction reloads after a change made from this list.
func (a *Alarms) afterAction(done *action.DoneMsg) tea.Cmd {
	if done == nil || done.Err != nil {
		return nil
	}
	switch after := done.Act.After.(type) {
	case labAfter:
		if after.a == a {
			return a.load("")
		}
	case deleteAfter:
		if after.a == a {
			if a.created != nil && a.created.name == after.name {
				a.created = nil
			}
			return a.load("")
		}
	}
	return nil
}

// fastForwardBy is the selected alarm's period, so one press brings its next
// datapoint and evaluation; six hours (billing's interval) without one.
func (a *Alarms) fastForwardBy() time.Duration {
	if r, ok := a.table.Selected(); ok {
		if al, ok := r.Data.(model.Alarm); ok && al.Period > 0 {
			return time.Duration(al.Period) * time.Second
		}
	}
	return model.BillingPeriodHours * time.Hour
}

// mailAddress is the address the mailbox opens on: the one the wizard just subscribed.
func (a *Alarms) mailAddress() string {
	if a.created != nil && len(a.created.emails) > 0 {
		return a.created.emails[0]
	}
	return ""
}

// syncKeys enables the keys that can act: the region switch only on a real account
// outside us-east-1, where billing alarms live elsewhere.
func (a *Alarms) syncKeys() {
	info := a.c.Backend.Info()
	a.keys.Region.SetEnabled(info.Mode == backend.ModeAWS && info.Region != model.BillingRegion)
}

// nextState cycles the state filter: All states, In alarm, OK, Insufficient data.
func nextState(s model.AlarmState) model.AlarmState {
	switch s {
	case "":
		return model.AlarmStateAlarm
	case model.AlarmStateAlarm:
		return model.AlarmStateOK
	case model.AlarmStateOK:
		return model.AlarmStateInsufficientData
	}
	return ""
}

// otherRegion toggles between the console's region and us-east-1.
func otherRegion(home, current string) string {
	if current == home {
		return model.BillingRegion
	}
	return home
}

func (a *Alarms) rows() []table.Row {
	rows := make([]table.Row, len(a.alarms))
	for i, al := range a.alarms {
		rows[i] = table.Row{
			ID:       al.Name,
			Cells:    []string{al.Name, stateLabel(a.c, al.State), simlab.Stamp(al.StateUpdated), condition(a.c, al), actionsText(a.c, al)},
			Data:     al,
			SortKeys: []string{"", string(al.State), al.StateUpdated.UTC().Format(time.RFC3339)},
		}
	}
	return rows
}
