package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/model/lab"
	"github.com/labconsole/labconsole/ui/billing"
	"github.com/labconsole/labconsole/ui/cloudtrail"
	"github.com/labconsole/labconsole/ui/cloudwatch"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/iam"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/placeholder"
	"github.com/labconsole/labconsole/ui/s3"
	"github.com/labconsole/labconsole/ui/sns"
)

// open builds the first screen of a service. Services not built yet get a placeholder
// that says so.
func (m *Model) open(s nav.Service) nav.Screen {
	switch s {
	case nav.IAM:
		return iam.NewHome(m.c)
	case nav.Billing:
		return billing.NewPreferences(m.c)
	case nav.CloudWatch:
		return cloudwatch.NewHome(m.c)
	case nav.CloudTrail:
		return cloudtrail.NewDashboard(m.c)
	case nav.S3:
		return s3.NewBuckets(m.c)
	default:
		return placeholder.New(m.c, "MenuLab")
	}
}

// screenPaths open each of model/lab's Screens: the screens to push, in order, so
// the breadcrumbs read the way the console's do (IAM > User groups > Create group)
// and esc walks back the same way. arg is what follows the colon.
var screenPaths = map[string]func(c *common.Common, arg string) []nav.Screen{
	"billing":             func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{billing.NewPreferences(c)} },
	"billing.preferences": func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{billing.NewPreferences(c)} },
	"cloudwatch":          func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{cloudwatch.NewHome(c)} },
	// The Alarms list names CloudWatch in its own crumb when it is not under the home.
	"cloudwatch.alarms": func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{cloudwatch.NewAlarms(c)} },
	"cloudwatch.alarms.create": func(c *common.Common, _ string) []nav.Screen {
		return []nav.Screen{cloudwatch.NewAlarms(c), cloudwatch.NewCreateAlarm(c, true)}
	},
	"cloudwatch.topics": func(c *common.Common, _ string) []nav.Screen {
		return []nav.Screen{cloudwatch.NewHome(c), sns.NewTopics(c)}
	},
	"cloudwatch.subscriptions": func(c *common.Common, _ string) []nav.Screen {
		return []nav.Screen{cloudwatch.NewHome(c), sns.NewSubscriptions(c, "")}
	},
	"cloudwatch.mailbox": func(c *common.Common, _ string) []nav.Screen {
		return []nav.Screen{cloudwatch.NewHome(c), sns.NewMailbox(c, "")}
	},
	"iam":        func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{iam.NewHome(c)} },
	"iam.groups": func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{iam.NewHome(c), iam.NewGroups(c)} },
	"iam.groups.create": func(c *common.Common, _ string) []nav.Screen {
		return []nav.Screen{iam.NewHome(c), iam.NewGroups(c), iam.NewCreateGroup(c)}
	},
	"iam.group": func(c *common.Common, name string) []nav.Screen {
		return []nav.Screen{iam.NewHome(c), iam.NewGroups(c), iam.NewGroupDetail(c, name)}
	},
	"iam.users": func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{iam.NewHome(c), iam.NewUsers(c)} },
	"iam.users.create": func(c *common.Common, _ string) []nav.Screen {
		return []nav.Screen{iam.NewHome(c), iam.NewUsers(c), iam.NewAddUsers(c)}
	},
	"iam.user": func(c *common.Common, name string) []nav.Screen {
		return []nav.Screen{iam.NewHome(c), iam.NewUsers(c), iam.NewUserDetail(c, name)}
	},
	"cloudtrail":           func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{cloudtrail.NewDashboard(c)} },
	"cloudtrail.dashboard": func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{cloudtrail.NewDashboard(c)} },
	"cloudtrail.history": func(c *common.Common, _ string) []nav.Screen {
		return []nav.Screen{cloudtrail.NewDashboard(c), cloudtrail.NewEventHistory(c)}
	},
	"cloudtrail.trails": func(c *common.Common, _ string) []nav.Screen {
		return []nav.Screen{cloudtrail.NewDashboard(c), cloudtrail.NewTrails(c)}
	},
	"cloudtrail.trails.create": func(c *common.Common, _ string) []nav.Screen {
		return []nav.Screen{cloudtrail.NewDashboard(c), cloudtrail.NewTrails(c), cloudtrail.NewCreateTrail(c)}
	},
	"cloudtrail.trail": func(c *common.Common, name string) []nav.Screen {
		return []nav.Screen{cloudtrail.NewDashboard(c), cloudtrail.NewTrails(c), cloudtrail.NewTrailDetail(c, name)}
	},
	"s3":         func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{s3.NewBuckets(c)} },
	"s3.buckets": func(c *common.Common, _ string) []nav.Screen { return []nav.Screen{s3.NewBuckets(c)} },
	// BUCKET or BUCKET/PREFIX: the S3 browser pushes one screen per folder itself.
	"s3.bucket": func(c *common.Common, arg string) []nav.Screen {
		bucket, prefix, _ := strings.Cut(arg, "/")
		return []nav.Screen{s3.NewBrowser(c, bucket, prefix)}
	},
}

// screensFor resolves a lab step's screen ("iam.groups.create", "iam.user:lab-user")
// to the screens to push; ok is false for a screen the console does not know.
func (m *Model) screensFor(screen string) ([]nav.Screen, bool) {
	name, arg := lab.SplitScreen(screen)
	open, ok := screenPaths[name]
	if !ok {
		return nil, false
	}
	return open(m.c, arg), true
}

// goTo opens a lab step's screen from the console home: the stack is cut back to the
// service menu and the screens above the step's are pushed in order, so the
// breadcrumbs show the way there and esc walks back along it.
func (m *Model) goTo(screen string) tea.Cmd {
	screens, ok := m.screensFor(screen)
	if !ok {
		return nil
	}
	return m.openPath(screens)
}

// openPath cuts the stack back to the service menu and pushes screens in order.
func (m *Model) openPath(screens []nav.Screen) tea.Cmd {
	m.stack = m.stack[:1]
	cmds := make([]tea.Cmd, 0, len(screens))
	for _, s := range screens {
		cmds = append(cmds, m.push(s))
	}
	return tea.Batch(cmds...)
}
