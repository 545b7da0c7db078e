package cloudwatch

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/form"
)

// Field IDs of step 2.
const (
	fTrigger   = "trigger"
	fTopicMode = "topicmode"
	fTopic     = "topic"
	fNewTopic  = "newtopic"
	fEmails    = "emails"
	fTopicArn  = "topicarn"
)

// actionsStep is step 2, "Configure actions" (lab step A7): the alarm state that
// triggers the notification, and where it goes — an existing SNS topic (its email
// endpoints listed), a new topic with email endpoints, or a topic ARN. The form
// shows only the fields of the choice made, as the console does: it is rebuilt from
// the same fields when the choice changes, so what was typed stays.
type actionsStep struct {
	c      *common.Common
	form   *form.Form
	fields map[string]form.Field
	mode   string
	region string
	topics []model.Topic
	// endpoints are each topic's email endpoints, for the existing topic's note.
	endpoints map[string][]string
	loadErr   error
	req       int
	width     int
	height    int
}

// topicsMsg answers step 2's load of the alarm region's topics and subscriptions.
type topicsMsg struct {
	s         *actionsStep
	req       int
	topics    []model.Topic
	endpoints map[string][]string
	err       error
}

func newActionsStep(c *common.Common) *actionsStep {
	s := &actionsStep{c: c, mode: topicExisting, fields: map[string]form.Field{
		fTrigger:   form.Radio(fTrigger, form.ChoiceOptions{Value: string(model.AlarmStateAlarm)}),
		fTopicMode: form.Radio(fTopicMode, form.ChoiceOptions{Value: topicExisting}),
		fTopic:     form.Select(fTopic, form.ChoiceOptions{Rows: 4}),
		fNewTopic:  form.Text(fNewTopic, form.TextOptions{Value: defaultTopicName, MaxLength: model.MaxTopicNameLen}),
		fEmails:    form.Text(fEmails, form.TextOptions{MaxLength: 1024}),
		fTopicArn:  form.Text(fTopicArn, form.TextOptions{MaxLength: model.MaxActionArnLen}),
	}}
	s.relabel()
	s.rebuild()
	return s
}

// relabel translates every field, shown or not.
func (s *actionsStep) relabel() {
	c := s.c
	tr := s.fields[fTrigger].(*form.ChoiceField)
	tr.SetLabels(c.T("CWAlarmStateTrigger"), c.T("CWAlarmStateTriggerDesc"), "")
	tr.SetOptions([]form.Option{
		{Value: string(model.AlarmStateAlarm), Label: c.T("CWStateAlarm"), Description: c.T("CWTriggerAlarmDesc")},
		{Value: string(model.AlarmStateOK), Label: c.T("CWStateOK"), Description: c.T("CWTriggerOKDesc")},
		{Value: string(model.AlarmStateInsufficientData), Label: c.T("CWStateInsufficientData"), Description: c.T("CWTriggerInsufficientDesc")},
	})
	mode := s.fields[fTopicMode].(*form.ChoiceField)
	mode.SetLabels(c.T("CWNotifyTopicLabel"), c.T("CWSendToTopicDesc"), "")
	mode.SetOptions([]form.Option{
		{Value: topicExisting, Label: c.T("CWSelectExistingTopic"), Description: c.T("CWExistingTopicDesc")},
		{Value: topicNew, Label: c.T("CWCreateNewTopic"), Description: c.T("CWNewTopicDesc")},
		{Value: topicARN, Label: c.T("CWUseTopicArn"), Description: c.T("CWTopicArnDesc")},
	})
	s.fields[fTopic].(*form.ChoiceField).SetLabels(c.T("CWSendTo"), c.T("CWOnlyEmailLists"), s.endpointsNote())
	s.fields[fNewTopic].(*form.TextField).SetLabels(c.T("CWCreateNewTopicLabel"), "", c.T("SNSTopicNameConstraint"), defaultTopicName)
	s.fields[fEmails].(*form.TextField).SetLabels(c.T("CWEmailEndpoints"), c.T("CWEmailEndpointsDesc"), "", "name@example.com")
	s.fields[fTopicArn].(*form.TextField).SetLabels(c.T("CWTopicArnLabel"), "", "", "arn:aws:sns:"+s.region+":123456789012:my-topic")
}

// endpointsNote lists the chosen topic's email endpoints: "Email (endpoints):
// henry@suwon.ac.kr".
func (s *actionsStep) endpointsNote() string {
	arn := s.fields[fTopic].(*form.ChoiceField).Value()
	if arn == "" {
		if len(s.topics) == 0 {
			return s.c.T("CWNoTopics")
		}
		return ""
	}
	eps := s.endpoints[arn]
	if len(eps) == 0 {
		return s.c.T("CWNoEndpoints")
	}
	return s.c.Tf("CWTopicEndpoints", map[string]any{"Endpoints": strings.Join(eps, ", ")})
}

// rebuild lays out the fields of the topic choice.
func (s *actionsStep) rebuild() tea.Cmd {
	ids := []string{fTrigger, fTopicMode}
	switch s.mode {
	case topicExisting:
		ids = append(ids, fTopic)
	case topicNew:
		ids = append(ids, fNewTopic, fEmails)
	case topicARN:
		ids = append(ids, fTopicArn)
	}
	focused := fTrigger
	if s.form != nil {
		focused = s.form.Focused()
	}
	fields := make([]form.Field, len(ids))
	for i, id := range ids {
		fields[i] = s.fields[id]
	}
	s.form = form.New(s.c, fields...)
	s.form.SetSize(s.width, s.height)
	return s.form.FocusField(focused)
}

