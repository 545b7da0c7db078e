package cloudwatch

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/common"
)

// Key maps are built per screen from the session's localizer, never shared, so a
// language switch in one SSH session cannot change another's help. None of the
// letters collides with the table's own keys (j k g G / s S n).

// bind is a binding whose help is translated.
func bind(c *common.Common, help, descID string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, c.T(descID)))
}

// labKeys are the simulator's knobs on the alarm screens: fast-forward the clock by
// the alarm's period, book simulated charges, open the mailbox. The first two are
// disabled on a real account.
type labKeys struct {
	FastForward key.Binding
	Spend       key.Binding
	Mailbox     key.Binding
}

func newLabKeys(c *common.Common) labKeys {
	k := labKeys{
		FastForward: bind(c, "f", "CWKeyFastForward", "f"),
		Spend:       bind(c, "$", "CWKeySpend", "$"),
		Mailbox:     bind(c, "m", "CWKeyMailbox", "m"),
	}
	sim := simlab.Available(c)
	k.FastForward.SetEnabled(sim)
	k.Spend.SetEnabled(sim)
	k.Mailbox.SetEnabled(sim)
	return k
}

type alarmsKeys struct {
	Open    key.Binding
	Create  key.Binding
	Delete  key.Binding
	Refresh key.Binding
	State   key.Binding
	Region  key.Binding
	labKeys
}

func newAlarmsKeys(c *common.Common) alarmsKeys {
	return alarmsKeys{
		Open:    bind(c, "enter", "KeyOpen", "enter"),
		Create:  bind(c, "c", "CWCreateAlarm", "c"),
		Delete:  bind(c, "d", "CWKeyDelete", "d"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
		State:   bind(c, "t", "CWKeyStateFilter", "t"),
		Region:  bind(c, "R", "CWKeyRegion", "R"),
		labKeys: newLabKeys(c),
	}
}

type detailKeys struct {
	NextTab key.Binding
	PrevTab key.Binding
	Delete  key.Binding
	Refresh key.Binding
	Up      key.Binding
	Down    key.Binding
	labKeys
}

func newDetailKeys(c *common.Common) detailKeys {
	return detailKeys{
		NextTab: bind(c, "tab", "CWKeyNextTab", "tab", "right", "l"),
		PrevTab: bind(c, "shift+tab", "CWKeyPrevTab", "shift+tab", "left", "h"),
		Delete:  bind(c, "d", "CWKeyDelete", "d"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
		Up:      bind(c, "↑/k", "KeyUp", "up", "k"),
		Down:    bind(c, "↓/j", "KeyDown", "down", "j"),
		labKeys: newLabKeys(c),
	}
}
