package cloudtrail

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// trailInfo is a trail with its status; statusErr keeps a denied GetTrailStatus from
// hiding the trail itself.
type trailInfo struct {
	trail     model.Trail
	status    model.TrailStatus
	statusErr error
}

// trailsMsg answers a trails load number req.
type trailsMsg struct {
	req    int
	trails []trailInfo
	err    error
}

// loadTrails lists the trails and asks each one's status, as the Trails page does.
func loadTrails(ctx context.Context, b backend.Backend, req int) tea.Cmd {
	return func() tea.Msg {
		trails, err := b.ListTrails(ctx)
		if err != nil {
			return trailsMsg{req: req, err: err}
		}
		out := make([]trailInfo, len(trails))
		for i, t := range trails {
			st, err := b.GetTrailStatus(ctx, t.ARN)
			out[i] = trailInfo{trail: t, status: st, statusErr: err}
		}
		return trailsMsg{req: req, trails: out}
	}
}

// trailsChangedMsg tells the screens below that a trail was created, deleted or
// turned on or off, so they reload.
type trailsChangedMsg struct{}
