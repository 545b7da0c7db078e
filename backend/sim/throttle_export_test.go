package sim

import "time"

// FreezeThrottleClock stops the wall clock the throttler refills its buckets by,
// so a test sees the rate without depending on how fast the machine is.
func FreezeThrottleClock(s *Sim) {
	at := time.Now()
	s.throttles.mu.Lock()
	s.throttles.now = func() time.Time { return at }
	s.throttles.mu.Unlock()
}
