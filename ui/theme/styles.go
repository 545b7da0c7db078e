package theme

import "github.com/charmbracelet/lipgloss"

// Styles are all the styles of one session. Components take the sub-struct they need
// (e.g. Table) so they never reach for lipgloss's global renderer.
type Styles struct {
	Theme Theme

	App lipgloss.Style

	Header        lipgloss.Style
	HeaderTitle   lipgloss.Style
	HeaderLabel   lipgloss.Style
	HeaderValue   lipgloss.Style
	ModeSimulator lipgloss.Style
	ModeAWS       lipgloss.Style

	Breadcrumb        lipgloss.Style
	BreadcrumbSep     lipgloss.Style
	BreadcrumbCurrent lipgloss.Style

	Title    lipgloss.Style
	Subtitle lipgloss.Style
	Text     lipgloss.Style
	Muted    lipgloss.Style
	Faint    lipgloss.Style
	Error    lipgloss.Style
	Warning  lipgloss.Style
	Success  lipgloss.Style
	Info     lipgloss.Style
	Link     lipgloss.Style

	Menu MenuStyles
	Help HelpStyles
	Box  lipgloss.Style // a bordered panel

	// Component styles (ui/components/…); each component takes only its own part.
	Spinner lipgloss.Style // the spinner glyph of every loading line
	Button  ButtonStyles
	Table   TableStyles
	Wizard  WizardStyles
	Form    FormStyles
	JSON    JSONStyles
	Dialog  DialogStyles
	Panel   PanelStyles
	Chart   ChartStyles
}

// ChartStyles style ui/components/chart: the metric's line in the console's blue and
// the threshold in its red, so "the blue line goes above the red line" reads as it
// does in the alarm wizard's graph.
type ChartStyles struct {
	Axis      lipgloss.Style // the y axis, the x axis and their ticks
	Label     lipgloss.Style // values on the y axis, times on the x axis
	Series    lipgloss.Style
	Threshold lipgloss.Style
	Legend    lipgloss.Style
	Empty     lipgloss.Style // "No data available"
}

// ButtonStyles style the keyboard "buttons" of wizards and dialogs: a key hint followed
// by the label, so a button reads "[esc] Cancel" even without colour.
type ButtonStyles struct {
	Key      lipgloss.Style // the "[esc]" hint
	Normal   lipgloss.Style
	Primary  lipgloss.Style // the step's main action (Next, Create alarm)
	Danger   lipgloss.Style // destructive confirm (Delete)
	Disabled lipgloss.Style // confirm not yet allowed (type-to-confirm unmet)
}

// TableStyles style ui/components/table.
type TableStyles struct {
	Header            lipgloss.Style // the column-title row
	SortIndicator     lipgloss.Style // ▲/▼ beside the sorted column's title
	Row               lipgloss.Style // a row that is not selected
	Selected          lipgloss.Style // the row under the cursor, whole width
	Cursor            lipgloss.Style // the gutter mark of the selected row
	Empty             lipgloss.Style // "No resources to display"
	Footer            lipgloss.Style // position, filter and sort summary
	More              lipgloss.Style // "More available — press n"
	FilterPrompt      lipgloss.Style
	FilterText        lipgloss.Style
	FilterPlaceholder lipgloss.Style
}

// WizardStyles style ui/components/wizard: the step list and the frame around a step.
type WizardStyles struct {
	StepNumber   lipgloss.Style // "Step 1" above each title
	StepCurrent  lipgloss.Style
	StepDone     lipgloss.Style
	StepUpcoming lipgloss.Style
	Marker       lipgloss.Style // the bar beside the current step
	Divider      lipgloss.Style // the line between step list and content
	Title        lipgloss.Style // the current step's title over the content
	Errors       lipgloss.Style // the summary of errors that block Next
}

// FormStyles style ui/components/form fields.
type FormStyles struct {
	Label          lipgloss.Style
	LabelFocused   lipgloss.Style
	Optional       lipgloss.Style // "- optional" after a label
	Description    lipgloss.Style // help under the label
	Constraint     lipgloss.Style // "Up to 64 characters…" under the control
	Error          lipgloss.Style // the caller's validation message
	Prompt         lipgloss.Style // the input's prompt when blurred
	PromptFocused  lipgloss.Style
	Input          lipgloss.Style
	Placeholder    lipgloss.Style
	Cursor         lipgloss.Style
	Control        lipgloss.Style // [ ] and ( ) marks
	ControlFocused lipgloss.Style
	Option         lipgloss.Style
	OptionFocused  lipgloss.Style // the option under the cursor of a focused group
	OptionDesc     lipgloss.Style
	Action         lipgloss.Style // in-form buttons: Add new tag, Remove
	ActionFocused  lipgloss.Style
}

