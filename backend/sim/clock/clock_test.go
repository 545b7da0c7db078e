package clock

import (
	"testing"
	"time"
)

func TestAdvanceMovesTimeAndNotifies(t *testing.T) {
	base := time.Date(2026, 11, 22, 4, 0, 0, 0, time.UTC)
	c := New(func() time.Time { return base }, 0)
	var got []time.Duration
	cancel := c.OnAdvance(func(from, to time.Time) { got = append(got, to.Sub(from)) })
	from, to := c.Advance(10 * time.Minute)
	if !from.Equal(base) || !to.Equal(base.Add(10*time.Minute)) {
		t.Fatalf("Advance span = %v..%v", from, to)
	}
	if !c.Now().Equal(base.Add(10 * time.Minute)) {
		t.Fatalf("Now = %v", c.Now())
	}
	c.Advance(-time.Hour)
	if c.Offset() != 10*time.Minute {
		t.Fatalf("negative advance changed offset to %v", c.Offset())
	}
	cancel()
	c.Advance(time.Minute)
	if len(got) != 2 || got[0] != 10*time.Minute || got[1] != 0 {
		t.Fatalf("listener saw %v", got)
	}
}
