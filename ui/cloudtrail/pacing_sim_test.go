package cloudtrail_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/nav"
)

// TestEventHistoryWaitsItsTurnOnTheSimulator: another session of the same account
// loads events while Event history opens; through the real pacing of backend/awsapi
// the screen says it waits for CloudTrail's rate limit, then shows the events and no
// longer says it.
func TestEventHistoryWaitsItsTurnOnTheSimulator(t *testing.T) {
	m, c, s := session(t, locales.English)
	addEvents(t, s, c)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(110, 30))
	waitFor(t, tm, "Administrator")
	tm.Send(nav.OpenMsg{Service: nav.CloudTrail})
	waitFor(t, tm, "amazonaws.com")

	// The other session: same simulated account and key, so the same pace.
	creds := s.AdminCredentials()
	other := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := other.LookupEvents(context.Background(), model.EventQuery{Page: model.PageRequest{Limit: 1}}); err != nil {
				t.Error(err)
			}
		})
	}
	time.Sleep(50 * time.Millisecond) // they are queued
	tm.Send(keyMsg("e"))
	waitFor(t, tm, "Waiting for CloudTrail's rate limit (2 requests/s)… ")
	wg.Wait()
	time.Sleep(1200 * time.Millisecond) // Event history's turn comes at most 500ms later
	tm.Send(tea.QuitMsg{})
	v := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
	if strings.Contains(v, "Waiting for CloudTrail") || !strings.Contains(v, "CreateUser") || !strings.Contains(v, "Event history") {
		t.Fatalf("after its turn, Event history shows:\n%s", v)
	}
}