// JSONStyles colour ui/components/jsonview by token kind.
type JSONStyles struct {
	Key        lipgloss.Style
	String     lipgloss.Style
	Number     lipgloss.Style
	Bool       lipgloss.Style
	Null       lipgloss.Style
	Punct      lipgloss.Style
	Text       lipgloss.Style // raw text shown when the document is not valid JSON
	LineNumber lipgloss.Style
	Footer     lipgloss.Style
	Error      lipgloss.Style
}

// DialogStyles style ui/components/dialog.
type DialogStyles struct {
	Box       lipgloss.Style
	DangerBox lipgloss.Style // a box for destructive confirms
	Title     lipgloss.Style
	Body      lipgloss.Style
	Prompt    lipgloss.Style // "To confirm, type …"
}

// PanelKindStyles style one kind of message panel.
type PanelKindStyles struct {
	Box   lipgloss.Style
	Title lipgloss.Style
}

// PanelStyles style ui/components/panel, like the console's red "insufficient
// permissions" alert.
type PanelStyles struct {
	Error   PanelKindStyles
	Warning PanelKindStyles
	Info    PanelKindStyles
	Success PanelKindStyles
	Body    lipgloss.Style
}

// MenuStyles style the service menu.
type MenuStyles struct {
	Item         lipgloss.Style
	ItemSelected lipgloss.Style
	Desc         lipgloss.Style
	DescSelected lipgloss.Style
	Cursor       lipgloss.Style
}

// HelpStyles style the help bar (bubbles/help).
type HelpStyles struct {
	Key  lipgloss.Style
	Desc lipgloss.Style
	Sep  lipgloss.Style
}