// enter loads the topics of region, where the alarm will live.
func (s *actionsStep) enter(region string) tea.Cmd {
	s.region = region
	s.relabel()
	s.req++
	req, b, ctx := s.req, s.c.Backend, s.c.Ctx
	return func() tea.Msg {
		sn := b.SNSIn(region)
		msg := topicsMsg{s: s, req: req, endpoints: map[string][]string{}}
		page, err := sn.ListTopics(ctx, model.PageRequest{})
		if err != nil {
			msg.err = err
			return msg
		}
		msg.topics = page.Items
		subs, err := sn.ListSubscriptions(ctx, "", model.PageRequest{})
		if err == nil {
			for _, sub := range subs.Items {
				if sub.Protocol == "email" || sub.Protocol == "email-json" {
					msg.endpoints[sub.TopicArn] = append(msg.endpoints[sub.TopicArn], sub.Endpoint)
				}
			}
		}
		return msg
	}
}

func (s *actionsStep) Init() tea.Cmd { return s.form.Init() }

func (s *actionsStep) SetSize(w, h int) {
	s.width, s.height = w, h
	s.form.SetSize(w, h)
}

func (s *actionsStep) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case topicsMsg:
		if msg.s != s || msg.req != s.req {
			return s, nil
		}
		s.topics, s.endpoints, s.loadErr = msg.topics, msg.endpoints, msg.err
		opts := make([]form.Option, len(s.topics))
		for i, t := range s.topics {
			opts[i] = form.Option{Value: t.Arn, Label: t.Name}
		}
		s.fields[fTopic].(*form.ChoiceField).SetOptions(opts)
		s.relabel()
		return s, nil
	case common.LanguageChangedMsg:
		s.relabel()
	}
	_, cmd := s.form.Update(msg)
	if mode := s.fields[fTopicMode].(*form.ChoiceField).Value(); mode != s.mode {
		s.mode = mode
		cmd = tea.Batch(cmd, s.rebuild())
	}
	if _, ok := msg.(tea.KeyMsg); ok {
		s.relabel() // the endpoints of the topic chosen
	}
	return s, cmd
}

// SetErrors implements the wizard's errorsSetter.
func (s *actionsStep) SetErrors(errs map[string]string) tea.Cmd { return s.form.SetErrors(errs) }

// emails are the new topic's endpoints, split at commas and spaces.
func (s *actionsStep) emails() []string {
	var out []string
	for _, e := range strings.FieldsFunc(s.form.Values().String(fEmails), func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if e != "" {
			out = append(out, e)
		}
	}
	return out
}

// validate applies SNS's and CloudWatch's rules to the choice made.
func (s *actionsStep) validate() map[string]string {
	c, v := s.c, s.form.Values()
	errs := map[string]string{}
	switch s.mode {
	case topicExisting:
		if v.String(fTopic) == "" {
			errs[fTopic] = c.T("CWChooseTopic")
		}
	case topicNew:
		name := strings.TrimSpace(v.String(fNewTopic))
		if err := model.ValidateTopicName(name); err != nil {
			errs[fNewTopic] = common.ErrorText(c, err)
		}
		for _, t := range s.topics {
			if t.Name == name {
				errs[fNewTopic] = c.Tf("CWTopicExists", map[string]any{"Name": name})
			}
		}
		emails := s.emails()
		if len(emails) == 0 {
			errs[fEmails] = c.T("CWEmailRequired")
		}
		for _, e := range emails {
			if model.ValidateEmail(e) != nil {
				errs[fEmails] = c.Tf("CWEmailInvalid", map[string]any{"Email": e})
				break
			}
		}
	case topicARN:
		arn := strings.TrimSpace(v.String(fTopicArn))
		if arn == "" {
			errs[fTopicArn] = c.T("ValidateRequired")
		} else if err := model.ValidateAlarmActions("AlarmActions", "alarmActions", []string{arn}, s.region); err != nil {
			errs[fTopicArn] = common.ErrorText(c, err)
		}
	}
	return errs
}

// fill copies the step's values into p.
func (s *actionsStep) fill(p *alarmPlan) {
	v := s.form.Values()
	p.trigger = model.AlarmState(v.String(fTrigger))
	p.topicMode = s.mode
	switch s.mode {
	case topicExisting:
		p.topicArn = v.String(fTopic)
	case topicNew:
		p.newTopic, p.emails = strings.TrimSpace(v.String(fNewTopic)), s.emails()
	case topicARN:
		p.topicArn = strings.TrimSpace(v.String(fTopicArn))
	}
}

func (s *actionsStep) View() string {
	view := s.form.View()
	if s.loadErr != nil {
		view = s.c.Styles.Form.Error.Render("✕ "+common.ErrorText(s.c, s.loadErr)) + "\n" + view
	}
	return view
}

func (s *actionsStep) ShortHelp() []key.Binding  { return s.form.ShortHelp() }
func (s *actionsStep) FullHelp() [][]key.Binding { return s.form.FullHelp() }
