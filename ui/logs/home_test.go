package logs_test

import (
	"strings"
	"testing"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/cloudwatch"
	"github.com/labconsole/labconsole/ui/cloudwatch/cwtest"
	"github.com/labconsole/labconsole/ui/logs"
	"github.com/labconsole/labconsole/ui/nav"
)

// TestCloudWatchHomeOpensLogGroups: the CloudWatch home lists Log groups, and enter
// on it pushes the list.
func TestCloudWatchHomeOpensLogGroups(t *testing.T) {
	c, _ := cwtest.NewLab(t, locales.Korean)
	h := cloudwatch.NewHome(c)
	h.SetSize(100, 24)
	if !strings.Contains(h.View(), "로그 그룹") {
		t.Fatalf("the home lists Log groups:\n%s", h.View())
	}
	cwtest.Press(t, h, "up") // the last entry
	msgs := cwtest.Press(t, h, "enter")
	if len(msgs) != 1 {
		t.Fatalf("want a push, got %v", msgs)
	}
	p, ok := msgs[0].(nav.PushMsg)
	if !ok {
		t.Fatalf("want a push, got %T", msgs[0])
	}
	g, ok := p.Screen.(*logs.Groups)
	if !ok {
		t.Fatalf("pushed %T", p.Screen)
	}
	if crumbs := g.Crumbs(); len(crumbs) != 1 || crumbs[0] != "로그 그룹" {
		t.Errorf("crumbs = %v", crumbs)
	}
}