// DefaultStyles builds the styles of one session from its renderer.
func DefaultStyles(r *lipgloss.Renderer, t Theme) *Styles {
	s := &Styles{Theme: t}
	ns := r.NewStyle

	s.App = ns()

	s.Header = ns().Background(t.HeaderBg).Foreground(t.HeaderFg).Padding(0, 1)
	s.HeaderTitle = ns().Background(t.HeaderBg).Foreground(t.Primary).Bold(true)
	s.HeaderLabel = ns().Background(t.HeaderBg).Foreground(lipgloss.AdaptiveColor{Light: "#B6BEC9", Dark: "#B6BEC9"})
	s.HeaderValue = ns().Background(t.HeaderBg).Foreground(t.HeaderFg)
	s.ModeSimulator = ns().Background(t.Success).Foreground(lipgloss.Color("#FFFFFF")).Bold(true).Padding(0, 1)
	s.ModeAWS = ns().Background(t.Danger).Foreground(lipgloss.Color("#FFFFFF")).Bold(true).Padding(0, 1)

	s.Breadcrumb = ns().Foreground(t.Secondary)
	s.BreadcrumbSep = ns().Foreground(t.Faint)
	s.BreadcrumbCurrent = ns().Foreground(t.Text).Bold(true)

	s.Title = ns().Foreground(t.Text).Bold(true)
	s.Subtitle = ns().Foreground(t.Muted)
	s.Text = ns().Foreground(t.Text)
	s.Muted = ns().Foreground(t.Muted)
	s.Faint = ns().Foreground(t.Faint)
	s.Error = ns().Foreground(t.Danger)
	s.Warning = ns().Foreground(t.Warning)
	s.Success = ns().Foreground(t.Success)
	s.Info = ns().Foreground(t.Info)
	s.Link = ns().Foreground(t.Secondary).Underline(true)

	s.Menu = MenuStyles{
		Item:         ns().Foreground(t.Text).PaddingLeft(2),
		ItemSelected: ns().Foreground(t.Primary).Bold(true).PaddingLeft(0),
		Desc:         ns().Foreground(t.Muted),
		DescSelected: ns().Foreground(t.Text),
		Cursor:       ns().Foreground(t.Primary).Bold(true),
	}
	s.Help = HelpStyles{
		Key:  ns().Foreground(t.Primary),
		Desc: ns().Foreground(t.Muted),
		Sep:  ns().Foreground(t.Faint),
	}
	s.Box = ns().Border(lipgloss.RoundedBorder()).BorderForeground(t.Border).Padding(0, 1)

	s.Spinner = ns().Foreground(t.Primary)
	s.Button = ButtonStyles{
		Key:      ns().Foreground(t.Muted),
		Normal:   ns().Foreground(t.Text).Bold(true),
		Primary:  ns().Foreground(t.Primary).Bold(true),
		Danger:   ns().Foreground(t.Danger).Bold(true),
		Disabled: ns().Foreground(t.Faint),
	}
	s.Table = TableStyles{
		Header:            ns().Foreground(t.Text).Bold(true),
		SortIndicator:     ns().Foreground(t.Primary),
		Row:               ns().Foreground(t.Text),
		Selected:          ns().Background(t.SelectedBg).Foreground(t.SelectedFg).Bold(true),
		Cursor:            ns().Background(t.SelectedBg).Foreground(t.Primary).Bold(true),
		Empty:             ns().Foreground(t.Muted),
		Footer:            ns().Foreground(t.Muted),
		More:              ns().Foreground(t.Secondary),
		FilterPrompt:      ns().Foreground(t.Primary).Bold(true),
		FilterText:        ns().Foreground(t.Text),
		FilterPlaceholder: ns().Foreground(t.Faint),
	}
	s.Wizard = WizardStyles{
		StepNumber:   ns().Foreground(t.Muted),
		StepCurrent:  ns().Foreground(t.Text).Bold(true),
		StepDone:     ns().Foreground(t.Secondary),
		StepUpcoming: ns().Foreground(t.Faint),
		Marker:       ns().Foreground(t.Primary).Bold(true),
		Divider:      ns().Foreground(t.Border),
		Title:        ns().Foreground(t.Text).Bold(true),
		Errors:       ns().Foreground(t.Danger).Bold(true),
	}
	s.Form = FormStyles{
		Label:          ns().Foreground(t.Text).Bold(true),
		LabelFocused:   ns().Foreground(t.Primary).Bold(true),
		Optional:       ns().Foreground(t.Muted).Italic(true),
		Description:    ns().Foreground(t.Muted),
		Constraint:     ns().Foreground(t.Faint),
		Error:          ns().Foreground(t.Danger),
		Prompt:         ns().Foreground(t.Faint),
		PromptFocused:  ns().Foreground(t.Primary).Bold(true),
		Input:          ns().Foreground(t.Text),
		Placeholder:    ns().Foreground(t.Faint),
		Cursor:         ns().Foreground(t.Primary),
		Control:        ns().Foreground(t.Muted),
		ControlFocused: ns().Foreground(t.Primary).Bold(true),
		Option:         ns().Foreground(t.Text),
		OptionFocused:  ns().Foreground(t.Primary).Bold(true),
		OptionDesc:     ns().Foreground(t.Muted),
		Action:         ns().Foreground(t.Secondary),
		ActionFocused:  ns().Foreground(t.Primary).Bold(true).Underline(true),
	}
	s.JSON = JSONStyles{
		Key:        ns().Foreground(t.Secondary),
		String:     ns().Foreground(t.Success),
		Number:     ns().Foreground(t.Warning),
		Bool:       ns().Foreground(t.Primary),
		Null:       ns().Foreground(t.Faint),
		Punct:      ns().Foreground(t.Muted),
		Text:       ns().Foreground(t.Text),
		LineNumber: ns().Foreground(t.Faint),
		Footer:     ns().Foreground(t.Muted),
		Error:      ns().Foreground(t.Danger).Bold(true),
	}
	s.Dialog = DialogStyles{
		Box:       ns().Border(lipgloss.RoundedBorder()).BorderForeground(t.Primary).Padding(0, 1),
		DangerBox: ns().Border(lipgloss.RoundedBorder()).BorderForeground(t.Danger).Padding(0, 1),
		Title:     ns().Foreground(t.Text).Bold(true),
		Body:      ns().Foreground(t.Text),
		Prompt:    ns().Foreground(t.Muted),
	}
	panelKind := func(c lipgloss.AdaptiveColor) PanelKindStyles {
		return PanelKindStyles{
			Box:   ns().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(c).PaddingLeft(1),
			Title: ns().Foreground(c).Bold(true),
		}
	}
	s.Panel = PanelStyles{
		Error:   panelKind(t.Danger),
		Warning: panelKind(t.Warning),
		Info:    panelKind(t.Info),
		Success: panelKind(t.Success),
		Body:    ns().Foreground(t.Text),
	}
	s.Chart = ChartStyles{
		Axis:      ns().Foreground(t.Border),
		Label:     ns().Foreground(t.Muted),
		Series:    ns().Foreground(t.Secondary),
		Threshold: ns().Foreground(t.Danger),
		Legend:    ns().Foreground(t.Text),
		Empty:     ns().Foreground(t.Muted),
	}
	return s
}
